// Admins tune search (issue #12 item 6): synonym groups and dictionary words. Shared by the API and
// the admin page. Every write is one atomic write with its audit record and the "settings pending"
// flag the outbox drain clears after applying Meilisearch's settings (search/tuning.ts); the request
// never waits for Meilisearch.
import type { AppDeps, SessionUser } from '../lib/context';
import { auditEntry } from '../lib/audit';
import { AppError, fieldError, fieldIssueAt, forbidden, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { readMeta, writeMetaQuery } from '../lib/instance-meta';
import { SEARCH_SETTINGS_KEY, TUNING_LIMITS, normalizeTuningWord, tuningWordProblem } from '../../search/tuning';
import { writeUnit } from '../lib/write-unit';
import { SYNONYM_GROUPS } from '../../search/synonyms';
import { zeroResultReport } from '../../search/zero-results';

export interface SynonymEntry {
  id: string;
  words: string[];
  createdAt: number;
}

export interface DictionaryEntry {
  id: string;
  word: string;
  createdAt: number;
}

export interface TuningView {
  synonyms: SynonymEntry[];
  dictionary: DictionaryEntry[];
  /** Meilisearch has not applied the latest change yet (false without Meilisearch). */
  pending: boolean;
  /** The maintained groups (search/synonyms.ts), read-only. */
  builtIn: string[][];
  limits: typeof TUNING_LIMITS;
}

function requireAdmin(user: SessionUser): void {
  if (user.role !== 'admin') throw forbidden('Only admins tune search');
}

export async function getTuning(deps: AppDeps, user: SessionUser): Promise<TuningView> {
  requireAdmin(user);
  const db = deps.database.db;
  const [synonyms, dictionary, flag] = await Promise.all([
    db.selectFrom('search_synonyms').selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
    db.selectFrom('search_dictionary').selectAll().orderBy('word').execute(),
    readMeta(deps.database, SEARCH_SETTINGS_KEY),
  ]);
  return {
    synonyms: synonyms.map((r) => ({ id: r.id, words: JSON.parse(r.words) as string[], createdAt: r.created_at })),
    dictionary: dictionary.map((r) => ({ id: r.id, word: r.word, createdAt: r.created_at })),
    pending: flag !== null && deps.search.meili !== null,
    builtIn: SYNONYM_GROUPS.map((g) => [...g]),
    limits: TUNING_LIMITS,
  };
}

/** The write, its audit record and the pending flag in one atomic write; then this process's
 * searches use the new tuning and the drain is woken to apply the settings. */
async function commit(deps: AppDeps, queries: Parameters<AppDeps['database']['atomic']>[0]): Promise<void> {
  // search/tuning.ts's after-commit hook drops this process's cached tuning.
  await writeUnit(deps.database, deps.now())
    .addAll(queries)
    .add(writeMetaQuery(deps.database, SEARCH_SETTINGS_KEY, newId(), deps.now()))
    .afterCommit(() => deps.search.kick())
    .commit();
}

export async function addSynonym(deps: AppDeps, user: SessionUser, input: { words: string[] }): Promise<SynonymEntry> {
  requireAdmin(user);
  if (input.words.length < 2) throw fieldError('words', 'tuning_min_words');
  if (input.words.length > TUNING_LIMITS.synonymsPerEntry) throw fieldError('words', 'max_entries', { n: TUNING_LIMITS.synonymsPerEntry });
  const words: string[] = [];
  for (const [i, raw] of input.words.entries()) {
    const word = normalizeTuningWord(raw);
    const problem = tuningWordProblem(word);
    if (problem) throw fieldError(`words.${i}`, problem.code, problem.params);
    if (words.includes(word)) throw fieldError(`words.${i}`, 'listed_twice', { value: word });
    words.push(word);
  }
  const db = deps.database.db;
  const count = await db
    .selectFrom('search_synonyms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= TUNING_LIMITS.synonymEntries) throw fieldError('words', 'tuning_max_groups', { n: TUNING_LIMITS.synonymEntries });
  const existing = await db.selectFrom('search_synonyms').select('words').execute();
  const key = [...words].sort().join('\u0000');
  if (existing.some((r) => [...(JSON.parse(r.words) as string[])].sort().join('\u0000') === key))
    throw new AppError('conflict', 'This synonym group exists already', [fieldIssueAt('words', 'exists')]);
  const entry: SynonymEntry = { id: newId(), words, createdAt: deps.now() };
  await commit(deps, [
    db
      .insertInto('search_synonyms')
      .values({ id: entry.id, words: JSON.stringify(words), created_at: entry.createdAt, created_by: user.id })
      .compile(),
    auditEntry(deps.database, {
      actorUserId: user.id,
      action: 'search_synonym_add',
      subjectType: 'search_synonym',
      subjectId: entry.id,
      detail: words.join(' '),
      now: entry.createdAt,
    }),
  ]);
  return entry;
}

export async function deleteSynonym(deps: AppDeps, user: SessionUser, id: string): Promise<void> {
  requireAdmin(user);
  const db = deps.database.db;
  const row = await db.selectFrom('search_synonyms').select(['id', 'words']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Synonym group');
  await commit(deps, [
    db.deleteFrom('search_synonyms').where('id', '=', id).compile(),
    auditEntry(deps.database, {
      actorUserId: user.id,
      action: 'search_synonym_delete',
      subjectType: 'search_synonym',
      subjectId: id,
      detail: (JSON.parse(row.words) as string[]).join(' '),
      now: deps.now(),
    }),
  ]);
}

export async function addDictionaryWord(deps: AppDeps, user: SessionUser, input: { word: string }): Promise<DictionaryEntry> {
  requireAdmin(user);
  const word = normalizeTuningWord(input.word);
  const problem =
    tuningWordProblem(word, TUNING_LIMITS.dictionaryWordLength) ?? (/[\u3400-\u9fff]/.test(word) && word.length >= 2 ? null : { code: 'tuning_chinese_word' as const });
  if (problem) throw fieldError('word', problem.code, problem.params);
  const db = deps.database.db;
  const count = await db
    .selectFrom('search_dictionary')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= TUNING_LIMITS.dictionaryEntries) throw fieldError('word', 'tuning_max_words', { n: TUNING_LIMITS.dictionaryEntries });
  if (await db.selectFrom('search_dictionary').select('id').where('word', '=', word).executeTakeFirst()) {
    throw new AppError('conflict', 'This word is in the dictionary already', [fieldIssueAt('word', 'exists')]);
  }
  const entry: DictionaryEntry = { id: newId(), word, createdAt: deps.now() };
  await commit(deps, [
    db.insertInto('search_dictionary').values({ id: entry.id, word, created_at: entry.createdAt, created_by: user.id }).compile(),
    auditEntry(deps.database, { actorUserId: user.id, action: 'search_dictionary_add', subjectType: 'search_dictionary', subjectId: entry.id, detail: word, now: entry.createdAt }),
  ]);
  return entry;
}

export async function deleteDictionaryWord(deps: AppDeps, user: SessionUser, id: string): Promise<void> {
  requireAdmin(user);
  const db = deps.database.db;
  const row = await db.selectFrom('search_dictionary').select(['id', 'word']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Dictionary word');
  await commit(deps, [
    db.deleteFrom('search_dictionary').where('id', '=', id).compile(),
    auditEntry(deps.database, { actorUserId: user.id, action: 'search_dictionary_delete', subjectType: 'search_dictionary', subjectId: id, detail: row.word, now: deps.now() }),
  ]);
}

/** This week's (or the last `days` days') zero-result searches, most frequent first. */
export async function zeroResults(deps: AppDeps, user: SessionUser, days = 7) {
  requireAdmin(user);
  return zeroResultReport(deps.database, deps.now(), days);
}
