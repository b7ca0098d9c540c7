// A streamed write unit (WriteUnit.streaming, db/sqlite-stream.ts): on a SQLite file its statements
// run on a writer thread as they are added, inside one transaction, and the unit stays all or
// nothing — committed, abandoned, failed part-way, or forgotten.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite';
import { sqliteStream } from '../../db/sqlite-stream';
import { isUniqueViolation } from '../../src/lib/database';
import { StorageMonitor } from '../../src/lib/storage';
import { writeUnit } from '../../src/lib/write-unit';
import { tempDir } from '../jobs/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fileDatabase() {
  const tmp = tempDir();
  const opened = openSqlite(`${tmp.dir}/db.sqlite`);
  cleanups.push(() => {
    opened.sqlite.close();
    tmp.remove();
  });
  opened.sqlite.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = (id: string, body: string) => sql`INSERT INTO notes (id, body) VALUES (${id}, ${body})`.compile(opened.database.db);
  return { ...opened, insert };
}

const count = (s: ReturnType<typeof openSqlite>['sqlite']) => (s.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;

describe('streamed write units on a SQLite file', () => {
  it('runs statements before commit, invisible to other connections until it commits; long values arrive intact', async () => {
    const { sqlite, database, insert } = fileDatabase();
    const long = `长${'x'.repeat(40_000)}尾`; // moved to the writer as UTF-8 bytes
    const unit = writeUnit(database, Date.now()).streaming().add('first', insert('a', 'one')).add(insert('b', long));
    await new Promise((r) => setTimeout(r, 200)); // the writer has run them by now
    expect(count(sqlite)).toBe(0);
    const { first } = await unit.add(insert('c', 'three')).commit();
    expect(first.numAffectedRows).toBe(1);
    expect(count(sqlite)).toBe(3);
    expect((sqlite.prepare("SELECT body FROM notes WHERE id = 'b'").get() as { body: string }).body).toBe(long);
  });

  it('an abandoned unit writes nothing and releases the lock at once', async () => {
    const { sqlite, database, insert } = fileDatabase();
    const unit = writeUnit(database, Date.now()).streaming();
    unit.add(insert('a', 'one'));
    unit.abandon();
    const started = Date.now();
    await writeUnit(database, Date.now()).add(insert('z', 'after')).commit();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(sqlite.prepare('SELECT id FROM notes').all()).toEqual([{ id: 'z' }]);
  });

  it('a statement that fails rolls back the statements before it, and commit says why (SQLite code kept)', async () => {
    const { sqlite, database, insert } = fileDatabase();
    const unit = writeUnit(database, Date.now()).streaming();
    unit.add(insert('a', 'one')).add(insert('a', 'again')).add(insert('b', 'two'));
    const err = await unit.commit().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(isUniqueViolation(err, 'notes.id')).toBe(true);
    expect((err as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(count(sqlite)).toBe(0);
    await writeUnit(database, Date.now()).add(insert('c', 'later')).commit();
    expect(count(sqlite)).toBe(1);
  });

  it('a stream nobody finishes rolls back by itself and frees the database', async () => {
    const { sqlite, database, insert } = fileDatabase();
    const stream = sqliteStream(sqlite.name, new StorageMonitor(), 300);
    stream.add([insert('a', 'one')]);
    await new Promise((r) => setTimeout(r, 700));
    await expect(stream.commit()).rejects.toThrow(/neither committed nor abandoned/);
    await writeUnit(database, Date.now())
      .add(insert('b', randomBytes(4).toString('hex')))
      .commit();
    expect(sqlite.prepare('SELECT id FROM notes').all()).toEqual([{ id: 'b' }]);
  });
});
