// Region pickers for the pages (issue 11 §4: regions are picked, never typed): the cascade of
// choices from a starting region down to the chosen one, the names a person may type, and the
// resolution of a typed name to a region (or the candidates when it names several). Names are in
// the page's language (regions.names.ts). Reads only.
import type { Region } from '../../db/schema';
import type { AppDeps } from '../lib/context';
import { fieldError } from '../lib/errors';
import { REGION_CODE_PATTERN, regionLevel } from '../lib/regions-range';
import { ancestorCodes, childrenOf, findRegion, findRegions, provinces, regionRowsWithin, regionsNamed } from './regions.repository';
import { OMITTABLE_SUFFIXES, isPlaceholder, latinKey, pathName, regionName, romanise, type NameLang } from './regions.names';

type Reader = Pick<AppDeps, 'database'>;

/** Longest region name a person may type. */
export const REGION_NAME_MAX = 40;
/** How many candidates an ambiguous name lists. */
const CANDIDATES_SHOWN = 8;
/** Most names offered to type ahead (a datalist). */
const NAMES_MAX = 600;

export interface RegionOption {
  code: string;
  name: string;
}

/** One select of the cascade: the regions below `parent` ('' = the provinces), at `level`. */
export interface RegionLevel {
  parent: string;
  parentName: string | null;
  level: number;
  options: RegionOption[];
  selected: string;
}

export interface RegionPickerModel {
  /** Where the cascade starts ('' = the country) and its name. */
  root: string;
  rootName: string | null;
  /** May a typed name outside `root` be taken (forms: yes; a department's filters: no). */
  wide: boolean;
  /** The chosen region ('' = none) and its full name in the page's language. */
  value: string;
  valueName: string | null;
  levels: RegionLevel[];
  /** Names to type ahead (unique, relative to the root). */
  names: string[];
  /** The deepest level offered. */
  maxLevel: number;
}

export interface RegionPickerOptions {
  value: string;
  root: string;
  lang: NameLang;
  /** The deepest level offered (4: townships). */
  maxLevel?: number;
  wide?: boolean;
}

async function namesOf(deps: Reader, codes: string[]): Promise<Map<string, Region>> {
  const all = [...new Set(codes.flatMap((c) => [...ancestorCodes(c), c]))];
  return new Map((await findRegions(deps.database, all)).map((r) => [r.code, r]));
}

/** The full name of a region in a language, leaving out the part that is `root` (relative names). */
function nameIn(byCode: Map<string, Region>, code: string, lang: NameLang, root = ''): string {
  const chain = [...ancestorCodes(code), code].filter((c) => c.length > root.length);
  const names = chain.map((c) => byCode.get(c)?.name ?? c);
  const shown = names.filter((n, i) => i === names.length - 1 || !isPlaceholder(n));
  return pathName(shown, lang);
}

/** Full names of regions in a language (unknown codes are left out). */
export async function regionNamesIn(deps: Reader, codes: string[], lang: NameLang): Promise<Map<string, string>> {
  const valid = codes.filter((c) => REGION_CODE_PATTERN.test(c));
  const byCode = await namesOf(deps, valid);
  return new Map(valid.filter((c) => byCode.has(c)).map((c) => [c, nameIn(byCode, c, lang)]));
}

/** One region's full name in a language, or null. */
export async function regionNameIn(deps: Reader, code: string | null | undefined, lang: NameLang): Promise<string | null> {
  if (!code) return null;
  return (await regionNamesIn(deps, [code], lang)).get(code) ?? null;
}

const namesCache = new Map<string, { rows: Region[]; names: string[]; keys: Map<string, string[]> }>();

/** The regions under `root` a person may type (cities and counties; the provinces and cities for
 * the whole country), with their names relative to the root, cached per root and language. */
async function typeAhead(deps: Reader, root: string, lang: NameLang) {
  const key = `${root}|${lang}`;
  const hit = namesCache.get(key);
  if (hit) return hit;
  const maxLevel = root ? Math.min(3, regionLevel(root) + 2) : 2;
  const rows = (await regionRowsWithin(deps.database, root, maxLevel, NAMES_MAX)).filter((r) => !isPlaceholder(r.name));
  const byCode = await namesOf(deps, root ? [root] : []);
  for (const r of rows) byCode.set(r.code, r);
  const names = [...new Set(rows.map((r) => nameIn(byCode, r.code, lang, root)))];
  // Latin keys of each region: its name, its name without the suffix, its relative full name.
  const keys = new Map<string, string[]>();
  const add = (k: string, code: string) => {
    if (!k) return;
    const list = keys.get(k) ?? [];
    if (!list.includes(code)) list.push(code);
    keys.set(k, list);
  };
  for (const r of rows) {
    const roman = romanise(r.name);
    add(latinKey(roman), r.code);
    add(latinKey(roman.split(' ')[0]), r.code);
    add(latinKey(nameIn(byCode, r.code, 'en', root)), r.code);
  }
  const out = { rows, names, keys };
  if (namesCache.size > 200) namesCache.clear();
  namesCache.set(key, out);
  return out;
}

