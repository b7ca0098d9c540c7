// Region choices: the GB/T 2260 code field for the whole country, and the select limited to the
// caller's region subtree. Both are functions of their props; the page loads the names and choices.
import { errorFor, text } from '../forms';
import { fmt, type Messages } from '../i18n';
import { After, Label, SelectField, described, idOf, type Base, type Options } from './fields';

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

/** What a scoped region field shows: the regions of the caller's subtree (null: the whole country,
 * so the ordinary region field) and the full name of the current value. */
export interface ScopedRegions {
  regions: { code: string; fullName: string; level: number }[] | null;
  valueName: string | null;
}

/** A region choice limited to the caller's region subtree (a select of full names, indented by
 * depth); admins get the ordinary region field for the whole country. A value deeper than the
 * listed levels stays selectable. */
export function ScopedRegionField(p: Base & { m: Messages; scoped: ScopedRegions; empty?: string }) {
  const { regions, valueName } = p.scoped;
  const value = text(p.values ?? {}, p.name);
  if (regions === null) {
    return (
      <RegionField
        name={p.name}
        label={p.label}
        m={p.m}
        regionName={valueName}
        idPrefix={p.idPrefix}
        values={p.values}
        errors={p.errors}
        required={p.required}
        wide={p.wide}
        hint={p.hint}
      />
    );
  }
  const base = regions[0]?.level ?? 1;
  const options: Options = regions.map((r) => [r.code, `${'\u3000'.repeat(Math.max(0, r.level - base))}${r.fullName}`]);
  if (value && !regions.some((r) => r.code === value)) options.push([value, valueName ?? value]);
  return (
    <SelectField
      name={p.name}
      label={p.label}
      idPrefix={p.idPrefix}
      options={options}
      empty={p.empty}
      values={p.values}
      errors={p.errors}
      required={p.required}
      wide={p.wide}
      hint={p.hint}
    />
  );
}
