// The one-shot messages after a redirect (web/flash.ts), shown at the top of the page's content: a
// refused post's reasons (redirectWithProblem), and the success message of a post.
export function Flash({ message, problem }: { message: string | null | undefined; problem?: string[] | null }) {
  return (
    <>
      {problem?.length ? (
        <div class="notice error" role="alert" id="flash-problem">
          {problem.map((line) => (
            <p>{line}</p>
          ))}
        </div>
      ) : null}
      {message ? (
        <div class="notice success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
    </>
  );
}
