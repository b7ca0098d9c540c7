// The summary of a failed form post, at the top of the form.
import type { FormErrors } from '../forms';

export function ErrorSummary({ errors }: { errors?: FormErrors }) {
  if (!errors?.summary) return null;
  return (
    <div class="notice error" role="alert">
      <p>{errors.summary}</p>
    </div>
  );
}
