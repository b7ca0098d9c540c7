// Region names for people: romanised in English (pinyin-pro, toneless, syllables joined, the
// administrative suffix in English words: 呼和浩特市 → "Huhehaote City", 锡林郭勒盟 → "Xilinguole
// League", 土默特左旗 → "Tumotezuo Banner"), Chinese as stored. The one place that words a region
// name in a language; results are cached (the region table does not change while the app runs).
import { pinyin } from 'pinyin-pro';

export type NameLang = 'zh' | 'en';

/** Chinese administrative suffixes and how they read in English, longest first. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['特别行政区', 'SAR'],
  ['自治区', 'Autonomous Region'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['地区', 'Prefecture'],
  ['林区', 'Forest District'],
  ['街道', 'Subdistrict'],
  ['苏木', 'Sumu'],
  ['省', 'Province'],
  ['市', 'City'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['镇', 'Town'],
  ['乡', 'Township'],
];

/** Whole names that are not a place (the GB/T 2260 placeholders). */
const WHOLE: Record<string, string> = {
  市辖区: 'Municipal Districts',
  县: 'Counties',
  省直辖县级行政区划: 'County-level Divisions',
  自治区直辖县级行政区划: 'County-level Divisions',
};

/** Placeholder names of the table (a municipality's 市辖区): left out of full names. */
export const isPlaceholder = (name: string): boolean => Object.hasOwn(WHOLE, name);

/** The suffixes a typed name may leave off (呼和浩特 for 呼和浩特市). */
export const OMITTABLE_SUFFIXES: readonly string[] = SUFFIXES.map(([zh]) => zh);

const CACHE_MAX = 60_000;
const cache = new Map<string, string>();

function syllables(text: string): string {
  const joined = pinyin(text, { toneType: 'none', type: 'array' }).join('');
  return joined ? joined[0].toUpperCase() + joined.slice(1) : '';
}

/** One region name in English: the body in pinyin, the suffix in English words. */
export function romanise(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let out = WHOLE[name];
  if (out === undefined) {
    const suffix = SUFFIXES.find(([zh]) => name.endsWith(zh) && name.length > zh.length);
    out = suffix ? `${syllables(name.slice(0, -suffix[0].length))} ${suffix[1]}` : syllables(name);
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(name, out);
  return out;
}

/** A region name in the page's language. */
export const regionName = (name: string, lang: NameLang): string => (lang === 'en' ? romanise(name) : name);

/** A path of names (province first) as one name: Chinese joined as written, English smallest first
 * separated by commas ("Xincheng District, Huhehaote City"). */
export function pathName(names: readonly string[], lang: NameLang): string {
  return lang === 'en' ? names.map(romanise).reverse().join(', ') : names.join('');
}

/** Letters only, lower case: how a typed romanised name is compared. */
export const latinKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** A region (its path of names, province first) as part of a download's file name: in Chinese its
 * full name, in English its own name romanised, and that romanised name in ASCII for clients without
 * RFC 5987 `filename*` ("Huhehaote-City"). An empty path is the whole country (`whole`, `all`). */
export function fileNamePart(names: readonly string[], lang: NameLang, whole: string): { name: string; ascii: string } {
  if (names.length === 0) return { name: whole, ascii: 'all' };
  const roman = asciiName(romanise(names[names.length - 1]));
  return { name: lang === 'en' ? roman : pathName(names, 'zh'), ascii: roman };
}

/** A file-name-safe ASCII form of a romanised name ("Neimenggu-Autonomous-Region"). */
export const asciiName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
