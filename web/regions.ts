// Region fields on forms (web/components/region-field.tsx): what a posted or queried picker means.
// A picker posts, for its field N: the marker `_region=N`, its cascade of selects all named N (the
// province first; each finer select's first choice is its parent, "all of it"), the name typed
// ahead `_rpname.N`, and for a field of several regions its chosen boxes N plus a cascade to add
// `_rpadd.N`. The server reads the deepest consistent choice (a finer choice left over from another
// province is dropped), resolves a typed name (src/regions), and leaves N as the field's code(s),
// as the API takes them. The buttons `_rpdeeper=N` (next level) and `_rpnext=N` (add) ask for the
// same form again instead of saving it.
import type { FieldError } from '../src/lib/errors';
import { AppError } from '../src/lib/errors';
import { REGION_CODE_PATTERN } from '../src/lib/regions-range';
import { regionNamesIn, regionPicker, resolveRegionName, type RegionPickerModel } from '../src/regions';
import type { WebContext } from './page';

/** A form as posted (web/forms.ts names the same shape). */
type FormValues = Record<string, string | string[] | undefined>;

/** Most regions a field of several regions takes from one form. */
export const REGIONS_MAX = 20;

const MARK = '_region';
const nameKey = (n: string) => `_rpname.${n}`;
const addKey = (n: string) => `_rpadd.${n}`;
const rootKey = (n: string) => `_rproot.${n}`;
const wideKey = (n: string) => `_rpwide.${n}`;
const multiKey = (n: string) => `_rpmulti.${n}`;

interface FormState {
  errors: FieldError[];
  /** A next-level or add button: show the form again, save nothing. */
  again: boolean;
}

/** What the pickers of a posted form asked for, by the form's values. */
const states = new WeakMap<FormValues, FormState>();
/** Typed names and their errors by request, for the picker shown in the answer. */
const typedByRequest = new WeakMap<Request, Map<string, { typed: string; error: FieldError | null }>>();

const all = (f: FormValues, k: string): string[] => {
  const v = f[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const one = (f: FormValues, k: string): string => all(f, k)[0] ?? '';

/** The deepest choice of a cascade: each select's value must lie inside the one above it. */
export function deepestChoice(values: string[]): string {
  let out = '';
  for (const v of values) {
    if (!v) break;
    if (!REGION_CODE_PATTERN.test(v) || (out && !v.startsWith(out))) break;
    out = v;
  }
  return out;
}

/** Resolves every region picker of a form in place (see the file comment). */
export async function resolveRegionPickers(c: WebContext, f: FormValues): Promise<void> {
  const fields = [...new Set(all(f, MARK))].slice(0, 10);
  if (fields.length === 0) return;
  const deps = c.get('deps');
  const lang = c.get('lang') ?? 'zh';
  const state: FormState = { errors: [], again: all(f, '_rpdeeper').length > 0 || all(f, '_rpnext').length > 0 };
  const typedMap = new Map<string, { typed: string; error: FieldError | null }>();
  for (const n of fields) {
    const multi = one(f, multiKey(n)) === '1';
    const typed = one(f, nameKey(n)).trim();
    let picked = deepestChoice(all(f, multi ? addKey(n) : n));
    let error: FieldError | null = null;
    if (typed) {
      try {
        picked = (await resolveRegionName(deps, typed, { root: one(f, rootKey(n)), wide: one(f, wideKey(n)) === '1', field: n, lang })).code;
      } catch (err) {
        if (!(err instanceof AppError) || !err.errors?.length) throw err;
        error = err.errors[0];
        state.errors.push(error);
      }
    }
    typedMap.set(n, { typed: error ? typed : '', error });
    if (multi) {
      const chosen = all(f, n).filter((v) => REGION_CODE_PATTERN.test(v));
      const pendingOnly = all(f, '_rpdeeper').includes(n);
      const codes = [...new Set(pendingOnly || !picked ? chosen : [...chosen, picked])].slice(0, REGIONS_MAX);
      f[n] = codes;
      f[addKey(n)] = pendingOnly ? picked : '';
    } else {
      f[n] = picked;
    }
    delete f[nameKey(n)];
  }
  states.set(f, state);
  typedByRequest.set(c.req.raw, typedMap);
}

/** What a form's pickers mean for saving it: errors to show (422), or a request to show the form
 * again (a next-level or add button), or nothing. */
export function pickerOutcome(f: FormValues | undefined): FormState | null {
  return (f && states.get(f)) || null;
}

/** A list page's query with its region pickers resolved: the first value of each parameter. */
export async function regionQuery(c: WebContext): Promise<Record<string, string>> {
  const f: FormValues = {};
  for (const [k, v] of new URL(c.req.url).searchParams) f[k] = k in f ? [...all(f, k), v] : v;
  await resolveRegionPickers(c, f);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (!k.startsWith('_r')) out[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return out;
}

/** A picker as a field shows it: the cascade, the name typed (kept when it did not resolve) and
 * its error; for a field of several regions, the chosen ones. */
export interface RegionPick extends RegionPickerModel {
  typed: string;
  error: FieldError | null;
  chosen?: { code: string; name: string }[];
}

/** Where a caller's region pickers start: a department's own region, else the site's home region. */
export function pickerRoot(c: WebContext): string {
  const user = c.get('user');
  if (user?.role === 'department' && user.region_code) return user.region_code;
  return c.get('deps').config.homeRegion;
}

/** Loads the picker of field `name` for a page. `scoped`: limited to the caller's region (a
 * department's filters and forms); otherwise a typed name outside the home region is taken too. */
export async function loadRegionPick(c: WebContext, name: string, value: string, o: { scoped?: boolean; maxLevel?: number; root?: string } = {}): Promise<RegionPick> {
  const lang = c.get('lang') ?? 'zh';
  const root = o.root ?? pickerRoot(c);
  const model = await regionPicker(c.get('deps'), { value, root, lang, maxLevel: o.maxLevel, wide: !o.scoped });
  const typed = typedByRequest.get(c.req.raw)?.get(name);
  return { ...model, typed: typed?.typed ?? '', error: typed?.error ?? null };
}

/** Loads a field of several regions: the chosen ones by name and the cascade to add another. */
export async function loadRegionsPick(c: WebContext, name: string, chosen: string[], adding: string, o: { maxLevel?: number } = {}): Promise<RegionPick> {
  const pick = await loadRegionPick(c, name, adding, { maxLevel: o.maxLevel ?? 3 });
  const names = await regionNamesIn(c.get('deps'), chosen, c.get('lang') ?? 'zh');
  return { ...pick, chosen: chosen.map((code) => ({ code, name: names.get(code) ?? code })) };
}
