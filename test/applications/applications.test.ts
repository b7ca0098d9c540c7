import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { insertTalent, makeEmployer, makeGraduate, makePosition, moveBody, type EmployerFixture } from '../helpers/builders';
import { unchanged, checkMatrix, expect_, makeWorld } from '../helpers/world';
import { ALL_STATUSES, employerMayMove, type ApplicationStatus } from '../../src/applications/applications.states';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type Event = { fromStatus: string | null; toStatus: string; actorRole: string | null; note: string | null; at: string };
type AppJson = {
  id: string;
  status: string;
  coverLetter: string | null;
  position: { id: string; title: string; employerName: string };
  applicant: Record<string, unknown>;
  nextSteps: string[];
  events: Event[];
};
type PageJson = { items: AppJson[]; total: number; page: number; pageSize: number };
const json = async (res: Response) => (await res.json()) as AppJson;

async function applyOk(grad: Client, positionId: string, coverLetter?: string): Promise<AppJson> {
  const res = await grad.post('/api/v1/applications', { positionId, ...(coverLetter ? { coverLetter } : {}) });
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${await res.text()}`);
  return json(res);
}

async function move(employer: Client, id: string, status: string, note?: string): Promise<Response> {
  return employer.post(`/api/v1/applications/${id}/status`, moveBody(status, t.clock.now, note ? { note } : {}));
}

const PATH: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: [],
  reviewing: ['reviewing'],
  interview: ['reviewing', 'interview'],
  offer: ['reviewing', 'interview', 'offer'],
  hired: ['reviewing', 'interview', 'offer', 'hired'],
  rejected: ['rejected'],
  withdrawn: [],
  placed_elsewhere: [],
};

/** A fresh application of `grad` to a new position of `employer`, brought into `status`. */
async function applicationIn(employer: EmployerFixture, grad: Client, status: ApplicationStatus): Promise<string> {
  const positionId = await makePosition(employer.client);
  const { id } = await applyOk(grad, positionId);
  for (const step of PATH[status]) {
    const res = await move(employer.client, id, step);
    if (res.status !== 200) throw new Error(`move to ${step}: ${res.status} ${await res.text()}`);
  }
  if (status === 'placed_elsewhere') {
    // Hired at another employer: the placement closes this application.
    const elsewhere = await makeEmployer(t);
    const there = await applyOk(grad, await makePosition(elsewhere.client));
    for (const step of PATH.hired) expect((await move(elsewhere.client, there.id, step)).status).toBe(200);
  }
  if (status === 'withdrawn') {
    const res = await grad.post(`/api/v1/applications/${id}/withdraw`);
    if (res.status !== 200) throw new Error(`withdraw: ${res.status} ${await res.text()}`);
  }
  return id;
}

describe('applications', () => {
  it('a graduate applies; the employer moves the application to hired; both see the history', async () => {
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client);
    // Department-only visibility: applying still shares the summary with this employer.
    const grad = await makeGraduate(t, { visibility: 'department' });

    const created = await grad.post('/api/v1/applications', { positionId, coverLetter: '我有两年社区养老服务经验。' });
    expect(created.status).toBe(201);
    const app = await json(created);
    expect(app).toMatchObject({
      status: 'submitted',
      coverLetter: '我有两年社区养老服务经验。',
      position: { id: positionId, title: '社区工作者（养老服务方向）' },
      nextSteps: ['withdrawn'],
      events: [{ fromStatus: null, toStatus: 'submitted', actorRole: 'graduate', note: null }],
    });

    const applicants = await employer.client.get(`/api/v1/positions/${positionId}/applications`);
    expect(applicants.status).toBe(200);
    const text = await applicants.text();
    const list = JSON.parse(text) as PageJson;
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.items[0]).toMatchObject({ id: app.id, status: 'submitted', nextSteps: ['reviewing', 'rejected'] });
    expect(list.items[0].applicant).toEqual({
      talentId: grad.talentId,
      name: '李娜',
      gender: 'female',
      birthYear: 2001,
      regionCode: '150102',
      education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2024 },
      qualification: { level: 'assistant', year: 2024, registrationValidUntil: '2027-06-30' },
      serviceAreas: ['elderly', 'community'],
      languages: ['mandarin', 'mongolian'],
      availability: 'available',
      phone: '138****5678',
    });
    // Nothing of the ID number, the full phone or the birth date leaves for the employer.
    for (const secret of ['13812345678', '1501**********1234', 'not-a-real-ciphertext', `hmac-${grad.talentId}`, '2001-03-07', 'idNumber', 'ethnicity']) {
      expect(text).not.toContain(secret);
    }

    const steps: [string, string | undefined][] = [
      ['reviewing', undefined],
      ['interview', '6 月 5 日上午 9 点面试'],
      ['offer', undefined],
      ['hired', '7 月 1 日到岗'],
    ];
    for (const [status, note] of steps) {
      t.clock.now += 60_000;
      const res = await move(employer.client, app.id, status, note);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ status });
    }
    const seenByGraduate = await json(await grad.get(`/api/v1/applications/${app.id}`));
    const seenByEmployer = await json(await employer.client.get(`/api/v1/applications/${app.id}`));
    const history = [
      { fromStatus: null, toStatus: 'submitted', actorRole: 'graduate', note: null },
      { fromStatus: 'submitted', toStatus: 'reviewing', actorRole: 'employer', note: null },
      { fromStatus: 'reviewing', toStatus: 'interview', actorRole: 'employer', note: '6 月 5 日上午 9 点面试' },
      { fromStatus: 'interview', toStatus: 'offer', actorRole: 'employer', note: null },
      { fromStatus: 'offer', toStatus: 'hired', actorRole: 'employer', note: '7 月 1 日到岗' },
    ];
    for (const seen of [seenByGraduate, seenByEmployer]) {
      expect(seen.status).toBe('hired');
      expect(seen.events.map(({ at: _at, ...e }) => e)).toEqual(history);
      expect(seen.nextSteps).toEqual([]);
    }
    expect(seenByGraduate.events[4].at).toBe(new Date(t.clock.now).toISOString());

    const mine = (await (await grad.get('/api/v1/applications')).json()) as PageJson;
    expect(mine).toMatchObject({ total: 1 });
    expect(mine.items[0]).toMatchObject({ id: app.id, status: 'hired', position: { id: positionId, employerName: '呼和浩特市新城区海拉尔东路街道社会工作服务站' } });
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    expect((await dept.get(`/api/v1/applications/${app.id}`)).status).toBe(200);
    expect((await dept.get(`/api/v1/positions/${positionId}/applications`)).status).toBe(200);
  });

  it('a graduate withdraws, after which neither side can move the application', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const id = await applicationIn(employer, grad, 'interview');
    const res = await grad.post(`/api/v1/applications/${id}/withdraw`, { note: '已接受其他岗位' });
    expect(res.status).toBe(200);
    const app = await json(res);
    expect(app.status).toBe('withdrawn');
    expect(app.events.at(-1)).toMatchObject({ fromStatus: 'interview', toStatus: 'withdrawn', actorRole: 'graduate', note: '已接受其他岗位' });
    await unchanged(t, async () => {
      expect((await expectProblem(await move(employer.client, id, 'offer'), 409)).code).toBe('invalid_state');
      expect((await expectProblem(await grad.post(`/api/v1/applications/${id}/withdraw`), 409)).code).toBe('invalid_state');
      // Applying once means once, withdrawn or not.
      await expectProblem(await grad.post('/api/v1/applications', { positionId: app.position.id }), 409, 'positionId');
    });
  });

  it('applies only once, only to a position taking applications, only with a profile', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const open = await makePosition(employer.client);
    await applyOk(grad, open);
    const draft = await makePosition(employer.client, {}, { open: false });
    const closed = await makePosition(employer.client);
    await employer.client.post(`/api/v1/positions/${closed}/close`);
    const later = await makePosition(employer.client, { opensOn: '2026-06-15' });
    const lastDay = await makePosition(employer.client, { closesOn: '2026-06-01' });
    const noProfile = await signedIn(t, 'graduate');
    await unchanged(t, async () => {
      expect((await expectProblem(await grad.post('/api/v1/applications', { positionId: open }), 409, 'positionId')).code).toBe('conflict');
      for (const positionId of [draft, closed, later]) {
        expect((await expectProblem(await grad.post('/api/v1/applications', { positionId }), 409)).code).toBe('invalid_state');
      }
      await expectProblem(await grad.post('/api/v1/applications', { positionId: 'nosuchposition0' }), 422, 'positionId');
      const problem = await expectProblem(await noProfile.post('/api/v1/applications', { positionId: lastDay }), 409);
      expect(problem.detail).toMatch(/talent profile/);
    });
    expect((await grad.post('/api/v1/applications', { positionId: lastDay })).status).toBe(201);
    t.clock.now += 86_400_000; // the next day in China: lastDay has closed
    const another = await makeGraduate(t);
    await unchanged(t, async () => {
      expect((await expectProblem(await another.post('/api/v1/applications', { positionId: lastDay }), 409)).code).toBe('invalid_state');
    });
    // An unlinked roster talent of the same person does not count as a profile.
    await insertTalent(t, null);
    expect((await expectProblem(await noProfile.post('/api/v1/applications', { positionId: open }), 409)).detail).toMatch(/talent profile/);
  });

  it('lists applicants with a status filter and pagination, and the graduate’s own list', async () => {
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client, { seats: 10 });
    const grads = [await makeGraduate(t), await makeGraduate(t), await makeGraduate(t)];
    const ids: string[] = [];
    for (const g of grads) {
      t.clock.now += 1000;
      ids.push((await applyOk(g, positionId)).id);
    }
    await move(employer.client, ids[0], 'rejected', '不符合学历要求');
    const all = (await (await employer.client.get(`/api/v1/positions/${positionId}/applications?pageSize=2`)).json()) as PageJson;
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const rejected = (await (await employer.client.get(`/api/v1/positions/${positionId}/applications?status=rejected`)).json()) as PageJson;
    expect(rejected.items.map((i) => i.id)).toEqual([ids[0]]);
    await expectProblem(await employer.client.get(`/api/v1/positions/${positionId}/applications?status=lost`), 422, 'status');
    const mine = (await (await grads[1].get('/api/v1/applications')).json()) as PageJson;
    expect(mine.items.map((i) => i.id)).toEqual([ids[1]]);
    const none = await signedIn(t, 'graduate');
    expect(await (await none.get('/api/v1/applications')).json()).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });
});

describe('the status flow', () => {
  it('allows exactly the legal moves; every illegal one is 409 invalid_state and changes nothing', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const targets = ['reviewing', 'interview', 'offer', 'hired', 'rejected'] as const;
    const legal: string[] = [];
    for (const from of ALL_STATUSES) {
      for (const to of [...targets, 'withdrawn' as const]) {
        const id = await applicationIn(employer, grad, from);
        const act = () => (to === 'withdrawn' ? grad.post(`/api/v1/applications/${id}/withdraw`) : move(employer.client, id, to));
        const allowed = to === 'withdrawn' ? !['hired', 'rejected', 'withdrawn', 'placed_elsewhere'].includes(from) : employerMayMove(from, to);
        if (allowed) {
          const res = await act();
          expect(res.status, `${from} → ${to}`).toBe(200);
          const app = await json(res);
          expect(app.status).toBe(to);
          expect(app.events.at(-1)).toMatchObject({ fromStatus: from, toStatus: to });
          legal.push(`${from}→${to}`);
        } else {
          await unchanged(t, async () => {
            const problem = await expectProblem(await act(), 409);
            expect(problem.code, `${from} → ${to}`).toBe('invalid_state');
          });
        }
      }
    }
    expect(legal.sort()).toEqual(
      [
        'submitted→reviewing',
        'submitted→rejected',
        'submitted→withdrawn',
        'reviewing→interview',
        'reviewing→rejected',
        'reviewing→withdrawn',
        'interview→offer',
        'interview→rejected',
        'interview→withdrawn',
        'offer→hired',
        'offer→rejected',
        'offer→withdrawn',
      ].sort(),
    );
  });

  it('a stale move (status changed after it was read) changes nothing', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const id = await applicationIn(employer, grad, 'submitted');
    const { insertEventIf, updateStatusIf } = await import('../../src/applications/applications.repository');
    const db = t.deps.database;
    await unchanged(t, async () => {
      const results = await db.atomic([
        insertEventIf(
          db,
          { id: 'ev-stale', applicationId: id, from: 'reviewing', to: 'interview', actorUserId: employer.client.userId, note: null, now: t.clock.now },
          'reviewing',
        ),
        updateStatusIf(db, id, 'reviewing', 'interview', t.clock.now),
      ]);
      expect(results.map((r) => r.numAffectedRows)).toEqual([0, 0]);
    });
  });
});

describe('authorization matrix', () => {
  it('POST /applications', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, graduate: 201, otherGraduate: 201 }),
      () => makePosition(w.owner.client),
      (c, positionId) => c.post('/api/v1/applications', { positionId }),
    );
  });

  it('GET /applications', async () => {
    const w = await makeWorld(t);
    const id = await applicationIn(w.owner, w.graduate, 'submitted');
    const seen: Record<string, string[]> = {};
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, graduate: 200, otherGraduate: 200 }),
      async () => null,
      async (c, _t, actor) => {
        const res = await c.get('/api/v1/applications');
        if (res.status === 200) seen[actor] = ((await res.clone().json()) as PageJson).items.map((i) => i.id);
        return res;
      },
    );
    expect(seen).toEqual({ graduate: [id], otherGraduate: [] });
  });

  it('GET /applications/{id}', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(404, { anonymous: 401, graduate: 200, owner: 200, dept15: 200, dept1501: 200, admin: 200 }),
      () => applicationIn(w.owner, w.graduate, 'submitted'),
      (c, id) => c.get(`/api/v1/applications/${id}`),
    );
  });

  it('POST /applications/{id}/withdraw and /status', async () => {
    const w = await makeWorld(t);
    const fresh = () => applicationIn(w.owner, w.graduate, 'submitted');
    await checkMatrix(w, expect_(403, { anonymous: 401, graduate: 200, otherGraduate: 404, owner: 403, otherEmployer: 403, unverifiedEmployer: 403 }), fresh, (c, id) =>
      c.post(`/api/v1/applications/${id}/withdraw`),
    );
    await checkMatrix(w, expect_(403, { anonymous: 401, owner: 200, otherEmployer: 404, unverifiedEmployer: 404 }), fresh, (c, id) =>
      c.post(`/api/v1/applications/${id}/status`, { status: 'reviewing' }),
    );
  });

  it('GET /positions/{id}/applications of an open and a draft position', async () => {
    const w = await makeWorld(t);
    const withApplicant = async () => {
      const id = await makePosition(w.owner.client);
      await applyOk(w.graduate, id);
      return id;
    };
    await checkMatrix(w, expect_(403, { anonymous: 401, owner: 200, dept15: 200, dept1501: 200, admin: 200 }), withApplicant, (c, id) =>
      c.get(`/api/v1/positions/${id}/applications`),
    );
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 200, otherEmployer: 404, unverifiedEmployer: 404, dept15: 200, dept1501: 200, dept1502: 404, dept13: 404, admin: 200 }),
      () => makePosition(w.owner.client, {}, { open: false }),
      (c, id) => c.get(`/api/v1/positions/${id}/applications`),
    );
  });
});

describe('bad input changes nothing', () => {
  it('POST /applications', async () => {
    const employer = await makeEmployer(t);
    const positionId = await makePosition(employer.client);
    const grad = await makeGraduate(t);
    await unchanged(t, async () => {
      await expectProblem(await grad.post('/api/v1/applications', '{"positionId":'), 400);
      await expectProblem(await grad.post('/api/v1/applications', '[1]'), 422);
      await expectProblem(await grad.post('/api/v1/applications', {}), 422, 'positionId');
      await expectProblem(await grad.post('/api/v1/applications', { positionId: 42 }), 422, 'positionId');
      await expectProblem(await grad.post('/api/v1/applications', { positionId: '' }), 422, 'positionId');
      await expectProblem(await grad.post('/api/v1/applications', { positionId: 'p'.repeat(65) }), 422, 'positionId');
      await expectProblem(await grad.post('/api/v1/applications', { positionId, coverLetter: 7 }), 422, 'coverLetter');
      await expectProblem(await grad.post('/api/v1/applications', { positionId, coverLetter: '信'.repeat(2001) }), 422, 'coverLetter');
      await expectProblem(await grad.post('/api/v1/applications', { positionId, coverLetter: 'x'.repeat(300_000) }), 413);
    });
  });

  it('POST /applications/{id}/status and /withdraw', async () => {
    const employer = await makeEmployer(t);
    const grad = await makeGraduate(t);
    const id = await applicationIn(employer, grad, 'submitted');
    await unchanged(t, async () => {
      const post = (b: unknown) => employer.client.post(`/api/v1/applications/${id}/status`, b);
      await expectProblem(await post('{'), 400);
      await expectProblem(await post({}), 422, 'status');
      await expectProblem(await post({ status: 3 }), 422, 'status');
      await expectProblem(await post({ status: 'approved' }), 422, 'status');
      await expectProblem(await post({ status: 'withdrawn' }), 422, 'status');
      await expectProblem(await post({ status: 'submitted' }), 422, 'status');
      await expectProblem(await post({ status: 'reviewing', note: 'n'.repeat(501) }), 422, 'note');
      await expectProblem(await post({ status: 'reviewing', note: false }), 422, 'note');
      await expectProblem(await grad.post(`/api/v1/applications/${id}/withdraw`, '{'), 400);
      await expectProblem(await grad.post(`/api/v1/applications/${id}/withdraw`, { note: 'n'.repeat(501) }), 422, 'note');
    });
  });
});
