// Query analysis that fits how Chinese users type (issue #12), shared by Meilisearch and the SQL
// fallback so both answer the same question:
//   1. traditional → simplified (opencc-js), full-width → half-width, Latin lower-cased;
//   2. segmentation: dictionary words first (longest match: region names of every level down to the
//      county, with and without 市/县/区/旗/盟, the vocabulary labels, synonyms, abbreviations and
//      the conversational words below), Intl.Segmenter for the rest; Latin runs that spell the
//      pinyin (full syllables or initials) of a dictionary word become that word;
//   3. abbreviations become the words they stand for (北师大 → 北京师范大学);
//   4. conversational filler is dropped (找 / 方面 / 的 / 岗位 …), never leaving an empty query;
//   5. a region name (one region, unambiguous within the caller's scope, not the start of a school
//      name) becomes a region filter instead of a word: 呼和浩特 then means "in 呼和浩特", not "a
//      document that mentions 呼", and totals count only what is there;
//   6. for talents, a qualification level word becomes an exact level filter (中级社工师 is
//      社会工作师, never 助理社会工作师).
// The lexicon is built from the region table (levels 1–3) and the vocabularies, once per database.
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import type { Database } from '../src/lib/database';
import type { Tuning } from '../src/lib/search';
import { AVAILABILITY, EDUCATION_LEVELS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS } from '../src/lib/vocab';
import type { Clause, NormalizedQuery, RegionField } from './query';
import { SYNONYM_GROUPS } from './synonyms';

/** Words on talent documents for facts people search for (documents.ts writes them). */
export const TALENT_TAGS = { freshGraduate: '应届毕业生', directed: '定向培养', certified: '持证社工' } as const;

/** Abbreviations and everyday words → the words the documents hold. */
export const ABBREVIATIONS: Record<string, string> = {
  北师大: '北京师范大学',
  内蒙古师大: '内蒙古师范大学',
  内师大: '内蒙古师范大学',
  内蒙师大: '内蒙古师范大学',
  内大: '内蒙古大学',
  内蒙大: '内蒙古大学',
  人大: '中国人民大学',
  华东理工: '华东理工大学',
  内蒙古医大: '内蒙古医科大学',
  呼市: '呼和浩特',
  锡盟: '锡林郭勒',
  阿盟: '阿拉善',
  养老院: '养老',
  敬老院: '养老',
  养老机构: '养老',
  应届: '应届毕业生',
  应届生: '应届毕业生',
  毕业生: '应届毕业生',
  定向: '定向培养',
  定向生: '定向培养',
  持证: '持证社工',
  有证: '持证社工',
  社工证: '持证社工',
  马上到岗: '可立即到岗',
  立即到岗: '可立即到岗',
  随时到岗: '可立即到岗',
  残疾人服务: '残障',
  蒙语: '蒙古语',
};

/** Qualification words → the exact level they name (talent searches). */
export const QUALIFICATION_WORDS: Record<string, keyof typeof QUALIFICATION_LEVELS> = {
  助理社会工作师: 'assistant',
  助理社工师: 'assistant',
  初级社工师: 'assistant',
  初级社会工作师: 'assistant',
  社会工作师: 'intermediate',
  中级社工师: 'intermediate',
  中级社会工作师: 'intermediate',
  社工师: 'intermediate',
  高级社会工作师: 'senior',
  高级社工师: 'senior',
};

/** Conversational filler: dropped from the query (unless nothing else is left). */
export const STOP_WORDS = new Set([
  '我',
  '我想',
  '想',
  '想找',
  '想要',
  '找',
  '找个',
  '找一个',
  '寻找',
  '一个',
  '个',
  '的',
  '地',
  '得',
  '在',
  '有',
  '有没有',
  '没有',
  '吗',
  '呢',
  '吧',
  '啊',
  '方面',
  '相关',
  '方向',
  '类',
  '岗位',
  '职位',
  '工作',
  '人才',
  '人员',
  '会',
  '懂',
  '能',
  '请问',
  '哪里',
  '哪些',
  '什么',
  '招聘',
  '招',
  '需要',
  '要',
  '推荐',
  '附近',
  '求职',
  '求',
  '谁',
  '和',
  '或',
  '及',
  '与',
  '以及',
  '帮',
  '我们',
  '给',
  '一下',
  '服务',
  '岗',
  '的人',
  '人',
]);
/** Words every talent is (a social worker): dropped from talent queries when other words remain. */
const TALENT_GENERIC = new Set(['社工', '社会工作者', '社工人才']);

