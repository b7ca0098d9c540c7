// Region fields: regions are picked by name, never typed as codes (issue 11 §4). A cascade of
// selects from the picker's starting region (the site's home region, a department's own region)
// with a "next level" button, and a name typed ahead from a datalist; both work without script
// (web/regions.ts reads what they post) and web/static/app.js makes a choice show the next level at
// once. Functions of their props; the page loads the picker (loadRegionPick / loadRegionsPick).
import { errorFor, type FormErrors } from '../forms';
import { fieldMessage, fmt, type Messages } from '../i18n';
import type { RegionLevel } from '../../src/regions';
import type { RegionPick } from '../regions';
import { described, idOf, type Base } from './fields';

/** Longest name the type-ahead box takes (src/regions REGION_NAME_MAX). */
const NAME_MAX = 40;

const levelLabel = (m: Messages, level: number) => [m.regionPicker.province, m.regionPicker.city, m.regionPicker.county, m.regionPicker.township][level - 1] ?? '';

/** The first choice of a select: at the top "choose" (a required field) or "all of" the starting
 * region (none chosen: the whole of it); below, the region above ("all of it", no finer choice). */
function firstChoice(m: Messages, l: RegionLevel, top: boolean, required?: boolean, rootChosen?: boolean): [string, string] {
  if (top && rootChosen) return [l.parent, fmt(m.regionPicker.allOf, { name: l.parentName ?? '' })];
  if (top) return ['', required ? m.regionPicker.choose : l.parentName ? fmt(m.regionPicker.allOf, { name: l.parentName }) : m.common.allRegions];
  return [l.parent, fmt(m.regionPicker.allOf, { name: l.parentName ?? '' })];
}

