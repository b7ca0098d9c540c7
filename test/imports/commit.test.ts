// Committing: explicit, idempotent, chunked with progress, matching by ID-number HMAC so the same
// file twice updates in place; imported talents searchable; nothing personal staged in plain text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import type { Cell } from '../../src/lib/spreadsheet';
import { ROWS_PER_CHUNK } from '../../src/imports/imports.service';
import { TALENT_HEADER, commit, count, gbkCsv, talentRow, uploadOk, xlsxBytes, json } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const dept = () => signedIn(t, 'department', { regionCode: '15' });

/** A job row as a running commit or upload in a live process holds it. */
async function liveJob(ownerUserId: string): Promise<string> {
  const id = `job-${Math.random().toString(36).slice(2)}`;
  const now = t.clock.now;
  await t.deps.database.db
    .insertInto('jobs')
    .values({
      id,
      kind: 'import_commit',
      owner_user_id: ownerUserId,
      subject_id: null,
      status: 'running',
      progress_total: null,
      runner: 'inline',
      result: null,
      error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .execute();
  return id;
}
const snapshot = async () => t.deps.database.db.selectFrom('talents').selectAll().orderBy('id').execute();

describe('commit', () => {
  it('needs confirm: true; nothing is written before', async () => {
    const d = await dept();
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), talentRow()]), 'a.xlsx');
    await expectProblem(await d.post(`/api/v1/imports/${p.id}/commit`, {}), 422, 'confirm');
    await expectProblem(await d.post(`/api/v1/imports/${p.id}/commit`, { confirm: false }), 422, 'confirm');
    expect(await count(t, 'talents')).toBe(0);
    expect((await commit(d, p.id)).status).toBe(200);
    expect(await count(t, 'talents')).toBe(2);
  });

  it('writes chunk by chunk with outbox rows and progress; a second commit changes nothing', async () => {
    const d = await dept();
    const n = ROWS_PER_CHUNK * 2 + 37;
    const p = await uploadOk(
      t,
      d,
      'talents',
      await xlsxBytes(
        TALENT_HEADER,
        Array.from({ length: n }, () => talentRow()),
      ),
      'big.xlsx',
    );
    expect(await count(t, 'import_chunks')).toBe(3);
    const first = await json(commit(d, p.id));
    expect(first).toMatchObject({ status: 'committed', progress: { done: n, total: n, skipped: 0 }, committedAt: expect.any(String) });
    expect(await count(t, 'talents')).toBe(n);
    expect(await count(t, 'search_outbox')).toBe(n);
    const outbox = await t.deps.database.db.selectFrom('search_outbox').select(['entity', 'entity_id']).execute();
    const ids = (await t.deps.database.db.selectFrom('talents').select('id').execute()).map((r) => r.id).sort();
    expect(outbox.every((o) => o.entity === 'talent')).toBe(true);
    expect(outbox.map((o) => o.entity_id).sort()).toEqual(ids);

    const before = await snapshot();
    t.clock.now += 60_000;
    const second = await commit(d, p.id);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: 'committed', committedAt: first.committedAt, progress: { done: n } });
    expect(await snapshot()).toEqual(before);
    expect(await count(t, 'search_outbox')).toBe(n);
    const audit = await t.deps.database.db.selectFrom('audit_log').select(['action', 'subject_id']).where('subject_type', '=', 'import').execute();
    expect(audit.filter((a) => a.action === 'import_commit')).toEqual([{ action: 'import_commit', subject_id: p.id }]);
  });

  it('the same file twice: no duplicates, the second preview counts updates, changes land in place', async () => {
    const d = await dept();
    const rows: Cell[][] = Array.from({ length: 30 }, (_, i) => talentRow({ name: `张${i}` }));
    const a = await uploadOk(t, d, 'talents', gbkCsv(TALENT_HEADER, rows), 'v1.csv');
    expect(a.rows).toMatchObject({ good: 30, new: 30, update: 0 });
    await commit(d, a.id);
    const idsBefore = (await snapshot()).map((r) => r.id);

    rows[4][0] = '张四（改）';
    rows[4][7] = '硕士研究生';
    rows[5][5] = null; // an empty phone keeps the stored one
    const b = await uploadOk(t, d, 'talents', gbkCsv(TALENT_HEADER, rows), 'v1.csv');
    expect(b.rows).toMatchObject({ good: 30, new: 0, update: 30 });
    t.clock.now += 1000;
    expect(await json(commit(d, b.id))).toMatchObject({ status: 'committed', progress: { done: 30, skipped: 0 } });
    const after = await snapshot();
    expect(after.map((r) => r.id)).toEqual(idsBefore);
    expect(after).toHaveLength(30);
    const four = after.find((r) => r.name === '张四（改）');
    expect(four).toMatchObject({ education_level: 'master', updated_at: t.clock.now });
    expect(after.find((r) => r.name === '张5')?.phone).toBe('13812345678');
  });

  it('a running commit is not started twice; when its holder goes quiet, a later commit resumes it', async () => {
    const d = await dept();
    const n = ROWS_PER_CHUNK + 10;
    const p = await uploadOk(
      t,
      d,
      'talents',
      await xlsxBytes(
        TALENT_HEADER,
        Array.from({ length: n }, () => talentRow()),
      ),
      'a.xlsx',
    );
    // As if another commit (a live job) had taken it a moment ago: 409 with its state.
    const job = await liveJob(d.userId);
    await t.deps.database.db
      .updateTable('imports')
      .set({ status: 'committing', lease_until: t.clock.now + 30_000, job_id: job })
      .where('id', '=', p.id)
      .execute();
    const busy = await expectProblem(await commit(d, p.id), 409);
    expect(busy.detail).toMatch(/already being committed: 0 of 1010 rows written \(status committing\)/);
    expect(await count(t, 'talents')).toBe(0);
    t.clock.now += 31_000;
    expect(await json(commit(d, p.id))).toMatchObject({ status: 'committed', progress: { done: n } });
    expect(await count(t, 'talents')).toBe(n);
  });

  it('an import whose worker died is put right when read: a stopped commit can be resumed, a stopped upload fails', async () => {
    const d = await dept();
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), talentRow()]), 'a.xlsx');
    await t.deps.database.db
      .updateTable('imports')
      .set({ status: 'committing', lease_until: t.clock.now - 1 })
      .where('id', '=', p.id)
      .execute();
    const read = await json(d.get(`/api/v1/imports/${p.id}`));
    expect(read).toMatchObject({ status: 'previewed', failure: expect.stringMatching(/Commit again to resume/), failureCode: 'commit_stopped' });
    expect(await json(commit(d, p.id))).toMatchObject({ status: 'committed', failure: null, failureCode: null, progress: { done: 2 } });

    const q = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow()]), 'b.xlsx');
    await t.deps.database.db
      .updateTable('imports')
      .set({ status: 'staging', job_id: await liveJob(d.userId) })
      .where('id', '=', q.id)
      .execute();
    expect((await json(d.get(`/api/v1/imports/${q.id}`))).status).toBe('staging');
    t.clock.now += 16 * 60_000;
    const listed = await json(d.get('/api/v1/imports'));
    expect(listed.items.find((i: { id: string }) => i.id === q.id)).toMatchObject({
      status: 'failed',
      failure: expect.stringMatching(/interrupted/),
      failureCode: 'upload_interrupted',
    });
    expect(await count(t, 'import_chunks')).toBe(0);
  });

  it('discard drops the staged rows; a discarded import cannot be committed, a committed one not discarded', async () => {
    const d = await dept();
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), talentRow({ id: '1' })]), 'a.xlsx');
    const res = await d.post(`/api/v1/imports/${p.id}/discard`);
    expect(await res.json()).toMatchObject({ status: 'discarded' });
    expect(await count(t, 'import_chunks')).toBe(0);
    expect(await count(t, 'import_errors')).toBe(0);
    await expectProblem(await commit(d, p.id), 409);
    expect(await count(t, 'talents')).toBe(0);

    const q = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow()]), 'b.xlsx');
    await commit(d, q.id);
    await expectProblem(await d.post(`/api/v1/imports/${q.id}/discard`), 409);
  });

  it('imported talents are findable through talent search after the commit (outbox; SQL fallback here)', async () => {
    const d = await dept();
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow({ name: '呼斯乐图', areas: '禁毒' }), talentRow({ name: '其他人' })]), 'a.xlsx');
    const search = async () =>
      (await json(d.get(`/api/v1/search/talents?q=${encodeURIComponent('呼斯乐图')}`))) as { total: number; items: { name: string; serviceAreas: string[] }[] };
    expect((await search()).total).toBe(0);
    await commit(d, p.id);
    const found = await search();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ name: '呼斯乐图', serviceAreas: ['drug_rehab'] });
  });
});