/** A region name followed by these is the start of a longer name (a school, a street), not a place filter. */
const LONGER_NAME = /^(大学|学院|师范|职业|医科|医学|民族|农业|财经|理工|工业|科技|师大|技术|中学|小学|学校|[东西南北]?(路|街|大街|街道|道)|镇|乡|苏木|嘎查|村)/;
const REGION_SUFFIX = /(自治区|自治州|自治县|自治旗|特别行政区|地区|市|县|区|旗|盟|省)$/;

export interface RegionEntry {
  code: string;
  name: string;
  level: number;
}

export interface Lexicon {
  /** Dictionary words for segmenting queries. */
  words: Set<string>;
  /** Meilisearch's `dictionary` setting: the vocabulary (place names are left out: the setting costs
   * every search time with its size, and a place in a query becomes a region filter first). */
  dictionary: string[];
  maxWordLength: number;
  /** Any form of a region name → the regions it may mean. */
  regions: Map<string, string[]>;
  /** pinyin (full, or initials of 3+ syllables) → word. */
  pinyin: Map<string, string>;
  /** The short form of each region code's name (呼和浩特市 → 呼和浩特), for documents. */
  shortNames: Map<string, string>;
  /** Synonym groups: the maintained list (synonyms.ts) and, in a tuned lexicon, the admins' groups. */
  synonyms: readonly (readonly string[])[];
}

/** 呼和浩特市 → 呼和浩特, 土默特左旗 → 土默特左, 锡林郭勒盟 → 锡林郭勒; short forms of one character are not kept. */
export function shortRegionName(name: string): string | null {
  const short = name.replace(REGION_SUFFIX, '');
  return short !== name && short.length >= 2 ? short : null;
}

const VOCABS = [SERVICE_AREAS, POSITION_KINDS, EMPLOYER_TYPES, EMPLOYMENT_TYPES, AVAILABILITY, LANGUAGES, EDUCATION_LEVELS, QUALIFICATION_LEVELS];
const CJK = /[\u3400-\u9fff]/;
/** Domain words the segmenter would split that are not labels. */
const EXTRA_WORDS = [
  '社工站',
  '工作者',
  '站长',
  '儿童保护',
  '社工师',
  '驻站',
  '网格员',
  '安宁疗护',
  '困境儿童',
  '社会工作',
  '社会学',
  '心理学',
  '持证社工',
  '应届毕业生',
  '定向培养',
];

function vocabularyWords(): string[] {
  const words: string[] = [];
  for (const v of VOCABS) for (const [zh] of Object.values(v)) for (const w of zh.split('/')) if (CJK.test(w) && w !== '无' && w !== '其他') words.push(w);
  for (const g of SYNONYM_GROUPS) for (const w of g) if (CJK.test(w)) words.push(w);
  words.push(...Object.values(TALENT_TAGS), ...EXTRA_WORDS);
  return words;
}

export function buildLexicon(regionRows: readonly RegionEntry[]): Lexicon {
  const regions = new Map<string, string[]>();
  const shortNames = new Map<string, string>();
  const add = (form: string, code: string) => {
    const list = regions.get(form) ?? [];
    if (!list.includes(code)) list.push(code);
    regions.set(form, list);
  };
  for (const r of regionRows) {
    if (r.level > 3) continue;
    add(r.name, r.code);
    const short = shortRegionName(r.name);
    if (short) {
      add(short, r.code);
      shortNames.set(r.code, short);
    }
  }
  const vocab = vocabularyWords();
  const words = new Set<string>([...vocab, ...regions.keys(), ...Object.keys(ABBREVIATIONS), ...Object.keys(QUALIFICATION_WORDS), ...[...STOP_WORDS].filter((w) => w.length > 1)]);
  const py = new Map<string, string>();
  const addPinyin = (word: string) => addPinyinOf(py, word);
  // Vocabulary first: it wins a clash with a place name.
  for (const w of vocab) addPinyin(w);
  // Places by pinyin: provinces and cities (leagues) — counties are typed in characters (and 3,000 more
  // conversions would cost a second at start).
  for (const r of regionRows) if (r.level <= 2) addPinyin(shortRegionName(r.name) ?? r.name);
  let maxWordLength = 1;
  for (const w of words) maxWordLength = Math.max(maxWordLength, w.length);
  // Meilisearch's dictionary costs every request time with its size, and a request holds only a few
  // milliseconds of other work (test/bench/SEARCH.md: 6,500 words made every search 6× slower; the
  // 835 of the vocabulary and every province and city name still cost a count 6 ms of Meilisearch
  // CPU against 3 ms with the vocabulary's 103). It holds the vocabulary only. Place names of every level are still whole
  // words for the query analysis (both engines), which turns a place into a region filter before
  // Meilisearch sees the text; the relevance set scores the same with and without them.
  const dictionary = [...new Set(vocab)].sort();
  return { words, dictionary, maxWordLength: Math.min(maxWordLength, 16), regions, pinyin: py, shortNames, synonyms: SYNONYM_GROUPS };
}

