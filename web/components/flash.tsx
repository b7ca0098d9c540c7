// The one-shot message after a redirect (web/flash.ts), shown at the top of the page's content.
export function Flash({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="notice success" role="status">
      <p>{message}</p>
    </div>
  );
}