function Cascade({ m, levels, name, id, required, rootChosen }: { m: Messages; levels: RegionLevel[]; name: string; id: string; required?: boolean; rootChosen?: boolean }) {
  return (
    <div class="region-picker">
      {levels.map((l, i) => {
        const [first, firstLabel] = firstChoice(m, l, i === 0, required, rootChosen);
        return (
          <div class="region-level">
            <label for={`${id}-l${i}`}>{levelLabel(m, l.level)}</label>
            <select id={`${id}-l${i}`} name={name} data-region-level>
              <option value={first}>{firstLabel}</option>
              {l.options.map((o) => (
                <option value={o.code} selected={o.code === l.selected}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}

function TypeAhead({ m, pick, name, id, described: d }: { m: Messages; pick: RegionPick; name: string; id: string; described?: string }) {
  return (
    <div class="region-typeahead">
      <label for={`${id}-name`}>{m.regionPicker.orType}</label>
      <input
        id={`${id}-name`}
        name={`_rpname.${name}`}
        type="text"
        list={`${id}-names`}
        value={pick.typed}
        maxlength={NAME_MAX}
        autocomplete="off"
        placeholder={m.regionPicker.typePlaceholder}
        aria-invalid={pick.error ? 'true' : undefined}
        aria-describedby={d}
      />
      <datalist id={`${id}-names`}>
        {pick.names.map((n) => (
          <option value={n} />
        ))}
      </datalist>
    </div>
  );
}

/** What the script (web/static/app.js) needs to show levels and names as the server does. */
function scriptData(m: Messages, pick: RegionPick, name: string) {
  return {
    'data-region-field': true,
    'data-field': name,
    'data-levels': [m.regionPicker.province, m.regionPicker.city, m.regionPicker.county, m.regionPicker.township].join('|'),
    'data-all-of': m.regionPicker.allOf,
    'data-max-level': String(pick.maxLevel),
    'data-root': pick.root,
    'data-root-name': pick.rootName ?? '',
    'data-wide': pick.wide ? true : undefined,
  };
}

function Hidden({ pick, name }: { pick: RegionPick; name: string }) {
  return (
    <>
      <input type="hidden" name="_region" value={name} />
      <input type="hidden" name={`_rproot.${name}`} value={pick.root} />
      {pick.wide && <input type="hidden" name={`_rpwide.${name}`} value="1" />}
    </>
  );
}

const errorOf = (m: Messages, name: string, errors: FormErrors | undefined, pick: RegionPick) => errorFor(errors, name) ?? (pick.error ? fieldMessage(m, pick.error) : undefined);

/** One region: the cascade (every select named `name`) and the name typed ahead. The chosen
 * region's full name shows under it. */
export function RegionField(p: Base & { m: Messages; pick: RegionPick }) {
  const { m, pick } = p;
  const id = idOf(p.name, p.idPrefix);
  const error = errorOf(m, p.name, p.errors, pick);
  const hint = p.hint ?? m.regionPicker.hint;
  return (
    <fieldset class={p.wide ? 'field wide region-field' : 'field region-field'} {...scriptData(m, pick, p.name)} aria-describedby={described(id, hint, error)}>
      <legend>
        {p.label}
        {p.required && (
          <span class="req" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <Hidden pick={pick} name={p.name} />
      <Cascade m={m} levels={pick.levels} name={p.name} id={id} required={p.required} rootChosen={!!pick.root && pick.value === pick.root} />
      <div class="region-row">
        <TypeAhead m={m} pick={pick} name={p.name} id={id} described={error ? `${id}-error` : undefined} />
        <button type="submit" class="small secondary" name="_rpdeeper" value={p.name} formnovalidate data-region-next>
          {m.regionPicker.next}
        </button>
      </div>
      <p class="hint region-name" id={`${id}-now`} data-template={m.common.regionNow}>
        {pick.valueName ? fmt(m.common.regionNow, { name: pick.valueName }) : m.regionPicker.none}
      </p>
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
    </fieldset>
  );
}

/** A region limited to the caller's region (a department's forms and filters): the same picker,
 * started at the caller's region (the page loads it scoped). */
export const ScopedRegionField = RegionField;

/** Several regions: each chosen one a removable chip (a checked box: untick to remove), and a
 * cascade or a typed name to add one ("add" shows the form again; saving adds it too). */
export function RegionsField(p: Base & { m: Messages; pick: RegionPick; max?: number }) {
  const { m, pick } = p;
  const id = idOf(p.name, p.idPrefix);
  const error = errorOf(m, p.name, p.errors, pick);
  const chosen = pick.chosen ?? [];
  const hint = p.hint ?? m.regionPicker.severalHint;
  return (
    <fieldset
      class={p.wide ? 'field wide region-field several' : 'field region-field several'}
      {...scriptData(m, pick, p.name)}
      data-several
      aria-describedby={described(id, hint, error)}
    >
      <legend>{p.label}</legend>
      <Hidden pick={pick} name={p.name} />
      <input type="hidden" name={`_rpmulti.${p.name}`} value="1" />
      {chosen.length ? (
        <ul class="chips" aria-label={m.regionPicker.chosen}>
          {chosen.map((r, i) => (
            <li>
              <label class="chip" for={`${id}-c${i}`}>
                <input type="checkbox" id={`${id}-c${i}`} name={p.name} value={r.code} checked />
                <span>{r.name}</span>
                <span class="visually-hidden">{m.regionPicker.untickToRemove}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small chips-none">{m.regionPicker.noneChosen}</p>
      )}
      <Cascade m={m} levels={pick.levels} name={`_rpadd.${p.name}`} id={id} required />
      <div class="region-row">
        <TypeAhead m={m} pick={pick} name={p.name} id={id} described={error ? `${id}-error` : undefined} />
        <button type="submit" class="small secondary" name="_rpdeeper" value={p.name} formnovalidate data-region-next>
          {m.regionPicker.next}
        </button>
        <button type="submit" class="small" name="_rpnext" value={p.name} formnovalidate data-region-add>
          {m.regionPicker.add}
        </button>
      </div>
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
    </fieldset>
  );
}