/** pinyin (full, and initials of 3+ syllables) → word; an earlier word keeps its pinyin. */
function addPinyinOf(py: Map<string, string>, word: string): void {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true }) as string[];
  if (syllables.some((s) => !/^[a-z]+$/.test(s))) return;
  const full = syllables.join('');
  if (!py.has(full)) py.set(full, word);
  if (syllables.length >= 3) {
    const initials = syllables.map((s) => s[0]).join('');
    if (!py.has(initials)) py.set(initials, word);
  }
}

export type { Tuning } from '../src/lib/search';

/** The lexicon with the admins' words: dictionary words and the Chinese words of their synonym groups
 * are kept whole (queries, and Meilisearch's `dictionary` for documents), and their groups join the
 * maintained ones. The base lexicon is not changed. */
export function withTuning(base: Lexicon, tuning: Tuning): Lexicon {
  if (tuning.dictionary.length === 0 && tuning.synonyms.length === 0) return base;
  const extra = [...tuning.dictionary, ...tuning.synonyms.flat().filter((w) => CJK.test(w) && !w.includes(' '))];
  const words = new Set([...base.words, ...extra]);
  const py = new Map(base.pinyin);
  for (const w of extra) addPinyinOf(py, w);
  let maxWordLength = base.maxWordLength;
  for (const w of extra) maxWordLength = Math.max(maxWordLength, w.length);
  return {
    ...base,
    words,
    pinyin: py,
    maxWordLength: Math.min(maxWordLength, 16),
    dictionary: [...new Set([...base.dictionary, ...extra])].sort(),
    synonyms: [...base.synonyms, ...tuning.synonyms],
  };
}

const lexicons = new WeakMap<Database, Promise<Lexicon>>();

/** The lexicon of this database's region table (built once; rebuilt after a failure). */
export function lexiconFor(database: Database): Promise<Lexicon> {
  let p = lexicons.get(database);
  if (!p) {
    p = (async () => {
      const rows = await database.db.selectFrom('regions').select(['code', 'name', 'level']).where('level', '<=', 3).execute();
      return buildLexicon(rows);
    })();
    p.catch(() => lexicons.delete(database));
    lexicons.set(database, p);
  }
  return p;
}

let converter: ((s: string) => string) | null = null;
/** Traditional → simplified, full-width → half-width, Latin lower-case. */
export function normalizeChars(text: string): string {
  converter ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return converter(text.normalize('NFKC')).toLowerCase();
}

let segmenter: Intl.Segmenter | null = null;

/** Splits a run of Chinese characters: dictionary words (longest first), Intl.Segmenter for the rest. */
export function segmentCjk(run: string, lex: Lexicon): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  let pending = '';
  const flush = () => {
    if (pending) for (const s of segmenter!.segment(pending)) if (s.isWordLike) out.push(s.segment);
    pending = '';
  };
  for (let i = 0; i < run.length; ) {
    let matched = '';
    for (let len = Math.min(lex.maxWordLength, run.length - i); len >= 2; len--) {
      const w = run.slice(i, i + len);
      if (lex.words.has(w)) {
        matched = w;
        break;
      }
    }
    if (matched) {
      flush();
      out.push(matched);
      i += matched.length;
    } else {
      pending += run[i];
      i++;
    }
  }
  flush();
  return out;
}

/** Latin words: runs of words that spell a dictionary word's pinyin become that word (longest run first). */
function latinTokens(words: string[], lex: Lexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const word = lex.pinyin.get(words.slice(i, i + n).join(''));
      if (word) {
        out.push(word);
        taken = n;
        break;
      }
    }
    if (!taken) {
      out.push(words[i]);
      taken = 1;
    }
    i += taken;
  }
  return out;
}

