// The confirmation step of an action that cannot be undone (issue 11 §6): its own page (GET …/confirm)
// says what will happen and posts the action with `confirm=yes`; an action posted without it lands
// here. Works without script.
import type { Child } from 'hono/jsx';
import type { FormErrors } from '../forms';
import { ErrorSummary } from './error-summary';

export interface ConfirmProps {
  title: string;
  lead: string;
  /** A sentence in the warning box (what ends, what cannot be undone). */
  warning?: string;
  /** The facts of the object: a <dl class="facts">. */
  facts?: Child;
  action: string;
  /** Values carried from the first form (hidden inputs). */
  hidden?: Record<string, string>;
  button: string;
  back: string;
  backLabel: string;
  /** A required checkbox instead of a hidden `confirm=yes` (its label), named `checkboxName`. */
  checkbox?: string;
  checkboxName?: string;
  errors?: FormErrors;
  /** Controls the step asks for (a purpose, a note). */
  children?: Child;
}

export function ConfirmStep(p: ConfirmProps) {
  const boxName = p.checkboxName ?? 'confirm';
  const checkboxError = p.errors?.fields[boxName];
  return (
    <section class="card confirm-step" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{p.title}</h1>
      <p>{p.lead}</p>
      {p.facts}
      {p.warning && (
        <p class="notice warning mt-12" role="note">
          {p.warning}
        </p>
      )}
      <ErrorSummary errors={p.errors} />
      <form method="post" action={p.action} class="stack" novalidate>
        {Object.entries(p.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {p.children}
        {p.checkbox ? (
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                id="confirm-box"
                name={boxName}
                value="yes"
                required
                aria-invalid={checkboxError ? 'true' : undefined}
                aria-describedby={checkboxError ? 'confirm-box-error' : undefined}
              />
              <span>{p.checkbox}</span>
            </label>
            {checkboxError && (
              <p class="field-error" id="confirm-box-error">
                {checkboxError}
              </p>
            )}
          </div>
        ) : (
          <input type="hidden" name="confirm" value="yes" />
        )}
        <div class="form-actions">
          <button type="submit" class="danger">
            {p.button}
          </button>
          <a href={p.back}>{p.backLabel}</a>
        </div>
      </form>
    </section>
  );
}
