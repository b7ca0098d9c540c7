// Admins tune search (issue #12 item 6): synonym groups and dictionary words. Shared by the API and
// the admin page. Every write is one atomic write with its audit record and the "settings pending"
// flag (SEARCH_SETTINGS_KEY) the outbox drain clears after applying Meilisearch's settings; the
// request never waits for Meilisearch. The engines read the tuning through search/ (the lexicon).
import type { AppDeps, SessionUser } from '../lib/context';
import { auditEntry } from '../lib/audit';
import { AppError, fieldError, fieldIssueAt, forbidden, notFound, type FieldParams } from '../lib/errors';
import type { FieldCode } from '../lib/field-codes';
import { newId } from '../lib/ids';
import { readMeta, writeMetaQuery } from '../lib/instance-meta';
import { SEARCH_SETTINGS_KEY, TUNING_LIMITS } from '../lib/search';
import { writeUnit } from '../lib/write-unit';
import * as repo from './tuning.repository';

export { zeroResults } from './zero-results.service';

export type SynonymEntry = repo.SynonymRow;
export type DictionaryEntry = repo.DictionaryRow;

export interface TuningView {
  synonyms: SynonymEntry[];
  dictionary: DictionaryEntry[];
  /** Meilisearch has not applied the latest change yet (false without Meilisearch). */
  pending: boolean;
  /** The maintained groups (search/), read-only. */
  builtIn: string[][];
  limits: typeof TUNING_LIMITS;
}

function requireAdmin(user: SessionUser): void {
  if (user.role !== 'admin') throw forbidden('Only admins tune search');
}

/** A word as the analysis sees it: simplified characters, half-width, lower case, single spaces. */
export function normalizeTuningWord(deps: AppDeps, word: string): string {
  return deps.search.normalizeText(word).replace(/\s+/g, ' ').trim();
}

/** Why a normalised word cannot be a tuning word, or null. Chinese characters, Latin letters and
 * digits only (a Latin word may have spaces: "social work"). */
export function tuningWordProblem(word: string, maxLength: number = TUNING_LIMITS.wordLength): { code: FieldCode; params?: FieldParams } | null {
  if (word.length === 0) return { code: 'required' };
  if (word.length > maxLength) return { code: 'max_chars', params: { n: maxLength } };
  if (!/^[\u3400-\u9fffa-z0-9 ]+$/.test(word)) return { code: 'tuning_chars' };
  if (/[\u3400-\u9fff]/.test(word) && word.includes(' ')) return { code: 'tuning_one_word' };
  return null;
}

const listSynonyms = (deps: AppDeps) => repo.listSynonyms(deps.database);

export async function getTuning(deps: AppDeps, user: SessionUser): Promise<TuningView> {
  requireAdmin(user);
  const [synonyms, dictionary, flag] = await Promise.all([listSynonyms(deps), repo.listDictionary(deps.database), readMeta(deps.database, SEARCH_SETTINGS_KEY)]);
  return {
    synonyms,
    dictionary,
    pending: flag !== null && deps.search.meili !== null,
    builtIn: deps.search.builtInSynonyms.map((g) => [...g]),
    limits: TUNING_LIMITS,
  };
}

/** The write, its audit record and the pending flag in one atomic write; then this process's
 * searches use the new tuning and the drain is woken to apply the settings. */
async function commit(deps: AppDeps, queries: Parameters<AppDeps['database']['atomic']>[0]): Promise<void> {
  // search/'s after-commit hook on the two tables drops this process's cached tuning.
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
    const word = normalizeTuningWord(deps, raw);
    const problem = tuningWordProblem(word);
    if (problem) throw fieldError(`words.${i}`, problem.code, problem.params);
    if (words.includes(word)) throw fieldError(`words.${i}`, 'listed_twice', { value: word });
    words.push(word);
  }
  const existing = await listSynonyms(deps);
  if (existing.length >= TUNING_LIMITS.synonymEntries) throw fieldError('words', 'tuning_max_groups', { n: TUNING_LIMITS.synonymEntries });
  const key = [...words].sort().join('\u0000');
  if (existing.some((r) => [...r.words].sort().join('\u0000') === key)) throw new AppError('conflict', 'This synonym group exists already', [fieldIssueAt('words', 'exists')]);
  const entry: SynonymEntry = { id: newId(), words, createdAt: deps.now() };
  await commit(deps, [
    repo.insertSynonym(deps.database, entry, user.id),
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
  const row = await repo.findSynonym(deps.database, id);
  if (!row) throw notFound('Synonym group');
  await commit(deps, [
    repo.deleteSynonym(deps.database, id),
    auditEntry(deps.database, {
      actorUserId: user.id,
      action: 'search_synonym_delete',
      subjectType: 'search_synonym',
      subjectId: id,
      detail: row.words.join(' '),
      now: deps.now(),
    }),
  ]);
}

export async function addDictionaryWord(deps: AppDeps, user: SessionUser, input: { word: string }): Promise<DictionaryEntry> {
  requireAdmin(user);
  const word = normalizeTuningWord(deps, input.word);
  const problem =
    tuningWordProblem(word, TUNING_LIMITS.dictionaryWordLength) ?? (/[\u3400-\u9fff]/.test(word) && word.length >= 2 ? null : { code: 'tuning_chinese_word' as const });
  if (problem) throw fieldError('word', problem.code, problem.params);
  if ((await repo.countDictionary(deps.database)) >= TUNING_LIMITS.dictionaryEntries) throw fieldError('word', 'tuning_max_words', { n: TUNING_LIMITS.dictionaryEntries });
  if (await repo.findDictionaryWord(deps.database, { word })) {
    throw new AppError('conflict', 'This word is in the dictionary already', [fieldIssueAt('word', 'exists')]);
  }
  const entry: DictionaryEntry = { id: newId(), word, createdAt: deps.now() };
  await commit(deps, [
    repo.insertDictionaryWord(deps.database, entry, user.id),
    auditEntry(deps.database, { actorUserId: user.id, action: 'search_dictionary_add', subjectType: 'search_dictionary', subjectId: entry.id, detail: word, now: entry.createdAt }),
  ]);
  return entry;
}

export async function deleteDictionaryWord(deps: AppDeps, user: SessionUser, id: string): Promise<void> {
  requireAdmin(user);
  const row = await repo.findDictionaryWord(deps.database, { id });
  if (!row) throw notFound('Dictionary word');
  await commit(deps, [
    repo.deleteDictionaryWord(deps.database, id),
    auditEntry(deps.database, { actorUserId: user.id, action: 'search_dictionary_delete', subjectType: 'search_dictionary', subjectId: id, detail: row.word, now: deps.now() }),
  ]);
}
