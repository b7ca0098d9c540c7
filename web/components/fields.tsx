// Form controls. Every control has a <label>; errors sit under their input and are tied to it with
// aria-describedby.
import { label as vocabLabel } from '../../src/lib/vocab';
import { errorFor, text, type FormErrors, type FormValues } from '../forms';
import type { Lang } from '../i18n';

export type Labels = Record<string, readonly [string, string]>;
export type Options = [value: string, label: string][];

export function vocabOptions(vocab: Labels, lang: Lang): Options {
  return Object.keys(vocab).map((code) => [code, vocabLabel(vocab, code, lang)]);
}

export const idOf = (name: string, prefix = 'f') => `${prefix}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export interface Base {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FormErrors;
  hint?: string;
  required?: boolean;
  wide?: boolean;
  /** Makes ids unique when a page has several forms with the same field names. */
  idPrefix?: string;
}

export function described(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Label({ id, text: t, required }: { id: string; text: string; required?: boolean }) {
  return (
    <label for={id}>
      {t}
      {required && (
        <span class="req" aria-hidden="true">
          *
        </span>
      )}
    </label>
  );
}

export function After({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(
  p: Base & {
    type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'tel' | 'search' | 'time' | 'url';
    autocomplete?: string;
    inputmode?: 'email' | 'search' | 'none' | 'url' | 'text' | 'tel' | 'numeric' | 'decimal';
    placeholder?: string;
    maxlength?: number;
    min?: number | string;
    max?: number | string;
    value?: string;
  },
) {
  const id = idOf(p.name, p.idPrefix);
  const error = errorFor(p.errors, p.name);
  const value = p.value ?? (p.type === 'password' ? '' : text(p.values ?? {}, p.name));
  return (
    <div class={p.wide ? 'field wide' : 'field'}>
      <Label id={id} text={p.label} required={p.required} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={value}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        placeholder={p.placeholder}
        maxlength={p.maxlength}
        min={p.min}
        max={p.max}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, p.hint, error)}
      />
      <After id={id} hint={p.hint} error={error} />
    </div>
  );
}

export function TextArea(p: Base & { rows?: number; maxlength?: number }) {
  const id = idOf(p.name, p.idPrefix);
  const error = errorFor(p.errors, p.name);
  return (
    <div class={p.wide ? 'field wide' : 'field'}>
      <Label id={id} text={p.label} required={p.required} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        maxlength={p.maxlength}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, p.hint, error)}
      >
        {text(p.values ?? {}, p.name)}
      </textarea>
      <After id={id} hint={p.hint} error={error} />
    </div>
  );
}

export function SelectField(p: Base & { options: Options; empty?: string; value?: string }) {
  const id = idOf(p.name, p.idPrefix);
  const error = errorFor(p.errors, p.name);
  const current = p.value ?? text(p.values ?? {}, p.name);
  return (
    <div class={p.wide ? 'field wide' : 'field'}>
      <Label id={id} text={p.label} required={p.required} />
      <select id={id} name={p.name} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={described(id, p.hint, error)}>
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {p.options.map(([value, l]) => (
          <option value={value} selected={value === current}>
            {l}
          </option>
        ))}
      </select>
      <After id={id} hint={p.hint} error={error} />
    </div>
  );
}

export function CheckboxGroup(p: Base & { options: Options }) {
  const id = idOf(p.name, p.idPrefix);
  const error = errorFor(p.errors, p.name);
  const v = p.values?.[p.name];
  const selected = new Set(v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return (
    <fieldset class={p.wide ? 'wide' : undefined} aria-describedby={described(id, p.hint, error)} aria-invalid={error ? 'true' : undefined}>
      <legend>{p.label}</legend>
      <div class="checks">
        {p.options.map(([value, l]) => (
          <label class="check">
            <input type="checkbox" name={p.name} value={value} checked={selected.has(value)} />
            <span>{l}</span>
          </label>
        ))}
      </div>
      <After id={id} hint={p.hint} error={error} />
    </fieldset>
  );
}
