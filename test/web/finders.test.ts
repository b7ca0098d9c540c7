// The service functions behind the pages' finders and region choices (web/README.md): each keeps to
// the caller's region subtree, whatever the page asks for. And the one flash mechanism.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/auth/auth.service';
import { employerChoiceInScope, findEmployersInScope } from '../../src/employers/employers.queries';
import { getOwnPosition, openPositionsOf } from '../../src/positions/positions.queries';
import { regionFullNames, regionsInScope, regionTrail, scopedRegionChoice } from '../../src/regions/regions.service';
import type { SessionUser } from '../../src/lib/context';
import { makeEmployer, makePosition } from '../helpers/builders';
import { makeTestApp, uniqueEmail, type TestApp } from '../helpers/app';
import { webUser } from './client';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const user = (role: SessionUser['role'], regionCode: string | null = null) =>
  createAccount(t.deps, { email: uniqueEmail(role), password: 'correct horse battery', displayName: `Test ${role}`, role, regionCode });

describe('page finders keep to the caller scope', () => {
  it('finds verified employers of the caller region by name or region, never outside it', async () => {
    const hohhot = await makeEmployer(t, { regionCode: '150102' });
    const baotou = await makeEmployer(t, { regionCode: '150203' });
    await makeEmployer(t, { regionCode: '150102', status: 'pending' });
    const [province, city, admin, grad] = [await user('department', '15'), await user('department', '1502'), await user('admin'), await user('graduate')];

    const ids = async (u: SessionUser, q: string, within?: string) => (await findEmployersInScope(t.deps, u, q, within)).map((e) => e.id).sort();
    expect(await ids(province, '内蒙古')).toEqual([hohhot.employerId, baotou.employerId].sort());
    expect(await ids(province, '包头')).toEqual([baotou.employerId]);
    expect(await ids(province, '内蒙古', '1501')).toEqual([hohhot.employerId]);
    expect(await ids(city, '内蒙古')).toEqual([baotou.employerId]);
    // `within` outside the caller's region does not widen it.
    expect(await ids(city, '内蒙古', '1501')).toEqual([baotou.employerId]);
    expect(await ids(admin, '内蒙古')).toEqual([hohhot.employerId, baotou.employerId].sort());
    expect(await ids(grad, '内蒙古')).toEqual([]);
    // LIKE wildcards are text.
    expect(await ids(province, '%')).toEqual([]);

    expect(await employerChoiceInScope(t.deps, city, baotou.employerId)).toMatchObject({ id: baotou.employerId, regionName: expect.stringContaining('包头市') });
    expect(await employerChoiceInScope(t.deps, city, hohhot.employerId)).toBeNull();
    expect(await employerChoiceInScope(t.deps, grad, baotou.employerId)).toBeNull();
  });

  it("lists an employer's open posts only to a department whose region holds the employer", async () => {
    const baotou = await makeEmployer(t, { regionCode: '150203' });
    const open = await makePosition(baotou.client, { regionCode: '150203', title: '青少年社工' });
    await makePosition(baotou.client, { regionCode: '150203', title: '草稿岗位' }, { open: false });
    const [city, other, grad] = [await user('department', '1502'), await user('department', '1501'), await user('graduate')];

    expect((await openPositionsOf(t.deps, city, baotou.employerId)).map((p) => p.id)).toEqual([open]);
    expect(await openPositionsOf(t.deps, other, baotou.employerId)).toEqual([]);
    expect(await openPositionsOf(t.deps, grad, baotou.employerId)).toEqual([]);
  });

  it("gives an employer its own position and refuses another employer's", async () => {
    const mine = await makeEmployer(t);
    const theirs = await makeEmployer(t);
    const id = await makePosition(mine.client);
    const me = (await t.deps.database.db.selectFrom('employers').select('user_id').where('id', '=', mine.employerId).executeTakeFirstOrThrow()).user_id;
    const them = (await t.deps.database.db.selectFrom('employers').select('user_id').where('id', '=', theirs.employerId).executeTakeFirstOrThrow()).user_id;
    const sessionOf = async (userId: string | null) =>
      (await t.deps.database.db
        .selectFrom('users')
        .select(['id', 'email', 'role', 'display_name', 'region_code'])
        .where('id', '=', userId!)
        .executeTakeFirstOrThrow()) as SessionUser;
    expect((await getOwnPosition(t.deps, await sessionOf(me), id)).id).toBe(id);
    await expect(getOwnPosition(t.deps, await sessionOf(them), id)).rejects.toMatchObject({ status: 403 });
  });

  it('offers the regions of the caller subtree, and the whole country to admins', async () => {
    const [city, admin, grad] = [await user('department', '1502'), await user('admin'), await user('graduate')];
    const regions = (await regionsInScope(t.deps, city))!;
    expect(regions[0]).toMatchObject({ code: '1502', level: 2 });
    expect(regions.every((r) => r.code.startsWith('1502') && r.level <= 4)).toBe(true);
    expect(regions.some((r) => r.code === '150203')).toBe(true);
    expect(await regionsInScope(t.deps, admin)).toBeNull();
    expect(await regionsInScope(t.deps, grad)).toBeNull();
    // A value outside the choices keeps its name; one inside needs none.
    expect(await scopedRegionChoice(t.deps, city, '1501')).toMatchObject({ valueName: expect.stringContaining('呼和浩特市') });
    expect((await scopedRegionChoice(t.deps, city, '150203')).valueName).toBeNull();
    expect((await scopedRegionChoice(t.deps, admin, 'x')).valueName).toBeNull();

    expect([...(await regionFullNames(t.deps, ['1502', 'bad', '99'])).keys()]).toEqual(['1502']);
    const trail = await regionTrail(t.deps, '150203');
    expect(trail.path.map((r) => r.code)).toEqual(['15', '1502', '150203']);
    expect((await regionTrail(t.deps, undefined)).children.every((r) => r.level === 1)).toBe(true);
  });
});

describe('one flash mechanism', () => {
  it("the placements pages' flash is the shared Secure cookie, shown once by the layout", async () => {
    const employer = await makeEmployer(t, { regionCode: '150102' });
    const dept = await webUser(t, 'department', { regionCode: '15' });
    const res = await dept.post(`/department/employers/${employer.employerId}/internship-base?value=true`);
    expect(res.status).toBe(303);
    const flash = res.headers.getSetCookie().find((s) => s.startsWith('flash='));
    expect(flash).toMatch(/^flash=internshipBaseSet;/);
    expect(flash).toContain('Secure');
    expect(flash).toContain('HttpOnly');
    const text = '已更新实习基地标记。';
    const first = await dept.html('/department/placements');
    expect(first.split(text).length - 1).toBe(1);
    expect(await dept.html('/department/placements')).not.toContain(text);
  });
});
