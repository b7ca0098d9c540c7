// The standard cast of callers for the employer, position, application, agreement, placement and
// recommendation matrices: every role, another user of the same role, and departments inside and
// outside the region of 呼和浩特市新城区 (150102).
import { Client, signedIn, type TestApp } from './app';
import { makeEmployer, makeGraduate, type EmployerFixture } from './builders';
import { expectAll, runMatrix, snapshotTables, unchangedTables } from './matrix';

export const ACTORS = ['anonymous', 'graduate', 'otherGraduate', 'owner', 'otherEmployer', 'unverifiedEmployer', 'dept15', 'dept1501', 'dept1502', 'dept13', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];
export type Expected = Record<Actor, number>;

export interface World {
  t: TestApp;
  clients: Record<Actor, Client>;
  /** Verified, in 新城区 150102 (呼和浩特市 1501, 内蒙古 15). */
  owner: EmployerFixture;
  /** Another verified employer in the same county. */
  other: EmployerFixture;
  /** A pending employer in the same county. */
  unverified: EmployerFixture;
  graduate: Client & { userId: string; talentId: string };
  otherGraduate: Client & { userId: string; talentId: string };
}

export async function makeWorld(t: TestApp): Promise<World> {
  const owner = await makeEmployer(t);
  const other = await makeEmployer(t);
  const unverified = await makeEmployer(t, { status: 'pending' });
  const graduate = await makeGraduate(t);
  const otherGraduate = await makeGraduate(t, { name: '张伟', phone: '13900001111' });
  const clients: Record<Actor, Client> = {
    anonymous: new Client(t),
    graduate,
    otherGraduate,
    owner: owner.client,
    otherEmployer: other.client,
    unverifiedEmployer: unverified.client,
    dept15: await signedIn(t, 'department', { regionCode: '15' }),
    dept1501: await signedIn(t, 'department', { regionCode: '1501' }),
    dept1502: await signedIn(t, 'department', { regionCode: '1502' }),
    dept13: await signedIn(t, 'department', { regionCode: '13' }),
    admin: await signedIn(t, 'admin'),
  };
  return { t, clients, owner, other, unverified, graduate, otherGraduate };
}

/** Same status for every actor of the world, then the exceptions. */
export function expect_(all: number, except: Partial<Expected> = {}): Expected {
  return expectAll(ACTORS, all, except);
}

/** What the employer, position and application features write. */
export const EMPLOYER_TABLES = ['employers', 'positions', 'position_service_areas', 'applications', 'application_events', 'search_outbox', 'audit_log', 'talents'] as const;
/** What the agreement and placement features (and applications) write. */
export const PLACEMENT_TABLES = ['agreements', 'agreement_events', 'placements', 'applications', 'application_events', 'audit_log', 'talents', 'employers'] as const;

export const snapshot = (t: TestApp) => snapshotTables(t, EMPLOYER_TABLES);
export const unchanged = <T>(t: TestApp, act: () => Promise<T>) => unchangedTables(t, EMPLOYER_TABLES, act);

/** The world's matrix: every actor against a fresh target from `setup`; refusals are problem+json
 * and leave `tables` (default: what the employer features write) unchanged. */
export async function checkMatrix<T>(
  w: World,
  expected: Expected,
  setup: () => Promise<T>,
  call: (client: Client, target: T, actor: Actor) => Promise<Response>,
  opts: { tables?: Parameters<typeof snapshotTables>[1]; check?: (res: Response, target: T, actor: Actor) => Promise<void> } = {},
): Promise<void> {
  const tables = opts.tables ?? EMPLOYER_TABLES;
  await runMatrix({ clients: w.clients, expected, setup: () => setup(), call, check: opts.check, snapshot: () => snapshotTables(w.t, tables) });
}

export const unchangedPlacements = <T>(t: TestApp, act: () => Promise<T>) => unchangedTables(t, PLACEMENT_TABLES, act);

/** The world's matrix over the agreement and placement tables, with more checks on successes. */
export function placementMatrix<T>(
  w: World,
  expected: Expected,
  setup: () => Promise<T>,
  call: (client: Client, target: T, actor: Actor) => Promise<Response>,
  check?: (res: Response, target: T, actor: Actor) => Promise<void>,
): Promise<void> {
  return checkMatrix(w, expected, setup, call, { tables: PLACEMENT_TABLES, check });
}
