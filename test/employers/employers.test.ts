import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { adminOf, employerBody, makeEmployer, makePosition } from '../helpers/builders';
import { creditCode, withBadCheckChar } from '../helpers/ids';
import { unchanged, checkMatrix, expect_, makeWorld } from '../helpers/world';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

type EmployerJson = Record<string, unknown> & { id: string; status?: string; view: string };
const json = async (res: Response) => (await res.json()) as EmployerJson;

describe('employer registration and verification', () => {
  it('registers, waits in the queue of its region, is verified and shows publicly', async () => {
    const employer = await signedIn(t, 'employer');
    const body = employerBody();
    const res = await employer.post('/api/v1/employers', body);
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({
      view: 'full',
      name: body.name,
      creditCode: body.creditCode,
      type: 'station',
      regionCode: '150102',
      regionName: '内蒙古自治区呼和浩特市新城区',
      status: 'pending',
      contactPhone: '0471-6901234',
      internshipBase: false,
    });
    expect(await json(await employer.get('/api/v1/employers/me'))).toMatchObject({ id: created.id, status: 'pending' });

    // Not public while pending.
    await expectProblem(await new Client(t).get(`/api/v1/employers/${created.id}`), 404);

    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    const queue = (await (await dept.get('/api/v1/employers?status=pending')).json()) as { items: EmployerJson[]; total: number };
    expect(queue.total).toBe(1);
    expect(queue.items[0]).toMatchObject({ id: created.id, status: 'pending' });

    const verified = await dept.post(`/api/v1/employers/${created.id}/verify`, { note: '材料齐全' });
    expect(verified.status).toBe(200);
    expect(await json(verified)).toMatchObject({ status: 'verified', reviewNote: '材料齐全', reviewedAt: new Date(t.clock.now).toISOString() });
    const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', created.id).execute();
    expect(audit).toMatchObject([{ action: 'employer.verify', subject_type: 'employer', actor_user_id: dept.userId }]);
    expect((await (await dept.get('/api/v1/employers?status=pending')).json()) as { total: number }).toMatchObject({ total: 0 });

    const pub = await json(await new Client(t).get(`/api/v1/employers/${created.id}`));
    expect(pub).toEqual({
      id: created.id,
      view: 'public',
      name: body.name,
      creditCode: body.creditCode,
      type: 'station',
      regionCode: '150102',
      regionName: '内蒙古自治区呼和浩特市新城区',
      description: body.description,
      internshipBase: false,
    });
  });

  it('keeps verification through contact edits, and sends the employer back to pending when a key field changes', async () => {
    const { client, employerId } = await makeEmployer(t);
    const edited = await json(await client.patch('/api/v1/employers/me', { contactName: '赵强', contactPhone: '13800001234', description: '' }));
    expect(edited).toMatchObject({ status: 'verified', contactName: '赵强', contactPhone: '13800001234', description: null });
    // Same value again is no change.
    expect(await json(await client.patch('/api/v1/employers/me', { type: 'station' }))).toMatchObject({ status: 'verified' });
    for (const change of [{ name: '新名称社工站' }, { creditCode: creditCode() }, { type: 'agency' }, { regionCode: '150102001' }]) {
      const res = await client.patch('/api/v1/employers/me', change);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ status: 'pending' });
      await (await adminOf(t)).post(`/api/v1/employers/${employerId}/verify`, {});
    }
  });

  it('a rejected employer sees the note, corrects its data and goes back to the queue', async () => {
    const { client, employerId } = await makeEmployer(t, { status: 'pending' });
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const rejected = await dept.post(`/api/v1/employers/${employerId}/reject`, { note: '信用代码与名称不符' });
    expect(rejected.status).toBe(200);
    expect(await json(rejected)).toMatchObject({ status: 'rejected', reviewNote: '信用代码与名称不符' });
    expect(await json(await client.get('/api/v1/employers/me'))).toMatchObject({ status: 'rejected', reviewNote: '信用代码与名称不符' });
    expect(await json(await client.patch('/api/v1/employers/me', { address: '新地址 1 号' }))).toMatchObject({ status: 'pending' });
  });

  it('review only from pending: verifying or rejecting twice is 409 invalid_state and changes nothing', async () => {
    const admin = await adminOf(t);
    const { employerId } = await makeEmployer(t);
    const rejected = await makeEmployer(t, { status: 'rejected' });
    for (const id of [employerId, rejected.employerId]) {
      await unchanged(t, async () => {
        expect((await expectProblem(await admin.post(`/api/v1/employers/${id}/verify`, {}), 409)).code).toBe('invalid_state');
        expect((await expectProblem(await admin.post(`/api/v1/employers/${id}/reject`, { note: 'x' }), 409)).code).toBe('invalid_state');
      });
    }
    const pending = await makeEmployer(t, { status: 'pending' });
    await unchanged(t, async () => {
      expect((await expectProblem(await admin.patch(`/api/v1/employers/${pending.employerId}/internship-base`, { internshipBase: true }), 409)).code).toBe('invalid_state');
    });
  });

  it('marks a verified employer as an internship base', async () => {
    const { employerId } = await makeEmployer(t);
    const dept = await signedIn(t, 'department', { regionCode: '150102' });
    const res = await dept.patch(`/api/v1/employers/${employerId}/internship-base`, { internshipBase: true });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ internshipBase: true });
    expect(await json(await new Client(t).get(`/api/v1/employers/${employerId}`))).toMatchObject({ internshipBase: true });
    expect(await json(await dept.patch(`/api/v1/employers/${employerId}/internship-base`, { internshipBase: false }))).toMatchObject({ internshipBase: false });
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', employerId).orderBy('created_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['employer.verify', 'employer.internship_base.set', 'employer.internship_base.unset']);
  });

  it('one organisation per account, one account per credit code', async () => {
    const { client, creditCode: code } = await makeEmployer(t, { status: 'pending' });
    await unchanged(t, async () => {
      expect((await expectProblem(await client.post('/api/v1/employers', employerBody()), 409)).code).toBe('conflict');
      const other = await signedIn(t, 'employer');
      await expectProblem(await other.post('/api/v1/employers', employerBody({ creditCode: code })), 409, 'creditCode');
      // Lower case is the same code.
      await expectProblem(await other.post('/api/v1/employers', employerBody({ creditCode: code.toLowerCase() })), 409, 'creditCode');
    });
    const second = await makeEmployer(t);
    await unchanged(t, async () => {
      await expectProblem(await second.client.patch('/api/v1/employers/me', { creditCode: code }), 409, 'creditCode');
    });
  });

  it("an employer's type and name follow onto its positions and their search documents", async () => {
    const { client } = await makeEmployer(t, { type: 'station' });
    const id = await makePosition(client);
    const outboxBefore = await t.deps.database.db.selectFrom('search_outbox').select('seq').where('entity_id', '=', id).execute();
    await client.patch('/api/v1/employers/me', { type: 'agency', name: '新城区启航社会工作服务中心' });
    const row = await t.deps.database.db.selectFrom('positions').select('employer_type').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.employer_type).toBe('agency');
    const outboxAfter = await t.deps.database.db.selectFrom('search_outbox').select('seq').where('entity_id', '=', id).execute();
    expect(outboxAfter.length).toBe(outboxBefore.length + 1);
  });

  it('rejecting an employer closes the positions it held; verifying it later does not reopen them', async () => {
    const { client, employerId } = await makeEmployer(t);
    const open = await makePosition(client);
    const draft = await makePosition(client, {}, { open: false });
    // The public list is cached briefly: read it first, so the writes below must clear it.
    expect(((await (await new Client(t).get('/api/v1/positions')).json()) as { total: number }).total).toBe(1);
    await client.patch('/api/v1/employers/me', { name: '改名后的社工站' }); // back to pending: its open post is held
    expect(((await (await new Client(t).get('/api/v1/positions')).json()) as { total: number }).total).toBe(0);
    const admin = await adminOf(t);
    expect((await admin.post(`/api/v1/employers/${employerId}/reject`, { note: '名称与执照不符' })).status).toBe(200);
    const rows = async () =>
      Object.fromEntries(
        (await t.deps.database.db.selectFrom('positions').select(['id', 'status', 'held']).where('employer_id', '=', employerId).execute()).map((r) => [r.id, [r.status, r.held]]),
      );
    expect(await rows()).toEqual({ [open]: ['closed', 0], [draft]: ['draft', 0] });
    // Resubmitted and verified: the rejection ended the post; the employer reopens it if it wants.
    await client.patch('/api/v1/employers/me', { address: '新地址 2 号' });
    expect((await admin.post(`/api/v1/employers/${employerId}/verify`, {})).status).toBe(200);
    expect(await rows()).toEqual({ [open]: ['closed', 0], [draft]: ['draft', 0] });
    const list = (await (await new Client(t).get('/api/v1/positions')).json()) as { total: number };
    expect(list.total).toBe(0);
  });
});