/** The cascade for a region field: one select per level from `root` down to the chosen region,
 * and one below it while there are finer regions (up to `maxLevel`). A value outside the root
 * widens the cascade to the country (a stored region elsewhere stays shown). */
export async function regionPicker(deps: Reader, o: RegionPickerOptions): Promise<RegionPickerModel> {
  const maxLevel = o.maxLevel ?? 4;
  const here = REGION_CODE_PATTERN.test(o.value) ? await findRegion(deps.database, o.value) : undefined;
  const value = here && regionLevel(here.code) <= maxLevel ? here.code : '';
  const root = value && !value.startsWith(o.root) ? '' : o.root;
  const chain = [root, ...ancestorCodes(value).filter((c) => c.length > root.length), ...(value && value !== root ? [value] : [])];
  const byCode = await namesOf(deps, [...chain.filter(Boolean)]);
  const levels: RegionLevel[] = [];
  for (const [i, parent] of chain.entries()) {
    const level = parent ? regionLevel(parent) + 1 : 1;
    if (level > maxLevel) break;
    const rows = parent ? await childrenOf(deps.database, parent) : await provinces(deps.database);
    if (rows.length === 0) break;
    levels.push({
      parent,
      parentName: parent ? regionName(byCode.get(parent)?.name ?? parent, o.lang) : null,
      level,
      options: rows.map((r) => ({ code: r.code, name: regionName(r.name, o.lang) })),
      selected: chain[i + 1] ?? '',
    });
  }
  // A start with nothing below it (a township, or a county without townships): start one level up.
  if (levels.length === 0 && root) return regionPicker(deps, { ...o, value, root: ancestorCodes(root).at(-1) ?? '' });
  const { names } = await typeAhead(deps, root, o.lang);
  return {
    root,
    rootName: root ? nameIn(byCode, root, o.lang) : null,
    wide: o.wide ?? false,
    value,
    valueName: value ? nameIn(byCode, value, o.lang) : null,
    levels,
    names,
    maxLevel,
  };
}

/** The region a typed name means, searched under `root` (then the whole country when `wide`):
 * a name with or without its suffix (呼和浩特, 呼和浩特市), with its parents (呼和浩特市新城区),
 * parts separated by spaces or commas narrowing each other (呼和浩特 新城区), or the romanised name
 * (Huhehaote). Several matches of the same level → 422 `region_ambiguous` on `field` listing them;
 * none → 422 `region_not_found`. */
export async function resolveRegionName(deps: Reader, typed: string, o: { root: string; wide?: boolean; field: string; lang: NameLang }): Promise<Region> {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (text.length > REGION_NAME_MAX) throw fieldError(o.field, 'max_chars', { n: REGION_NAME_MAX });
  const found = await matches(deps, text, o.root);
  const result = found.length === 0 && o.wide && o.root ? await matches(deps, text, '') : found;
  if (result.length === 1) return result[0];
  if (result.length === 0) throw fieldError(o.field, 'region_not_found', { name: text });
  const byCode = await namesOf(
    deps,
    result.map((r) => r.code),
  );
  const sep = o.lang === 'en' ? '; ' : '、';
  const listed = result.slice(0, CANDIDATES_SHOWN).map((r) => nameIn(byCode, r.code, o.lang));
  throw fieldError(o.field, 'region_ambiguous', { name: text, candidates: listed.join(sep) + (result.length > CANDIDATES_SHOWN ? ' …' : '') });
}

/** The regions a name means under a root; only those of the fewest levels (a city before a
 * township of the same name). */
async function matches(deps: Reader, text: string, root: string): Promise<Region[]> {
  if (!text) return [];
  let rows: Region[];
  if (/^[\x20-\x7e]+$/.test(text)) {
    const { rows: all, keys } = await typeAhead(deps, root, 'en');
    const codes = keys.get(latinKey(text)) ?? [];
    rows = all.filter((r) => codes.includes(r.code));
  } else {
    const parts = text.split(/[\s,，、/]+/).filter(Boolean);
    if (parts.length > 1) {
      let within = root;
      let last: Region[] = [];
      for (const part of parts) {
        last = await matches(deps, part, within);
        if (last.length !== 1) return last;
        within = last[0].code;
      }
      return last;
    }
    rows = (await regionsNamed(deps.database, text, root, OMITTABLE_SUFFIXES, 50)).filter((r) => r.code !== root);
  }
  const top = Math.min(...rows.map((r) => r.level));
  return rows.filter((r) => r.level === top);
}
