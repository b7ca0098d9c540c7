// The admins' search tuning tables (migration 0016): synonym groups and dictionary words. Reads
// return rows; writes return compiled queries for the write unit. Private to the search-api feature
// (the engines read the same tables as their input: search/tuning.ts).
import type { CompiledQuery } from 'kysely';
import type { Database } from '../lib/database';

export interface SynonymRow {
  id: string;
  words: string[];
  createdAt: number;
}

export interface DictionaryRow {
  id: string;
  word: string;
  createdAt: number;
}

/** Newest first. */
export async function listSynonyms(database: Database): Promise<SynonymRow[]> {
  const rows = await database.db.selectFrom('search_synonyms').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, words: JSON.parse(r.words) as string[], createdAt: r.created_at }));
}

export async function findSynonym(database: Database, id: string): Promise<SynonymRow | undefined> {
  const r = await database.db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, words: JSON.parse(r.words) as string[], createdAt: r.created_at };
}

/** In word order. */
export async function listDictionary(database: Database): Promise<DictionaryRow[]> {
  const rows = await database.db.selectFrom('search_dictionary').selectAll().orderBy('word').execute();
  return rows.map((r) => ({ id: r.id, word: r.word, createdAt: r.created_at }));
}

export async function findDictionaryWord(database: Database, by: { id: string } | { word: string }): Promise<DictionaryRow | undefined> {
  let q = database.db.selectFrom('search_dictionary').selectAll();
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('word', '=', by.word);
  const r = await q.executeTakeFirst();
  return r && { id: r.id, word: r.word, createdAt: r.created_at };
}

export async function countDictionary(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom('search_dictionary')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertSynonym(database: Database, row: SynonymRow, userId: string): CompiledQuery {
  return database.db
    .insertInto('search_synonyms')
    .values({ id: row.id, words: JSON.stringify(row.words), created_at: row.createdAt, created_by: userId })
    .compile();
}

export function deleteSynonym(database: Database, id: string): CompiledQuery {
  return database.db.deleteFrom('search_synonyms').where('id', '=', id).compile();
}

export function insertDictionaryWord(database: Database, row: DictionaryRow, userId: string): CompiledQuery {
  return database.db.insertInto('search_dictionary').values({ id: row.id, word: row.word, created_at: row.createdAt, created_by: userId }).compile();
}

export function deleteDictionaryWord(database: Database, id: string): CompiledQuery {
  return database.db.deleteFrom('search_dictionary').where('id', '=', id).compile();
}