describe('the review queue', () => {
  it('shows a department its region subtree only, an admin everything, with filters and pagination', async () => {
    const hohhot = await makeEmployer(t, { regionCode: '150102', status: 'pending' });
    const baotou = await makeEmployer(t, { regionCode: '1502', status: 'pending' });
    const verified = await makeEmployer(t, { regionCode: '150102001' });
    const ids = async (c: Client, q = '') => {
      const res = await c.get(`/api/v1/employers${q}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string }[]; total: number };
      expect(body.total).toBe(body.items.length);
      return body.items.map((i) => i.id).sort();
    };
    const sorted = (...xs: string[]) => xs.sort();
    const dept15 = await signedIn(t, 'department', { regionCode: '15' });
    const dept1501 = await signedIn(t, 'department', { regionCode: '1501' });
    const dept1502 = await signedIn(t, 'department', { regionCode: '1502' });
    const dept13 = await signedIn(t, 'department', { regionCode: '13' });
    const admin = await adminOf(t);
    expect(await ids(dept15, '?status=pending')).toEqual(sorted(hohhot.employerId, baotou.employerId));
    expect(await ids(dept1501, '?status=pending')).toEqual([hohhot.employerId]);
    expect(await ids(dept1502, '?status=pending')).toEqual([baotou.employerId]);
    expect(await ids(dept13, '?status=pending')).toEqual([]);
    expect(await ids(admin, '?status=pending')).toEqual(sorted(hohhot.employerId, baotou.employerId));
    expect(await ids(dept1501)).toEqual(sorted(hohhot.employerId, verified.employerId));
    expect(await ids(dept1501, '?status=verified')).toEqual([verified.employerId]);
    // A filter narrows inside the scope and never widens it.
    expect(await ids(dept15, '?regionCode=1502')).toEqual([baotou.employerId]);
    expect(await ids(dept1501, '?regionCode=15')).toEqual(sorted(hohhot.employerId, verified.employerId));
    expect(await ids(dept1501, '?regionCode=1502')).toEqual([]);
    expect(await ids(admin, '?regionCode=150102001')).toEqual([verified.employerId]);

    const page = (await (await admin.get('/api/v1/employers?pageSize=2&page=2')).json()) as { items: unknown[]; total: number; page: number; pageSize: number };
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    await expectProblem(await admin.get('/api/v1/employers?status=nope'), 422, 'status');
    await expectProblem(await admin.get('/api/v1/employers?regionCode=15x'), 422, 'regionCode');
    await expectProblem(await admin.get('/api/v1/employers?pageSize=1000'), 422, 'pageSize');
  });
});

describe('authorization matrix', () => {
  it('POST /employers', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, owner: 409, otherEmployer: 409, unverifiedEmployer: 409 }),
      async () => employerBody(),
      (c, body) => c.post('/api/v1/employers', body),
    );
  });

  it('GET and PATCH /employers/me', async () => {
    const w = await makeWorld(t);
    const mine = expect_(403, { anonymous: 401, owner: 200, otherEmployer: 200, unverifiedEmployer: 200 });
    await checkMatrix(
      w,
      mine,
      async () => null,
      (c) => c.get('/api/v1/employers/me'),
    );
    await checkMatrix(
      w,
      mine,
      async () => null,
      (c) => c.patch('/api/v1/employers/me', { contactName: '新联系人' }),
    );
  });

  it('GET /employers (review queue)', async () => {
    const w = await makeWorld(t);
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, dept15: 200, dept1501: 200, dept1502: 200, dept13: 200, admin: 200 }),
      async () => null,
      (c) => c.get('/api/v1/employers?status=pending'),
    );
  });

  it('GET /employers/{id} of a pending and of a verified employer', async () => {
    const w = await makeWorld(t);
    const full = { unverifiedEmployer: 200, dept15: 200, dept1501: 200, admin: 200 };
    await checkMatrix(
      w,
      expect_(404, full),
      async () => w.unverified.employerId,
      (c, id) => c.get(`/api/v1/employers/${id}`),
    );
    const views: Record<string, string> = {};
    await checkMatrix(
      w,
      expect_(200),
      async () => w.owner.employerId,
      async (c, id, actor) => {
        const res = await c.get(`/api/v1/employers/${id}`);
        views[actor] = ((await res.clone().json()) as { view: string }).view;
        return res;
      },
    );
    expect(views).toEqual({
      anonymous: 'public',
      graduate: 'public',
      otherGraduate: 'public',
      owner: 'full',
      otherEmployer: 'public',
      unverifiedEmployer: 'public',
      dept15: 'full',
      dept1501: 'full',
      dept1502: 'public',
      dept13: 'public',
      admin: 'full',
    });
    await checkMatrix(
      w,
      expect_(404),
      async () => 'nosuchemployer00',
      (c, id) => c.get(`/api/v1/employers/${id}`),
    );
  });

  it('POST /employers/{id}/verify, /reject and PATCH /employers/{id}/internship-base', async () => {
    const w = await makeWorld(t);
    const reviewers = expect_(403, { anonymous: 401, dept15: 200, dept1501: 200, dept1502: 404, dept13: 404, admin: 200 });
    const pending = async () => (await makeEmployer(t, { status: 'pending', regionCode: '150102001' })).employerId;
    await checkMatrix(w, reviewers, pending, (c, id) => c.post(`/api/v1/employers/${id}/verify`, {}));
    await checkMatrix(w, reviewers, pending, (c, id) => c.post(`/api/v1/employers/${id}/reject`, { note: '材料不全' }));
    const verified = async () => (await makeEmployer(t, { regionCode: '150102001' })).employerId;
    await checkMatrix(w, reviewers, verified, (c, id) => c.patch(`/api/v1/employers/${id}/internship-base`, { internshipBase: true }));
    // An employer cannot verify itself.
    await checkMatrix(
      w,
      expect_(403, { anonymous: 401, dept15: 200, dept1501: 200, dept1502: 404, dept13: 404, admin: 200 }),
      async () => {
        const e = await makeEmployer(t, { status: 'pending' });
        w.clients.unverifiedEmployer = e.client;
        return e.employerId;
      },
      (c, id) => c.post(`/api/v1/employers/${id}/verify`),
    );
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, Record<string, unknown> | string, number, string?][] = [
    ['malformed JSON', '{"name": ', 400],
    ['a JSON array', '[]', 422],
    ['name of the wrong type', { name: 42 }, 422, 'name'],
    ['empty name', { name: '   ' }, 422, 'name'],
    ['oversize name', { name: '社'.repeat(101) }, 422, 'name'],
    ['credit code with a wrong check character', { creditCode: withBadCheckChar(creditCode()) }, 422, 'creditCode'],
    ['credit code of 17 characters', { creditCode: creditCode().slice(0, 17) }, 422, 'creditCode'],
    ['credit code with a letter O', { creditCode: '52150102MJ000000O1' }, 422, 'creditCode'],
    ['unknown type', { type: 'factory' }, 422, 'type'],
    ['unknown region', { regionCode: '159999' }, 422, 'regionCode'],
    ['malformed region', { regionCode: '15010' }, 422, 'regionCode'],
    ['region of the wrong type', { regionCode: 150102 }, 422, 'regionCode'],
    ['bad phone', { contactPhone: '12345' }, 422, 'contactPhone'],
    ['oversize description', { description: '字'.repeat(2001) }, 422, 'description'],
    ['oversize address', { address: '址'.repeat(201) }, 422, 'address'],
  ];

  it('POST /employers', async () => {
    const employer = await signedIn(t, 'employer');
    await unchanged(t, async () => {
      for (const [what, patch, status, field] of cases) {
        const body = typeof patch === 'string' ? patch : employerBody(patch);
        const problem = await expectProblem(await employer.post('/api/v1/employers', body), status, field);
        expect(problem.detail, what).toBeTruthy();
      }
      for (const field of ['name', 'creditCode', 'type', 'regionCode', 'contactName', 'contactPhone']) {
        const body: Record<string, unknown> = employerBody();
        delete body[field];
        await expectProblem(await employer.post('/api/v1/employers', body), 422, field);
      }
      await expectProblem(await employer.post('/api/v1/employers', { ...employerBody(), name: 'x'.repeat(300_000) }), 413);
    });
  });

  it('PATCH /employers/me', async () => {
    const { client } = await makeEmployer(t);
    await unchanged(t, async () => {
      for (const [, patch, status, field] of cases) {
        await expectProblem(await client.patch('/api/v1/employers/me', patch), status, field);
      }
      await expectProblem(await client.patch('/api/v1/employers/me', { name: null }), 422, 'name');
    });
  });

  it('POST /employers/{id}/reject, /verify and PATCH /internship-base', async () => {
    const admin = await adminOf(t);
    const pending = await makeEmployer(t, { status: 'pending' });
    const verified = await makeEmployer(t);
    await unchanged(t, async () => {
      const reject = (b: unknown) => admin.post(`/api/v1/employers/${pending.employerId}/reject`, b);
      await expectProblem(await reject('{'), 400);
      await expectProblem(await reject({}), 422, 'note');
      await expectProblem(await reject({ note: ' ' }), 422, 'note');
      await expectProblem(await reject({ note: 5 }), 422, 'note');
      await expectProblem(await reject({ note: 'n'.repeat(501) }), 422, 'note');
      await expectProblem(await admin.post(`/api/v1/employers/${pending.employerId}/verify`, { note: 'n'.repeat(501) }), 422, 'note');
      await expectProblem(await admin.post(`/api/v1/employers/${pending.employerId}/verify`, '{'), 400);
      const base = (b: unknown) => admin.patch(`/api/v1/employers/${verified.employerId}/internship-base`, b);
      await expectProblem(await base({ internshipBase: 'yes' }), 422, 'internshipBase');
      await expectProblem(await base({}), 422, 'internshipBase');
      await expectProblem(await base('nope'), 400);
    });
  });
});
