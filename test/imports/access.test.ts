// Who may import, and region scope: a department sees and commits only the imports made inside its
// region subtree (others are 404), rows outside its subtree are refused, graduates and employers 403.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, expectProblem, makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { TALENT_HEADER, commit, count, talentRow, upload, uploadOk, xlsxBytes, json } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('roles', () => {
  it('anonymous callers 401; graduates and employers 403, on every import operation', async () => {
    const bytes = await xlsxBytes(TALENT_HEADER, [talentRow()]);
    const anon = new Client(t);
    await expectProblem(await upload(t, null, 'talents', bytes, 'a.xlsx'), 401);
    await expectProblem(await anon.get('/api/v1/imports'), 401);
    await expectProblem(await anon.get('/api/v1/imports/templates/talents'), 401);
    for (const role of ['graduate', 'employer'] as const) {
      const c = await signedIn(t, role);
      await expectProblem(await upload(t, c, 'talents', bytes, 'a.xlsx'), 403);
      await expectProblem(await c.get('/api/v1/imports'), 403);
      await expectProblem(await c.get('/api/v1/imports/templates/talents?format=csv'), 403);
      await expectProblem(await c.get('/api/v1/imports/aaaaaaaaaaaaaaaa'), 403);
      await expectProblem(await c.post('/api/v1/imports/aaaaaaaaaaaaaaaa/commit', { confirm: true }), 403);
    }
    expect(await count(t, 'talents')).toBe(0);
  });
});

describe('region scope', () => {
  it('another department cannot see, commit or discard your import (404); a department above yours can', async () => {
    const hohhot = await signedIn(t, 'department', { regionCode: '1501' });
    const baotou = await signedIn(t, 'department', { regionCode: '1502' });
    const province = await signedIn(t, 'department', { regionCode: '15' });
    const admin = await signedIn(t, 'admin');
    const p = await uploadOk(t, hohhot, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow(), talentRow()]), 'a.xlsx');

    await expectProblem(await baotou.get(`/api/v1/imports/${p.id}`), 404);
    await expectProblem(await commit(baotou, p.id), 404);
    await expectProblem(await baotou.post(`/api/v1/imports/${p.id}/discard`), 404);
    expect((await json(baotou.get('/api/v1/imports'))).total).toBe(0);
    expect(await count(t, 'talents')).toBe(0);

    expect((await json(province.get('/api/v1/imports'))).items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await json(admin.get(`/api/v1/imports/${p.id}`))).id).toBe(p.id);
    expect((await commit(province, p.id)).status).toBe(200);
    expect(await count(t, 'talents')).toBe(2);

    // An admin's own import is the admin's: no department sees it.
    const q = await uploadOk(t, admin, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow({ region: '110101' })]), 'b.xlsx');
    expect(q.rows.good).toBe(1);
    await expectProblem(await province.get(`/api/v1/imports/${q.id}`), 404);
  });

  it('rows in another region are refused, and an ID number on a talent outside the region is not updated', async () => {
    const hohhot = await signedIn(t, 'department', { regionCode: '1501' });
    const baotou = await signedIn(t, 'department', { regionCode: '1502' });
    const theirs = talentRow({ region: '150202', name: '包头的人' });
    const pb = await uploadOk(t, baotou, 'talents', await xlsxBytes(TALENT_HEADER, [theirs]), 'b.xlsx');
    await commit(baotou, pb.id);

    const same = [...theirs];
    same[0] = '改名';
    same[6] = '150102';
    const p = await uploadOk(t, hohhot, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow({ region: '150202' }), same, talentRow()]), 'a.xlsx');
    expect(p.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '所在地区', 'regionOutside'],
      [3, '身份证号', 'idOutside'],
    ]);
    expect(p.rows).toMatchObject({ good: 1, bad: 2 });
    await commit(hohhot, p.id);
    const names = await t.deps.database.db.selectFrom('talents').select(['name', 'region_code']).orderBy('name').execute();
    expect(names).toEqual([
      { name: '包头的人', region_code: '150202' },
      { name: '王芳', region_code: '150102' },
    ]);
  });

  it('a region outside the subtree is "outside your region" by full name as by code; names as people write them resolve', async () => {
    const hohhot = await signedIn(t, 'department', { regionCode: '1501' });
    const outside = ['110101', '北京市东城区', '北京市市辖区东城区', '内蒙古自治区包头市', '湖北省仙桃市', '重庆市城口县'];
    const p = await uploadOk(
      t,
      hohhot,
      'talents',
      await xlsxBytes(TALENT_HEADER, [...outside.map((region) => talentRow({ region })), talentRow({ region: '北京市西城区火星路' })]),
      'a.xlsx',
    );
    expect(p.errors.items.map((e) => [e.row, e.code])).toEqual([...outside.map((_, i) => [i + 2, 'regionOutside']), [8, 'regionUnknown']]);
    expect(p.errors.items[0].reason).toBe('is outside your region');

    // The same names inside the caller's region are accepted, as the codes they stand for.
    const beijing = await signedIn(t, 'department', { regionCode: '11' });
    const ok = await uploadOk(t, beijing, 'talents', await xlsxBytes(TALENT_HEADER, [talentRow({ region: '北京市东城区' }), talentRow({ region: '北京市' })]), 'b.xlsx');
    expect(ok.rows).toMatchObject({ good: 2, bad: 0 });
    await commit(beijing, ok.id);
    const regions = await t.deps.database.db.selectFrom('talents').select('region_code').orderBy('region_code').execute();
    expect(regions.map((r) => r.region_code)).toEqual(['11', '110101']);
  });

  it('a match that moved out of the region between preview and commit is skipped, not written', async () => {
    const hohhot = await signedIn(t, 'department', { regionCode: '1501' });
    const row = talentRow({ name: '原名' });
    const first = await uploadOk(t, hohhot, 'talents', await xlsxBytes(TALENT_HEADER, [row]), 'a.xlsx');
    await commit(hohhot, first.id);
    const renamed = [...row];
    renamed[0] = '新名';
    const second = await uploadOk(t, hohhot, 'talents', await xlsxBytes(TALENT_HEADER, [renamed]), 'a.xlsx');
    expect(second.rows.update).toBe(1);
    await t.deps.database.db.updateTable('talents').set({ region_code: '150202' }).execute();
    expect(await json(commit(hohhot, second.id))).toMatchObject({ status: 'committed', progress: { done: 1, skipped: 1 } });
    expect(await t.deps.database.db.selectFrom('talents').select(['name', 'region_code']).execute()).toEqual([{ name: '原名', region_code: '150202' }]);
  });
});
