// Form controls and page pieces. Every control has a <label>; errors sit under their input and
// are tied to it with aria-describedby.
import type { Child } from 'hono/jsx';
import { label as vocabLabel } from '../src/lib/vocab';
import { errorFor, text, type FormErrors, type FormValues } from './forms';
import { fmt, type Lang, type Messages } from './i18n';

type Labels = Record<string, readonly [string, string]>;
export type Options = [value: string, label: string][];

export function vocabOptions(vocab: Labels, lang: Lang): Options {
  return Object.keys(vocab).map((code) => [code, vocabLabel(vocab, code, lang)]);
}

export const idOf = (name: string, prefix = 'f') => `${prefix}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface Base {
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

function described(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, text: t, required }: { id: string; text: string; required?: boolean }) {
  return (
    <label for={id}>
      {t}
      {required && <span class="req" aria-hidden="true">*</span>}
    </label>
  );
}

function After({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </>
  );
}

export function TextField(
  p: Base & {
    type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'tel' | 'search';
    autocomplete?: string;
    inputmode?: "email" | "search" | "none" | "url" | "text" | "tel" | "numeric" | "decimal";
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
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, p.hint, error)}
      >
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {p.options.map(([value, l]) => (
          <option value={value} selected={value === current}>{l}</option>
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

/** A region as its GB/T 2260 code (works without script); web/static/region-picker.js adds
 * cascading selects that fill the code in. The resolved full name is shown under it. */
export function RegionField(p: Base & { m: Messages; regionName?: string | null }) {
  const id = idOf(p.name, p.idPrefix);
  const error = errorFor(p.errors, p.name);
  const value = text(p.values ?? {}, p.name);
  const hint = p.hint ?? p.m.common.regionCodeHint;
  return (
    <div
      class={p.wide ? 'field wide region-field' : 'field region-field'}
      data-region-field
      data-levels={[p.m.regionPicker.province, p.m.regionPicker.city, p.m.regionPicker.county, p.m.regionPicker.township].join('|')}
      data-choose={p.m.regionPicker.choose}
    >
      <Label id={id} text={p.label} required={p.required} />
      <input
        id={id}
        name={p.name}
        type="text"
        value={value}
        inputmode="numeric"
        maxlength={9}
        autocomplete="off"
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, hint, error)}
      />
      <span class="hint region-name" data-template={p.m.common.regionNow} hidden={!value || !!error}>
        {value && !error ? (p.regionName ? fmt(p.m.common.regionNow, { name: p.regionName }) : p.m.common.regionUnknown) : ''}
      </span>
      <After id={id} hint={hint} error={error} />
    </div>
  );
}

export function ErrorSummary({ errors }: { errors?: FormErrors }) {
  if (!errors?.summary) return null;
  return (
    <div class="notice error" role="alert">
      <p>{errors.summary}</p>
    </div>
  );
}

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral' | 'primary';

export function Badge({ tone, children }: { tone?: Tone; children?: Child }) {
  return <span class={tone && tone !== 'primary' ? `badge ${tone}` : 'badge'}>{children}</span>;
}

export const STATUS_TONES: Record<string, Tone> = {
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
  draft: 'neutral',
  open: 'success',
  closed: 'neutral',
  submitted: 'info',
  reviewing: 'primary',
  interview: 'warning',
  offer: 'success',
  hired: 'success',
  withdrawn: 'neutral',
};

export function Tags({ codes, vocab, lang }: { codes: string[]; vocab: Labels; lang: Lang }) {
  if (codes.length === 0) return null;
  return (
    <ul class="tags">
      {codes.map((c) => (
        <li class="tag">{vocabLabel(vocab, c, lang)}</li>
      ))}
    </ul>
  );
}

export function Pager({ page, pageSize, total, href, m }: { page: number; pageSize: number; total: number; href: (p: number) => string; m: Messages }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={m.common.pagination}>
      {page > 1 ? <a class="btn secondary" href={href(page - 1)} rel="prev">{m.common.prev}</a> : <span class="disabled">{m.common.prev}</span>}
      <span class="muted">{fmt(m.common.pageOf, { page, pages, total })}</span>
      {page < pages ? <a class="btn secondary" href={href(page + 1)} rel="next">{m.common.next}</a> : <span class="disabled">{m.common.next}</span>}
    </nav>
  );
}

/** A labelled fact for a <dl class="facts">. */
export function Fact({ term, children, wide }: { term: string; children?: Child; wide?: boolean }) {
  return (
    <div class={wide ? 'wide' : undefined}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A one-button form posting to `action` (publish, close, withdraw…), so it works without script. */
export function ActionButton({ action, label: l, tone, confirm }: { action: string; label: string; tone?: 'secondary' | 'danger'; confirm?: string }) {
  return (
    <form method="post" action={action} class="inline" data-confirm={confirm}>
      <button type="submit" class={tone ? `small ${tone}` : 'small'}>{l}</button>
    </form>
  );
}
