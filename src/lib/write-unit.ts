// A write unit (ARCHITECTURE.md, "How a write flows"): the statements of one atomic write, their
// side effects, and names for their results.
//
// - It still compiles to one SQLite transaction or one D1 batch (database.atomic), so conditions
//   that must hold at write time stay in the SQL (INSERT … SELECT … WHERE).
// - Results are named: `const r = await unit.commit(); r.claim.numAffectedRows`.
// - `touch` adds the search-outbox rows of the entities it changes in the same unit: the one
//   writer of search_outbox (src/lib/outbox.ts builds the statements).
// - After-commit work runs as hooks once the write has committed, never by hand in services:
//   a feature registers `onCommit(table, hook)` for the tables whose changes concern it (the
//   position list's cache registers for positions and employers), and every unit that writes
//   one of those tables runs the hook. The written tables are read from the statements
//   themselves; raw SQL states its tables with `changes(...)`.
import type { CompiledQuery, RootOperationNode } from 'kysely';
import type { DB } from '../../db/schema';
import type { AtomicStream, Database, WriteResult } from './database';
import { enqueueSearch, outboxWhere, type SearchEntity } from './outbox';

export type Table = keyof DB & string;
type Compilable = CompiledQuery | { compile(): CompiledQuery };
type Hook = (database: Database) => void;

const hooks = new Map<Table, Set<Hook>>();

/** Registers after-commit work for every write unit that changes `table`. Idempotent per hook. */
export function onCommit(tables: Table | Table[], hook: Hook): void {
  for (const table of Array.isArray(tables) ? tables : [tables]) {
    let set = hooks.get(table);
    if (!set) hooks.set(table, (set = new Set()));
    set.add(hook);
  }
}

/** The table an INSERT, UPDATE or DELETE built with Kysely writes (null for raw SQL and reads). */
export function writtenTable(query: CompiledQuery): string | null {
  const node = query.query as RootOperationNode & Record<string, unknown>;
  const tableName = (t: unknown): string | null => {
    const n = t as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown } | undefined;
    if (!n) return null;
    if (n.kind === 'TableNode') return n.table?.identifier?.name ?? null;
    if (n.kind === 'AliasNode') return tableName(n.node);
    return null;
  };
  switch (node.kind) {
    case 'InsertQueryNode':
      return tableName(node.into);
    case 'UpdateQueryNode':
      return tableName(node.table);
    case 'DeleteQueryNode':
      return tableName((node.from as unknown as { froms?: readonly unknown[] } | undefined)?.froms?.[0]);
    default:
      return null;
  }
}

export class WriteUnit<Names extends string = never> {
  private readonly steps: Array<{ name: string | null; query: CompiledQuery }> = [];
  private readonly tables = new Set<string>();
  private readonly after: Array<() => void> = [];
  private stream: AtomicStream | null = null;

  constructor(
    readonly database: Database,
    private readonly now: number,
  ) {}

  /** A statement; give it a name to read its result after the commit. */
  add<N extends string>(name: N, query: Compilable): WriteUnit<Names | N>;
  add(query: Compilable): WriteUnit<Names>;
  add(a: string | Compilable, b?: Compilable): WriteUnit<string> {
    const [name, q] = typeof a === 'string' ? [a, b!] : [null, a];
    const query = 'compile' in q && typeof q.compile === 'function' ? q.compile() : (q as CompiledQuery);
    if (name !== null && this.steps.some((s) => s.name === name)) throw new Error(`write unit: the name ${name} is used twice`);
    this.steps.push({ name, query });
    this.stream?.add([query]);
    const table = writtenTable(query);
    if (table) this.tables.add(table);
    return this as WriteUnit<string>;
  }

  /** Every statement of `queries` (a repository's fragment list), unnamed. */
  addAll(queries: Compilable[]): this {
    for (const q of queries) this.add(q);
    return this;
  }

  /** The search index must follow these entities: their outbox rows join this unit. */
  touch(entity: SearchEntity, ids: string | string[]): this {
    for (const id of Array.isArray(ids) ? ids : [ids]) this.add(enqueueSearch(this.database, entity, id, this.now));
    return this;
  }

  /** Outbox rows for the entities a query selects (one `id` column), e.g. all posts of an employer. */
  touchWhere(entity: SearchEntity, select: Compilable): this {
    this.add(outboxWhere(entity, select, this.now));
    return this.changes('search_outbox');
  }

  /** Tables that raw SQL in this unit writes, so their after-commit hooks run. */
  changes(...tables: Table[]): this {
    for (const t of tables) this.tables.add(t);
    return this;
  }

  /** Work for this unit only, after it commits (e.g. a job's progress message). */
  afterCommit(fn: () => void): this {
    this.after.push(fn);
    return this;
  }

  /**
   * Hands every statement to the database as soon as it is added (those added so far at once),
   * where the database can hold the transaction open meanwhile (Node's SQLite files: a writer
   * thread), so a long computation overlaps its own write; elsewhere the unit is written at
   * commit() as usual. The write lock is held from here to commit(): keep that short, and call
   * abandon() on every path that does not commit.
   */
  streaming(): this {
    if (this.stream || !this.database.openStream) return this;
    this.stream = this.database.openStream();
    this.stream.add(this.steps.map((s) => s.query));
    return this;
  }

  /** Drops a streamed unit that will not be committed (its statements roll back). */
  abandon(): void {
    this.stream?.abandon();
    this.stream = null;
  }

  get size(): number {
    return this.steps.length;
  }

  /** Runs the unit as one atomic write, then its hooks. Named results come back by name. */
  async commit(): Promise<Record<Names, WriteResult>> {
    const stream = this.stream;
    this.stream = null;
    const results = stream ? await stream.commit() : await this.database.atomic(this.steps.map((s) => s.query));
    const named = {} as Record<string, WriteResult>;
    this.steps.forEach((s, i) => {
      if (s.name !== null) named[s.name] = results[i];
    });
    const run = new Set<Hook>();
    for (const t of this.tables) for (const h of hooks.get(t as Table) ?? []) run.add(h);
    for (const h of run) safely(() => h(this.database));
    for (const fn of this.after) safely(fn);
    return named as Record<Names, WriteResult>;
  }
}

/** An after-commit hook must not turn a committed write into an error answer. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error(JSON.stringify({ level: 'error', msg: 'after-commit hook failed', error: e instanceof Error ? e.message.slice(0, 300) : String(e) }));
  }
}

/** A new unit on this database at this time (the time stamps its outbox rows). */
export function writeUnit(database: Database, now: number): WriteUnit {
  return new WriteUnit(database, now);
}
