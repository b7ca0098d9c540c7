// A graduate creates and edits their own profile; each write also queues a search update.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { idNumberBirthDate, maskIdNumber } from '../../src/lib/checksums';
import { newId } from '../../src/lib/ids';
import { graduateWithProfile, profileBody } from '../helpers/builders';
import { idNumber } from '../helpers/ids';
import { snapshot } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const outboxFor = (id: string) => t.deps.database.db.selectFrom('search_outbox').selectAll().where('entity', '=', 'talent').where('entity_id', '=', id).execute();

describe('own talent profile', () => {
  it('creates with PUT (201), reads it back in full with the ID number masked', async () => {
    const g = await signedIn(t, 'graduate');
    await expectProblem(await g.get('/api/v1/talents/me'), 404);
    const body = profileBody();
    const res = await g.put('/api/v1/talents/me', body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      view: 'full',
      name: '李娜',
      gender: 'female',
      birthDate: '1995-03-14',
      birthYear: 1995,
      ethnicity: '02',
      idNumberMasked: maskIdNumber(body.idNumber as string),
      phone: '13812345678',
      regionCode: '150102',
      education: { level: 'bachelor', school: '内蒙古大学', major: '社会工作', graduationYear: 2018 },
      qualification: { level: 'intermediate', certificateNumber: 'SW2020150001', year: 2020, registrationValidUntil: '2026-12-31' },
      serviceAreas: ['elderly', 'community'],
      languages: ['mandarin', 'mongolian'],
      preferredRegions: ['1501', '150102'],
      availability: 'available',
      visibility: 'employers',
      updatedAt: new Date(t.clock.now).toISOString(),
    });
    expect(created.idNumberMasked).toMatch(/^1501\*{10}\d{3}[\dX]$/);
    expect('idNumber' in created).toBe(false);
    const me = await g.get('/api/v1/talents/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(created);
    expect(await outboxFor(created.id as string)).toHaveLength(1);
  });

  it('stores the ID number encrypted, with an HMAC and the masked form', async () => {
    const { id, body } = await graduateWithProfile(t);
    const row = await t.deps.database.db.selectFrom('talents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const plain = body.idNumber as string;
    expect(row.id_number_enc).toMatch(/^v1:/);
    expect(row.id_number_enc).not.toContain(plain);
    expect(await t.deps.fieldCrypto.decrypt(row.id_number_enc!)).toBe(plain);
    expect(row.id_number_hmac).toBe(await t.deps.fieldCrypto.hmac(plain));
    expect(row.id_number_masked).toBe(maskIdNumber(plain));
  });

  it('replaces the profile with a second PUT (200), keeping the ID number when it is omitted', async () => {
    const { client, id, body } = await graduateWithProfile(t);
    const before = await t.deps.database.db.selectFrom('talents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    t.clock.now += 60_000;
    const { idNumber: _omit, ...rest } = body;
    const res = await client.put('/api/v1/talents/me', {
      ...rest,
      name: '李娜娜',
      education: null,
      qualification: { level: 'none' },
      serviceAreas: ['children'],
      languages: [],
      preferredRegions: [],
      availability: 'employed',
      visibility: 'department',
    });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Record<string, unknown>;
    expect(updated).toMatchObject({
      id,
      name: '李娜娜',
      education: null,
      qualification: { level: 'none', certificateNumber: null, year: null, registrationValidUntil: null },
      serviceAreas: ['children'],
      languages: [],
      preferredRegions: [],
      availability: 'employed',
      visibility: 'department',
      idNumberMasked: maskIdNumber(body.idNumber as string),
      updatedAt: new Date(t.clock.now).toISOString(),
    });
    const after = await t.deps.database.db.selectFrom('talents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.id_number_hmac).toBe(before.id_number_hmac);
    expect(after.created_at).toBe(before.created_at);
    expect(await t.deps.database.db.selectFrom('talents').select('id').execute()).toHaveLength(1);
    expect(await outboxFor(id)).toHaveLength(2);
  });

  it('changes the ID number, or removes it with null', async () => {
    const { client, id, body } = await graduateWithProfile(t);
    const next = idNumber('150103', '19950314');
    const changed = await client.put('/api/v1/talents/me', { ...body, idNumber: next });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { idNumberMasked: string }).idNumberMasked).toBe(maskIdNumber(next));
    const row = await t.deps.database.db.selectFrom('talents').select(['id_number_hmac']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.id_number_hmac).toBe(await t.deps.fieldCrypto.hmac(next));

    const removed = await client.put('/api/v1/talents/me', { ...body, idNumber: null });
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { idNumberMasked: string | null }).idNumberMasked).toBeNull();
    const cleared = await t.deps.database.db.selectFrom('talents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([cleared.id_number_enc, cleared.id_number_hmac, cleared.id_number_masked]).toEqual([null, null, null]);
    expect(await outboxFor(id)).toHaveLength(3);
  });

  it('takes the birth date from the ID number when it is not given, and accepts a lower-case x', async () => {
    let id = idNumber('150102', '19880229');
    for (let i = 0; i < 900 && !id.endsWith('X'); i++) id = idNumber('150102', '19880229');
    expect(id).toMatch(/X$/);
    const g = await signedIn(t, 'graduate');
    const res = await g.put('/api/v1/talents/me', profileBody({ birthDate: undefined, idNumber: id.toLowerCase() }));
    expect(res.status).toBe(201);
    const json = (await res.json()) as { birthDate: string; idNumberMasked: string };
    expect(json.birthDate).toBe(idNumberBirthDate(id));
    expect(json.birthDate).toBe('1988-02-29');
    expect(json.idNumberMasked).toBe(maskIdNumber(id));
  });

  it('keeps only the required fields when the rest are left out', async () => {
    const g = await signedIn(t, 'graduate');
    const res = await g.put('/api/v1/talents/me', { name: '张伟', regionCode: '15' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      name: '张伟',
      regionCode: '15',
      gender: null,
      birthDate: null,
      birthYear: null,
      idNumberMasked: null,
      phone: null,
      education: null,
      qualification: { level: 'none', certificateNumber: null },
      serviceAreas: [],
      availability: 'available',
      visibility: 'employers',
    });
  });

  it('refuses an ID number already on another profile with 409 naming idNumber, changing nothing', async () => {
    const { body } = await graduateWithProfile(t);
    const other = await signedIn(t, 'graduate');
    const before = await snapshot(t);
    await expectProblem(await other.put('/api/v1/talents/me', profileBody({ idNumber: body.idNumber })), 409, 'idNumber');
    // The same number in lower case is the same number.
    await expectProblem(await other.put('/api/v1/talents/me', profileBody({ idNumber: (body.idNumber as string).toLowerCase() })), 409, 'idNumber');
    expect(await snapshot(t)).toEqual(before);
  });

  it('settles a race for one ID number with one 201 and one 409, never a 500', async () => {
    const [a, b] = [await signedIn(t, 'graduate'), await signedIn(t, 'graduate')];
    const id = idNumber();
    const results = await Promise.all([a.put('/api/v1/talents/me', profileBody({ idNumber: id })), b.put('/api/v1/talents/me', profileBody({ idNumber: id }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    await expectProblem(results.find((r) => r.status === 409)!, 409, 'idNumber');
    expect(await t.deps.database.db.selectFrom('talents').select('id').execute()).toHaveLength(1);
    expect(await t.deps.database.db.selectFrom('search_outbox').select('seq').execute()).toHaveLength(1);
  });

  it('lets the owner save their own ID number again', async () => {
    const { client, body } = await graduateWithProfile(t);
    expect((await client.put('/api/v1/talents/me', body)).status).toBe(200);
  });

  it('works for talents without a login (imported rows)', async () => {
    const id = newId();
    await t.deps.database.db.insertInto('talents').values({ id, user_id: null, name: '王芳', region_code: '150102', created_at: t.clock.now, updated_at: t.clock.now }).execute();
    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const res = await dept.get(`/api/v1/talents/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, name: '王芳', education: null, qualification: { level: 'none' }, serviceAreas: [] });
    const list = (await (await dept.get('/api/v1/talents')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([id]);
    // A graduate signing up later does not get that row.
    const g = await signedIn(t, 'graduate');
    await expectProblem(await g.get('/api/v1/talents/me'), 404);
    await expectProblem(await g.get(`/api/v1/talents/${id}`), 403);
  });
});