/** Query text → tokens (simplified, segmented, pinyin resolved, abbreviations expanded). */
export function tokenize(text: string, lex: Lexicon): string[] {
  const tokens: string[] = [];
  let latin: string[] = [];
  const flushLatin = () => {
    if (latin.length) tokens.push(...latinTokens(latin, lex));
    latin = [];
  };
  for (const m of normalizeChars(text).matchAll(/[\u3400-\u9fff]+|[a-z0-9]+/g)) {
    const piece = m[0];
    if (CJK.test(piece)) {
      flushLatin();
      tokens.push(...segmentCjk(piece, lex));
    } else latin.push(piece);
  }
  flushLatin();
  return tokens.map((t) => ABBREVIATIONS[t] ?? t);
}

export interface AnalyzedQuery {
  /** Words for the engines, space separated ('' when the words were all turned into filters). */
  text: string;
  words: string[];
  /** A region the query names: searched as a filter. */
  regionCode: string | null;
  /** Talents: the exact qualification level the query names. */
  qualification: string | null;
}

function isAncestor(a: string, b: string): boolean {
  return b.startsWith(a) && b !== a;
}

/** The region a token means, if any: one candidate within the scope (ancestors resolve descendants). */
function regionOf(token: string, lex: Lexicon, scopePrefix: string | undefined): string | null {
  const all = lex.regions.get(token);
  if (!all) return null;
  const inScope = scopePrefix ? all.filter((c) => c.startsWith(scopePrefix) || isAncestor(c, scopePrefix)) : all;
  return inScope.length === 1 ? inScope[0] : null;
}

export function analyzeQuery(text: string, lex: Lexicon, options: { entity: 'position' | 'talent'; scopePrefix?: string }): AnalyzedQuery {
  const tokens = tokenize(text, lex);
  const regionCodes: string[] = [];
  let qualification: string | null = null;
  const kept: string[] = [];
  for (const [i, t] of tokens.entries()) {
    const next = tokens.slice(i + 1, i + 3).join('');
    const region = regionOf(t, lex, options.scopePrefix);
    if (region && !LONGER_NAME.test(next)) {
      regionCodes.push(region);
      continue;
    }
    if (options.entity === 'talent' && QUALIFICATION_WORDS[t]) {
      qualification = QUALIFICATION_WORDS[t];
      continue;
    }
    kept.push(t);
  }
  // One region (or a chain such as 呼和浩特 新城区 → the deepest); otherwise keep them as words.
  const deepest = [...regionCodes].sort((a, b) => b.length - a.length)[0];
  const regionCode = deepest && regionCodes.every((c) => c === deepest || isAncestor(c, deepest)) ? deepest : null;
  if (!regionCode) kept.push(...regionCodes.map((c) => [...lex.regions.entries()].find(([, codes]) => codes.includes(c))?.[0] ?? c));

  let words = kept.filter((w) => !STOP_WORDS.has(w));
  if (options.entity === 'talent' && words.some((w) => !TALENT_GENERIC.has(w))) words = words.filter((w) => !TALENT_GENERIC.has(w));
  if (words.length === 0 && !regionCode && !qualification) words = kept;
  words = [...new Set(words)];
  return { text: words.join(' '), words, regionCode, qualification };
}

// As engine.ts's regionFieldFor (not imported: engine.ts → documents.ts → this file).
const REGION_FIELDS: Record<number, RegionField> = { 2: 'regionProvince', 4: 'regionCity', 6: 'regionCounty', 9: 'regionTownship' };

/** The engines' step after validation: the query's words analysed, and a region or qualification
 * level it names turned into a clause ANDed with the rest (the scope still bounds them). */
export function applyAnalysis(n: NormalizedQuery, lex: Lexicon): NormalizedQuery & { analyzed: AnalyzedQuery } {
  if (!n.text) return { ...n, analyzed: { text: '', words: [], regionCode: null, qualification: null } };
  // Names are resolved within the narrowest region the scope and filters already ask for.
  const scopePrefix = n.clauses
    .filter((c) => c.op === 'region')
    .map((c) => c.code)
    .sort((a, b) => b.length - a.length)[0];
  const analyzed = analyzeQuery(n.text, lex, { entity: n.entity, scopePrefix });
  const clauses: Clause[] = [...n.clauses];
  if (analyzed.regionCode) clauses.push({ op: 'region', field: REGION_FIELDS[analyzed.regionCode.length], code: analyzed.regionCode });
  if (analyzed.qualification) clauses.push({ op: 'in', field: 'qualification', values: [analyzed.qualification] });
  return { ...n, text: analyzed.text, clauses, analyzed };
}
