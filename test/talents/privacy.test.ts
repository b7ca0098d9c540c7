// The full ID number leaves the server only through the audited reveal; its sealed form and HMAC
// never leave it at all — not in any response body, header or log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, graduateWithProfile } from '../helpers/builders';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function textOf(res: Response): Promise<string> {
  const headers = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
  return headers + '\n' + (await res.text());
}

describe('ID number privacy', () => {
  it('never shows the sealed ID number, its HMAC or the plain number outside the reveal', async () => {
    const { client: owner, id, body } = await graduateWithProfile(t);
    const plain = body.idNumber as string;
    const row = await t.deps.database.db.selectFrom('talents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const secrets = [row.id_number_enc!, row.id_number_enc!.slice(3), row.id_number_hmac!];
    expect(secrets.every((s) => s.length > 20)).toBe(true);

    const dept = await signedIn(t, 'department', { regionCode: '15' });
    const admin = await signedIn(t, 'admin');
    const employer = (await makeEmployer(t, { status: 'verified' })).client;
    const seen: string[] = [];
    seen.push(await textOf(await owner.put('/api/v1/talents/me', { ...body, name: '李娜' })));
    seen.push(await textOf(await owner.get('/api/v1/talents/me')));
    seen.push(await textOf(await owner.get(`/api/v1/talents/${id}`)));
    for (const c of [dept, admin, employer]) {
      seen.push(await textOf(await c.get('/api/v1/talents')));
      seen.push(await textOf(await c.get(`/api/v1/talents/${id}`)));
    }
    seen.push(await textOf(await dept.get('/api/v1/talents?q=%E6%9D%8E&serviceArea=elderly&qualification=assistant')));
    expect(seen.filter((s) => s.includes(id))).toHaveLength(seen.length);

    const reveal = await textOf(await dept.post(`/api/v1/talents/${id}/reveal-id-number`, { purpose: 'verify_identity' }));
    expect(reveal).toContain(plain);

    for (const s of [...seen, reveal]) for (const secret of secrets) expect(s).not.toContain(secret);
    for (const s of seen) {
      expect(s).not.toContain(plain);
      expect(s).not.toContain(plain.slice(4, 14)); // the masked-out middle
    }
    const logs = JSON.stringify(t.logs);
    expect(t.logs.length).toBeGreaterThan(0);
    for (const secret of [...secrets, plain, plain.slice(4, 14)]) expect(logs).not.toContain(secret);
  });

  it('the reveal is audited: who, whom, when', async () => {
    const { id, body } = await graduateWithProfile(t);
    const dept = await signedIn(t, 'department', { regionCode: '1501' });
    t.clock.now += 3_600_000;
    const res = await dept.post(`/api/v1/talents/${id}/reveal-id-number`, { purpose: 'verify_identity' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({ talentId: id, idNumber: body.idNumber });
    const rows = await t.deps.database.db.selectFrom('audit_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_user_id: dept.userId,
      action: 'reveal_id_number',
      subject_type: 'talent',
      subject_id: id,
      created_at: t.clock.now,
    });
    expect(JSON.stringify(rows[0])).not.toContain(body.idNumber as string);
    // Each reveal is its own record.
    await dept.post(`/api/v1/talents/${id}/reveal-id-number`, { purpose: 'verify_identity' });
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toHaveLength(2);
  });

  it('a talent without an ID number has nothing to reveal and nothing is audited', async () => {
    const { id } = await graduateWithProfile(t, { idNumber: null });
    const admin = await signedIn(t, 'admin');
    const res = await admin.post(`/api/v1/talents/${id}/reveal-id-number`, { purpose: 'verify_identity' });
    expect(res.status).toBe(409);
    expect(await t.deps.database.db.selectFrom('audit_log').selectAll().execute()).toHaveLength(0);
  });

  it('employers see the phone masked and the birth year only', async () => {
    const { id } = await graduateWithProfile(t);
    const employer = (await makeEmployer(t, { status: 'verified' })).client;
    const one = (await (await employer.get(`/api/v1/talents/${id}`)).json()) as Record<string, unknown>;
    const listed = ((await (await employer.get('/api/v1/talents')).json()) as { items: Record<string, unknown>[] }).items[0];
    for (const view of [one, listed]) {
      expect(view).toMatchObject({ id, view: 'employer', phone: '138****5678', birthYear: 1995 });
      expect(JSON.stringify(view)).not.toContain('13812345678');
      expect(JSON.stringify(view)).not.toContain('1995-03-14');
      expect(view).not.toHaveProperty('idNumberMasked');
    }
  });
});