describe('personal data', () => {
  it('is never in the staging tables or the logs in plain text; the talent gets ciphertext, HMAC and mask', async () => {
    const d = await dept();
    const rows = [talentRow({ name: '巴特尔', phone: '13998765432' }), talentRow({ name: '萨仁', phone: '13911112222' })];
    rows.push(talentRow({ name: '格日乐', id: (rows[0][1] as string).slice(0, 17) + 'Z' }));
    const ids = rows.slice(0, 2).map((r) => r[1] as string);
    const p = await uploadOk(t, d, 'talents', await xlsxBytes(TALENT_HEADER, rows), 'pii.xlsx');
    expect(p.rows.bad).toBe(1);
    const staged = JSON.stringify([
      await t.deps.database.db.selectFrom('import_chunks').selectAll().execute(),
      await t.deps.database.db.selectFrom('import_errors').selectAll().execute(),
      await t.deps.database.db.selectFrom('imports').selectAll().execute(),
    ]);
    for (const secret of [...ids, '巴特尔', '萨仁', '格日乐', '13998765432', '13911112222', ids[0].slice(0, 17), '1501**********']) {
      expect(staged).not.toContain(secret);
    }
    const preview = JSON.stringify(await json(d.get(`/api/v1/imports/${p.id}`)));
    expect(preview).not.toContain(ids[0].slice(0, 17));
    // The chunks are encrypted with the import's own key, itself sealed with the field key …
    const { payload_key } = await t.deps.database.db.selectFrom('imports').select('payload_key').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(payload_key).toMatch(/^v1:/);
    await commit(d, p.id);
    // … which is forgotten once the import is done.
    expect(await t.deps.database.db.selectFrom('imports').select('payload_key').where('id', '=', p.id).executeTakeFirst()).toEqual({ payload_key: null });
    const talent = await t.deps.database.db.selectFrom('talents').selectAll().where('name', '=', '巴特尔').executeTakeFirstOrThrow();
    expect(talent.id_number_masked).toBe(ids[0].slice(0, 4) + '**********' + ids[0].slice(-4));
    expect(await t.deps.fieldCrypto.decrypt(talent.id_number_enc!)).toBe(ids[0]);
    expect(talent.id_number_hmac).toBe(await t.deps.fieldCrypto.hmac(ids[0]));
    const logs = JSON.stringify(t.logs);
    for (const secret of [...ids, '巴特尔', '13998765432']) expect(logs).not.toContain(secret);
    // A department reads it masked, and reveals it (audited) through the talents API.
    const read = await json(d.get(`/api/v1/talents/${talent.id}`));
    expect(read.idNumberMasked).toBe(talent.id_number_masked);
  });
});
