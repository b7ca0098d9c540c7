// Shared by the agreement and placement tests: bodies, fixtures, a snapshot of every table these
// features (and applications) write, and the authorization matrix over the employer tests' world.
import { expect } from 'vitest';
import type { Client, TestApp } from '../helpers/app';
import { ACTORS, type Actor, type World } from '../employers/world';

const TABLES = ['agreements', 'agreement_events', 'placements', 'applications', 'application_events', 'audit_log', 'talents', 'employers'] as const;

export async function snapshotAll(t: TestApp): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await t.deps.database.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(out);
}

export async function unchangedAll<T>(t: TestApp, act: () => Promise<T>): Promise<T> {
  const before = await snapshotAll(t);
  const result = await act();
  expect(await snapshotAll(t)).toBe(before);
  return result;
}

export function agreementBody(talentId: string, overrides: Record<string, unknown> = {}) {
  return {
    talentId,
    targetRegionCode: '1501',
    institution: '内蒙古师范大学',
    enrolmentYear: 2021,
    graduationYear: 2025,
    serviceYears: 5,
    signedOn: '2021-08-20',
    ...overrides,
  };
}

export type AgreementJson = {
  id: string;
  status: string;
  statusNote: string | null;
  servedDays: number;
  owedDays: number;
  fulfillable: boolean;
  nextSteps: string[];
  talent: { id: string };
  events: { fromStatus: string | null; toStatus: string; actorRole: string | null; note: string | null }[];
};

export type PlacementJson = {
  id: string;
  kind: string;
  startOn: string;
  endOn: string | null;
  endReason: string | null;
  source: string;
  sourceId: string | null;
  agreementId: string | null;
  days: number;
  talent: { id: string };
  employer: { id: string };
  position: { id: string } | null;
};

export async function makeAgreement(dept: Client, talentId: string, overrides: Record<string, unknown> = {}): Promise<AgreementJson> {
  const res = await dept.post('/api/v1/agreements', agreementBody(talentId, overrides));
  if (res.status !== 201) throw new Error(`create agreement: ${res.status} ${await res.text()}`);
  return (await res.json()) as AgreementJson;
}

export async function moveAgreement(dept: Client, id: string, status: string, note = 'test note'): Promise<Response> {
  return dept.post(`/api/v1/agreements/${id}/status`, { status, note });
}

export async function makePlacement(client: Client, body: Record<string, unknown>): Promise<PlacementJson> {
  const res = await client.post('/api/v1/placements', { kind: 'employment', startOn: '2026-06-01', ...body });
  if (res.status !== 201) throw new Error(`create placement: ${res.status} ${await res.text()}`);
  return (await res.json()) as PlacementJson;
}

export type Expected = Record<Actor, number>;
export function expectAll(all: number, except: Partial<Expected> = {}): Expected {
  return Object.fromEntries(ACTORS.map((a) => [a, except[a] ?? all])) as Expected;
}

/** Every actor against a fresh target; statuses must equal `expected`, refusals are problem+json
 * and change nothing (agreements, placements and their neighbours included). */
export async function matrix<T>(
  w: World,
  expected: Expected,
  setup: () => Promise<T>,
  call: (client: Client, target: T, actor: Actor) => Promise<Response>,
  check?: (res: Response, target: T, actor: Actor) => Promise<void>,
): Promise<void> {
  const actual = {} as Expected;
  for (const actor of ACTORS) {
    const target = await setup();
    const before = await snapshotAll(w.t);
    const res = await call(w.clients[actor], target, actor);
    actual[actor] = res.status;
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), `${actor}: ${res.status}`).toMatch(/^application\/problem\+json/);
      expect(await snapshotAll(w.t), `${actor} was refused but something changed`).toBe(before);
    } else if (check) {
      await check(res, target, actor);
    } else {
      await res.arrayBuffer();
    }
  }
  expect(actual).toEqual(expected);
}
