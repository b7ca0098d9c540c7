// Admins' search tuning (issue #12 item 6) as the engines apply it. The synonym groups and dictionary
// words are written, limited and checked by the search-api feature (src/search-api/tuning.service.ts)
// in the database (migration 0016); both engines honour them through the lexicon (analysis.ts withTuning):
// the SQL fallback at once in this process (and within TUNING_TTL_MS in any other), Meilisearch once
// its settings are applied. Applying settings is left to the outbox drain: a write sets the
// SEARCH_SETTINGS_KEY flag in the same atomic write, and the drain applies the settings and clears
// the flag — so a Meilisearch that is down gets them when it answers again (or at the next start,
// whose ensureIndexes reads the same tuned lexicon). Runtime-neutral (Node and D1).
import type { FieldCode, FieldParams } from '../src/lib/field-codes';
import type { Database } from '../src/lib/database';
import { onCommit } from '../src/lib/write-unit';
import { lexiconFor, withTuning, type Lexicon, type Tuning } from './analysis';

/** How long another process may answer with the previous tuning. */
export const TUNING_TTL_MS = 5000;

/** The tuning as the engines read it (its writes, limits and checks are src/search-api's). */
export async function loadTuning(database: Database): Promise<Tuning> {
  const [synonyms, dictionary] = await Promise.all([
    database.db.selectFrom('search_synonyms').select('words').orderBy('created_at').orderBy('id').execute(),
    database.db.selectFrom('search_dictionary').select('word').orderBy('word').execute(),
  ]);
  return { synonyms: synonyms.map((r) => JSON.parse(r.words) as string[]), dictionary: dictionary.map((r) => r.word) };
}

const cache = new WeakMap<Database, { at: number; lex: Promise<{ key: string; lex: Lexicon }> }>();

/** The region/vocabulary lexicon with the admins' tuning; the tuning is re-read after TUNING_TTL_MS
 * or a write here, and the lexicon rebuilt only when the tuning changed. */
export function tunedLexiconFor(database: Database): Promise<Lexicon> {
  const hit = cache.get(database);
  if (hit && Date.now() - hit.at < TUNING_TTL_MS) return hit.lex.then((e) => e.lex);
  const previous = hit?.lex.catch(() => null);
  const lex = (async () => {
    const tuning = await loadTuning(database);
    const key = JSON.stringify(tuning);
    const before = await previous;
    if (before && before.key === key) return before;
    return { key, lex: withTuning(await lexiconFor(database), tuning) };
  })();
  const entry = { at: Date.now(), lex };
  lex.catch(() => {
    if (cache.get(database) === entry) cache.delete(database);
  });
  cache.set(database, entry);
  return lex.then((e) => e.lex);
}

/** After a tuning write (or before applying settings): the next search reads the tuning again. */
export function invalidateTuning(database: Database): void {
  cache.delete(database);
}

// Every write unit that changes the synonyms or the dictionary drops this process's copy.
onCommit(['search_synonyms', 'search_dictionary'], invalidateTuning);
