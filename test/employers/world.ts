// The authorization matrix: every kind of caller against an endpoint, each on a fresh target.
import { expect } from 'vitest';
import { Client, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makeGraduate, snapshot, type EmployerFixture } from './fixtures';

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

/** Same status for every actor, then the exceptions. */
export function expect_(all: number, except: Partial<Expected> = {}): Expected {
  return Object.fromEntries(ACTORS.map((a) => [a, except[a] ?? all])) as Expected;
}

/** Calls the endpoint as every actor, each against a fresh target from `setup`; compares the
 * statuses with `expected` and checks that every refusal is problem+json and changed nothing. */
export async function checkMatrix<T>(w: World, expected: Expected, setup: () => Promise<T>, call: (client: Client, target: T, actor: Actor) => Promise<Response>): Promise<void> {
  const actual = {} as Expected;
  for (const actor of ACTORS) {
    const target = await setup();
    const before = await snapshot(w.t);
    const res = await call(w.clients[actor], target, actor);
    actual[actor] = res.status;
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), `${actor}: ${res.status}`).toMatch(/^application\/problem\+json/);
      expect(await snapshot(w.t), `${actor} was refused but something changed`).toBe(before);
    } else {
      await res.arrayBuffer();
    }
  }
  expect(actual).toEqual(expected);
}
