// db/schema.ts against a migrated database: the tables and columns SQLite reports (PRAGMA
// table_xinfo) beside the Kysely `DB` interface as the TypeScript checker reads it.
import type BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

/** How a value of a column is held in TypeScript, or stored by SQLite (its type affinity). */
export type ValueKind = 'string' | 'number' | 'bytes' | 'other';

export interface DbColumn {
  kind: ValueKind;
  /** The declared SQL type, for messages. */
  declared: string;
  nullable: boolean;
  /** An INSERT may leave it out: it has a default, may be null, or is the rowid. */
  optionalOnInsert: boolean;
}

export interface TsColumn {
  /** Kinds of the selected value (of the update type for write-only columns), null left out. */
  kinds: ValueKind[];
  nullable: boolean;
  optionalOnInsert: boolean;
  /** The type as written, for messages. */
  text: string;
}

export type Tables<C> = Map<string, Map<string, C>>;

/** Tables that belong to SQLite or to the migration runner, not to the app. */
const INTERNAL_TABLES = /^(sqlite_|d1_migrations$|_cf_)/;

/** SQLite's type affinity rules reduced to value kinds. */
export function affinity(declared: string): ValueKind {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t === '' || t.includes('BLOB')) return 'bytes';
  return 'number'; // REAL and NUMERIC
}

export function readDatabase(sqlite: BetterSqlite3.Database): Tables<DbColumn> {
  const tables: Tables<DbColumn> = new Map();
  const names = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").pluck().all() as string[];
  for (const table of names.filter((n) => !INTERNAL_TABLES.test(n))) {
    const columns = new Map<string, DbColumn>();
    const info = sqlite.prepare('SELECT name, type, "notnull" AS not_null, dflt_value, pk, hidden FROM pragma_table_xinfo(?)').all(table) as {
      name: string;
      type: string;
      not_null: number;
      dflt_value: string | null;
      pk: number;
      hidden: number;
    }[];
    const pkColumns = info.filter((c) => c.pk > 0);
    for (const c of info) {
      if (c.hidden === 1) continue; // hidden columns of virtual tables
      const rowid = pkColumns.length === 1 && c.pk === 1 && c.type.toUpperCase() === 'INTEGER';
      const generated = c.hidden === 2 || c.hidden === 3;
      const nullable = c.not_null === 0 && c.pk === 0;
      columns.set(c.name, {
        kind: affinity(c.type),
        declared: c.type || '(none)',
        nullable: nullable && !rowid,
        optionalOnInsert: nullable || c.dflt_value !== null || rowid || generated,
      });
    }
    tables.set(table, columns);
  }
  return tables;
}

const parsedLibraries = new Map<string, ts.SourceFile>();

/** The `DB` interface of a schema file; `sourceText` replaces the file's text (to check doctored copies). */
export function readSchemaFile(path: string, sourceText?: string): Tables<TsColumn> {
  const fileName = resolve(path);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const original = host.getSourceFile;
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (resolve(name) === fileName) return ts.createSourceFile(name, sourceText ?? readFileSync(fileName, 'utf8'), languageVersion, true);
    // The standard library and Kysely's declarations are parsed once per test file.
    let parsed = parsedLibraries.get(name);
    if (!parsed) {
      parsed = original.call(host, name, languageVersion, onError, shouldCreate);
      if (parsed) parsedLibraries.set(name, parsed);
    }
    return parsed;
  };
  const program = ts.createProgram([fileName], options, host);
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(`${path} does not compile: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName);
  if (!source) throw new Error(`cannot read ${path}`);
  const db = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB');
  if (!db) throw new Error(`${path} has no interface DB`);

  const tables: Tables<TsColumn> = new Map();
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(db))) {
    const columns = new Map<string, TsColumn>();
    const tableType = checker.getTypeOfSymbolAtLocation(table, db);
    for (const column of checker.getPropertiesOfType(tableType)) {
      const type = checker.getTypeOfSymbolAtLocation(column, db);
      const part = (name: string) => {
        const p = type.getProperty(name);
        return p ? checker.getTypeOfSymbolAtLocation(p, db) : undefined;
      };
      // Kysely's ColumnType<S, I, U> is { __select__: S; __insert__: I; __update__: U }.
      const select = part('__select__') ?? type;
      const insert = part('__insert__') ?? type;
      const update = part('__update__') ?? type;
      const value = select.flags & ts.TypeFlags.Never ? update : select;
      const members = value.isUnion() ? value.types : [value];
      const present = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const insertMembers = insert.isUnion() ? insert.types : [insert];
      columns.set(column.name, {
        kinds: [...new Set(present.map((m) => kindOf(checker, m)))],
        nullable: members.some((m) => m.flags & ts.TypeFlags.Null),
        optionalOnInsert: insertMembers.some((m) => m.flags & ts.TypeFlags.Undefined) || (column.flags & ts.SymbolFlags.Optional) !== 0,
        text: checker.typeToString(type),
      });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

function kindOf(checker: ts.TypeChecker, t: ts.Type): ValueKind {
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) return 'number'; // SQLite stores booleans as 0/1
  const name = checker.typeToString(t);
  if (/^(Uint8Array|Buffer|ArrayBuffer)(<.*>)?$/.test(name)) return 'bytes';
  return 'other';
}

/** Every difference between the migrated database and schema.ts, one sentence each; [] when they agree. */
export function compareSchemas(db: Tables<DbColumn>, schema: Tables<TsColumn>): string[] {
  const problems: string[] = [];
  for (const [table, columns] of db) {
    const typed = schema.get(table);
    if (!typed) {
      problems.push(`table ${table} is in the migrations but not in DB (db/schema.ts)`);
      continue;
    }
    for (const [name, c] of columns) {
      const t = typed.get(name);
      const where = `${table}.${name}`;
      if (!t) {
        problems.push(`column ${where} (${c.declared}) is in the migrations but not in db/schema.ts`);
        continue;
      }
      if (t.kinds.length !== 1 || t.kinds[0] !== c.kind) problems.push(`column ${where}: ${c.declared} holds ${c.kind} values but db/schema.ts says ${t.text}`);
      if (c.nullable && !t.nullable) problems.push(`column ${where} may be NULL but db/schema.ts says ${t.text}`);
      if (!c.nullable && t.nullable) problems.push(`column ${where} is NOT NULL but db/schema.ts says ${t.text}`);
      if (t.optionalOnInsert && !c.optionalOnInsert) problems.push(`column ${where} is NOT NULL without a default but db/schema.ts lets an insert leave it out (${t.text})`);
    }
    for (const name of typed.keys()) {
      if (!columns.has(name)) problems.push(`column ${table}.${name} is in db/schema.ts but not in the migrated database`);
    }
  }
  for (const table of schema.keys()) {
    if (!db.has(table)) problems.push(`table ${table} is in db/schema.ts but not in the migrated database`);
  }
  return problems;
}
