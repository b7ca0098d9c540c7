// db/schema.ts is checked against a database migrated from scratch by the real migrator (every
// file in db/migrations, whatever exists): the same tables and columns, with compatible value
// types, nullability and insert defaults. The doctored cases show each kind of drift is caught.
import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { compareSchemas, readDatabase, readSchemaFile, type DbColumn, type Tables } from './schema-compare';

const SCHEMA = 'db/schema.ts';
const schemaText = readFileSync(SCHEMA, 'utf8');
let sqlite: BetterSqlite3.Database;
let migrated: Tables<DbColumn>;

beforeAll(() => {
  sqlite = new BetterSqlite3(':memory:');
  migrate(sqlite);
  migrated = readDatabase(sqlite);
});
afterAll(() => sqlite?.close());

/** schema.ts with one edit inside one interface (the edit must apply). */
function doctored(iface: string, from: string, to: string): string {
  const start = schemaText.indexOf(`export interface ${iface} {`);
  const end = schemaText.indexOf('\n}\n', start);
  expect(start, iface).toBeGreaterThanOrEqual(0);
  const body = schemaText.slice(start, end);
  expect(body, `${iface} has ${from}`).toContain(from);
  return schemaText.slice(0, start) + body.replace(from, to) + schemaText.slice(end);
}

describe('db/schema.ts and the migrations', () => {
  it('agree on every table and column', () => {
    // Both sides are read for real: the app's tables with their columns, not two empty maps.
    expect(migrated.size).toBeGreaterThanOrEqual(26);
    expect([...migrated.get('talents')!.keys()]).toContain('id_number_hmac');
    expect(migrated.get('sessions')!.get('secret_hash')).toMatchObject({ kind: 'bytes', nullable: false });
    expect(compareSchemas(migrated, readSchemaFile(SCHEMA))).toEqual([]);
  });

  it('reports a column a migration adds but schema.ts lacks', () => {
    const copy = new BetterSqlite3(':memory:');
    try {
      migrate(copy);
      copy.exec("ALTER TABLE talents ADD COLUMN nickname TEXT NOT NULL DEFAULT ''");
      copy.exec('CREATE TABLE widgets (id TEXT PRIMARY KEY, size INTEGER)');
      expect(compareSchemas(readDatabase(copy), readSchemaFile(SCHEMA))).toEqual([
        'column talents.nickname (TEXT) is in the migrations but not in db/schema.ts',
        'table widgets is in the migrations but not in DB (db/schema.ts)',
      ]);
    } finally {
      copy.close();
    }
  });

  it.each([
    ['a column left out', doctored('TalentTable', '  phone: string | null;\n', ''), 'column talents.phone (TEXT) is in the migrations but not in db/schema.ts'],
    [
      'a nullable column typed as never null',
      doctored('TalentTable', 'birth_date: string | null;', 'birth_date: string;'),
      'column talents.birth_date may be NULL but db/schema.ts says string',
    ],
    [
      'a NOT NULL column typed as nullable',
      doctored('RegionTable', 'name: string;', 'name: string | null;'),
      'column regions.name is NOT NULL but db/schema.ts says string | null',
    ],
    ['a number typed as a string', doctored('RegionTable', 'level: number;', 'level: string;'), 'column regions.level: INTEGER holds number values but db/schema.ts says string'],
    [
      'bytes typed as a string',
      doctored('SessionTable', 'secret_hash: Uint8Array;', 'secret_hash: string;'),
      'column sessions.secret_hash: BLOB holds bytes values but db/schema.ts says string',
    ],
    [
      'an insert default the table does not have',
      doctored('UserTable', 'email: string;', 'email: ColumnType<string, string | undefined, string>;'),
      'column users.email is NOT NULL without a default but db/schema.ts lets an insert leave it out (ColumnType<string, string | undefined, string>)',
    ],
    [
      'a column no migration adds',
      doctored('TalentTable', '  phone: string | null;\n', '  phone: string | null;\n  nickname: string;\n'),
      'column talents.nickname is in db/schema.ts but not in the migrated database',
    ],
    [
      'a table no migration creates',
      doctored('DB', '  regions: RegionTable;\n', '  regions: RegionTable;\n  widgets: RegionTable;\n'),
      'table widgets is in db/schema.ts but not in the migrated database',
    ],
  ])('reports %s', (_case, text, problem) => {
    expect(compareSchemas(migrated, readSchemaFile(SCHEMA, text))).toEqual([problem]);
  });
});
