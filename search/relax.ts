// One relaxed retry for a query that found nothing (issue #12), shared by both engines. Every word
// must match (matchingStrategy `all`), so one word that occurs in no document within the query's
// filters — a dictionary word such as 儿童保护 that no post spells that way — wipes out everything.
// The rule, general and not tuned on any one query:
//   when the query found nothing, count each word alone within the same clauses (scope, filters and
//   the region or level the query named); words that match nothing are relaxed to the dictionary
//   words inside them (儿童保护 → 儿童, 保护) that do match, or dropped; single Chinese characters
//   (the segmenter's leftovers of an unknown word) are not kept alone. If that changes the words
//   and leaves a word or a filter the query named, the engine searches once more with them, and the
//   result says so (`relaxed`: the words searched first and the words used), for the page to show
//   "没有同时包含 … 的结果，显示 …".
import { STOP_WORDS, type Lexicon } from './analysis';
import type { NormalizedQuery } from './engine';

export interface Relaxed {
  /** The analysed words searched first (none of the results held them all). */
  from: string[];
  /** The words searched instead (may be empty when a region or level the query named remains). */
  to: string[];
}

/** Dictionary words inside `word` (longest first from the left), not `word` itself. */
export function dictionaryPieces(word: string, lex: Lexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; ) {
    let taken = 0;
    for (let len = Math.min(lex.maxWordLength, word.length - i); len >= 2; len--) {
      const piece = word.slice(i, i + len);
      if (piece !== word && lex.words.has(piece) && !STOP_WORDS.has(piece)) {
        out.push(piece);
        taken = len;
        break;
      }
    }
    i += taken || 1;
  }
  return out;
}

/** The relaxed query, or null when the rule does not apply. `count` gives, for each word, how many
 * documents it matches alone within the query's clauses. `namedFilter`: the analysis turned part of
 * the query into a region or level filter (then an empty word list still means something). */
export async function relaxQuery(
  n: NormalizedQuery,
  lex: Lexicon,
  namedFilter: boolean,
  count: (words: string[]) => Promise<number[]>,
): Promise<{ query: NormalizedQuery; relaxed: Relaxed } | null> {
  const words = n.text.split(' ').filter(Boolean);
  if (words.length === 0) return null;
  // One round trip: the words and every dictionary piece inside them are counted together. A lone
  // word's own count is the query's total, which was 0.
  const pieces = [...new Set(words.flatMap((w) => dictionaryPieces(w, lex)))].filter((p) => !words.includes(p));
  const probe = words.length === 1 ? pieces : [...words, ...pieces];
  const got = probe.length ? await count(probe) : [];
  const counts = words.length === 1 ? [0] : got.slice(0, words.length);
  const pieceCounts = words.length === 1 ? got : got.slice(words.length);
  if (counts.every((c) => c > 0)) return null;
  const to: string[] = [];
  for (const [i, w] of words.entries()) {
    // A lone Chinese character (what the segmenter leaves of an unknown word) says too little to keep.
    if (counts[i] > 0 && !/^[\u3400-\u9fff]$/.test(w)) to.push(w);
    else for (const p of dictionaryPieces(w, lex)) if (pieceCounts[pieces.indexOf(p)] > 0 && !to.includes(p)) to.push(p);
  }
  if (to.length === 0 && !namedFilter) return null;
  if (to.join(' ') === words.join(' ')) return null;
  return { query: { ...n, text: to.join(' ') }, relaxed: { from: words, to } };
}

/** The relaxed words a one-word query most often gets: every dictionary word inside it (儿童保护 →
 * 儿童 保护), i.e. what relaxQuery gives when each of them matches alone. null when there is no such
 * guess (several words, or no dictionary word inside). An engine may search it alongside the counts
 * and keep it only when relaxQuery's answer is the same text. */
export function likelyRelaxedText(n: NormalizedQuery, lex: Lexicon): string | null {
  const words = n.text.split(' ').filter(Boolean);
  if (words.length !== 1) return null;
  const pieces = [...new Set(dictionaryPieces(words[0], lex))];
  return pieces.length > 0 ? pieces.join(' ') : null;
}
