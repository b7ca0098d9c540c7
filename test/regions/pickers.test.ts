// Region pickers (issue 11 §4): a region is picked from cascading selects or typed by name, never
// typed as a code; the server resolves names (unknown or ambiguous → 422 on the field, listing the
// candidates), the cascade works without script, a field of several regions saves several, pickers
// start at the home region (HOME_REGION) or a department's own region, English names are pinyin.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRegionName } from '../../src/regions';
import { romanise } from '../../src/regions/regions.names';
import { makeTestApp, type TestApp } from '../helpers/app';
import { webUser, type Fields } from '../web/client';

let t: TestApp;
afterEach(() => t?.close());

/** The options of the select(s) named `name` in a page, as [value, label]. */
function selects(html: string, name: string): [string, string][][] {
  const out: [string, string][][] = [];
  for (const m of html.matchAll(new RegExp(`<select[^>]*name="${name.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</select>`, 'g'))) {
    out.push([...m[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((o) => [o[1], o[2]]));
  }
  return out;
}

/** A minimal profile form with the region fields as a browser without script posts them. */
function profileForm(extra: Fields): Fields {
  return {
    name: '王雨桐',
    availability: 'available',
    visibility: 'employers',
    'qualification.level': 'none',
    _region: ['regionCode', 'preferredRegions'],
    '_rproot.regionCode': '',
    '_rpwide.regionCode': '1',
    '_rproot.preferredRegions': '',
    '_rpwide.preferredRegions': '1',
    '_rpmulti.preferredRegions': '1',
    ...extra,
  };
}

describe('names resolve to regions', () => {
  it('takes a name with or without its suffix, with its parents, in parts, or in pinyin', async () => {
    t = await makeTestApp();
    const r = (name: string, root = '15') => resolveRegionName(t.deps, name, { root, field: 'regionCode', lang: 'zh' }).then((x) => x.code);
    expect(await r('呼和浩特')).toBe('1501');
    expect(await r('呼和浩特市')).toBe('1501');
    expect(await r('包头市昆都仑区')).toBe('150203');
    expect(await r('呼和浩特 新城区')).toBe('150102');
    expect(await r('新城区')).toBe('150102'); // the only one within 内蒙古
    expect(await r('Baotou')).toBe('1502');
    expect(await r('baotou city')).toBe('1502');
  });

  it('refuses an ambiguous name listing the candidates, and an unknown one, naming the field', async () => {
    t = await makeTestApp();
    const err = await resolveRegionName(t.deps, '新城区', { root: '', field: 'regionCode', lang: 'zh' }).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.errors[0]).toMatchObject({ path: 'regionCode', code: 'region_ambiguous' });
    expect(err.errors[0].params.candidates).toContain('内蒙古自治区呼和浩特市新城区');
    expect(err.errors[0].params.candidates).toContain('陕西省西安市新城区');
    const unknown = await resolveRegionName(t.deps, '不存在县', { root: '', field: 'targetRegionCode', lang: 'zh' }).catch((e) => e);
    expect(unknown.errors[0]).toMatchObject({ path: 'targetRegionCode', code: 'region_not_found' });
    // A department's pickers do not reach outside its region; a form's do.
    await expect(resolveRegionName(t.deps, '石家庄', { root: '15', field: 'regionCode', lang: 'zh' })).rejects.toMatchObject({ status: 422 });
    expect((await resolveRegionName(t.deps, '石家庄', { root: '15', wide: true, field: 'regionCode', lang: 'zh' })).code).toBe('1301');
  });

  it('answers a posted ambiguous or unknown name with 422 on the field, the candidates listed, nothing saved', async () => {
    t = await makeTestApp();
    const g = await webUser(t, 'graduate');
    const res = await g.post('/me/profile', profileForm({ '_rpname.regionCode': '朝阳区' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-regionCode-error">“朝阳区”对应多个地区：[^<]*北京市朝阳区[^<]*吉林省长春市朝阳区/);
    expect(html).toContain('value="朝阳区"'); // the typed name stays for correcting
    const unknown = await g.post('/me/profile', profileForm({ '_rpname.regionCode': '火星市' }));
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('没有名为“火星市”的地区');
    const api = await t.app.request('/api/v1/talents/me', { headers: { cookie: `session=${g.cookies.get('session')}` } });
    expect(api.status).toBe(404);
  });
});

describe('the cascade without script', () => {
  it('shows the cities of a chosen province on GET, and the counties of a city', async () => {
    t = await makeTestApp();
    const admin = await webUser(t, 'admin');
    const html = await admin.html('/department/employers?status=all&_region=regionCode&regionCode=15');
    const levels = selects(html, 'regionCode');
    expect(levels).toHaveLength(2);
    expect(levels[0].find(([v]) => v === '15')).toBeTruthy();
    expect(levels[1].map(([v]) => v)).toEqual(expect.arrayContaining(['15', '1501', '1502']));
    expect(levels[1][0]).toEqual(['15', '整个内蒙古自治区']);
    // A finer choice left from another province is dropped: the province counts.
    const moved = selects(await admin.html('/department/employers?status=all&_region=regionCode&regionCode=13&regionCode=1501'), 'regionCode');
    expect(moved[1].map(([v]) => v)).toContain('1301');
    expect(moved[1].map(([v]) => v)).not.toContain('1501');
  });

  it('starts a department at its own region and the others at HOME_REGION', async () => {
    t = await makeTestApp({ HOME_REGION: '15' });
    const dept = await webUser(t, 'department', { regionCode: '1502' });
    const top = selects(await dept.html('/department/talents'), 'regionCode')[0].map(([v]) => v);
    expect(top).toContain('150203');
    expect(top).not.toContain('1501');
    const g = await webUser(t, 'graduate');
    const own = selects(await g.html('/me/profile'), 'regionCode')[0].map(([v]) => v);
    expect(own).toEqual(expect.arrayContaining(['', '1501', '1502']));
    expect(own).not.toContain('11');
  });

  it('shows the next level of a posted form again without saving it', async () => {
    t = await makeTestApp();
    const g = await webUser(t, 'graduate');
    const res = await g.post('/me/profile', profileForm({ regionCode: '15', _rpdeeper: 'regionCode' }));
    expect(res.status).toBe(200);
    const levels = selects(await res.text(), 'regionCode');
    expect(levels[1].map(([v]) => v)).toContain('1501');
    expect((await g.get('/me/profile')).status).toBe(200);
    const api = await t.app.request('/api/v1/talents/me', { headers: { cookie: `session=${g.cookies.get('session')}` } });
    expect(api.status).toBe(404);
  });
});

describe('several regions', () => {
  it('adds two cities by name, one at a time, and saves them as codes; the page shows their names', async () => {
    t = await makeTestApp();
    const g = await webUser(t, 'graduate');
    const added = await g.post('/me/profile', profileForm({ regionCode: ['15', '1501', '150102'], '_rpname.preferredRegions': '呼和浩特', _rpnext: 'preferredRegions' }));
    expect(added.status).toBe(200);
    const html = await added.text();
    expect(html).toMatch(/<input type="checkbox"[^>]*name="preferredRegions" value="1501" checked/);
    const saved = await g.post('/me/profile', profileForm({ regionCode: '150102', preferredRegions: '1501', '_rpname.preferredRegions': '包头' }));
    expect(saved.status).toBe(303);
    const api = await t.app.request('/api/v1/talents/me', { headers: { cookie: `session=${g.cookies.get('session')}` } });
    const me = (await api.json()) as { preferredRegions: string[]; regionCode: string };
    expect(me.preferredRegions).toEqual(['1501', '1502']);
    expect(me.regionCode).toBe('150102');
    const page = await g.html('/me/profile');
    expect(page).toContain('内蒙古自治区呼和浩特市、内蒙古自治区包头市');
    expect(page).not.toMatch(/>\s*1501\s*</);
    // Unticking one removes it.
    expect((await g.post('/me/profile', profileForm({ regionCode: '150102', preferredRegions: '1502' }))).status).toBe(303);
    const after = (await (await t.app.request('/api/v1/talents/me', { headers: { cookie: `session=${g.cookies.get('session')}` } })).json()) as { preferredRegions: string[] };
    expect(after.preferredRegions).toEqual(['1502']);
  });
});

describe('English', () => {
  it('romanises region names with pinyin and English suffixes', async () => {
    expect(romanise('呼和浩特市')).toBe('Huhehaote City');
    expect(romanise('内蒙古自治区')).toBe('Neimenggu Autonomous Region');
    expect(romanise('锡林郭勒盟')).toBe('Xilinguole League');
    expect(romanise('土默特左旗')).toBe('Tumotezuo Banner');
    expect(romanise('新城区')).toBe('Xincheng District');
    t = await makeTestApp({ HOME_REGION: '15' });
    const g = await webUser(t, 'graduate');
    expect((await g.post('/me/profile', profileForm({ regionCode: '150102' }))).status).toBe(303);
    const html = await g.html('/me/profile?lang=en');
    expect(html).toContain('Xincheng District, Huhehaote City, Neimenggu Autonomous Region');
    expect(selects(html, 'regionCode')[0].map(([, l]) => l)).toContain('Baotou City');
    expect(html).not.toContain('呼和浩特');
  });
});

describe('GET /api/v1/regions/resolve', () => {
  it('answers the region of a name, or 422 problem+json naming the field with the candidates', async () => {
    t = await makeTestApp();
    const ok = await t.app.request('/api/v1/regions/resolve?name=' + encodeURIComponent('包头') + '&within=15');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ code: '1502', fullName: '内蒙古自治区包头市', displayName: '内蒙古自治区包头市' });
    const en = await t.app.request('/api/v1/regions/resolve?name=Baotou&within=15&lang=en');
    expect(await en.json()).toMatchObject({ code: '1502', displayName: 'Baotou City, Neimenggu Autonomous Region' });
    const ambiguous = await t.app.request('/api/v1/regions/resolve?name=' + encodeURIComponent('朝阳区'));
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await ambiguous.json()) as { errors: { path: string; code: string; params: { candidates: string } }[] };
    expect(problem.errors[0]).toMatchObject({ path: 'name', code: 'region_ambiguous' });
    expect(problem.errors[0].params.candidates).toContain('北京市朝阳区');
    const outside = await t.app.request('/api/v1/regions/resolve?name=' + encodeURIComponent('石家庄') + '&within=15');
    expect(((await outside.json()) as { errors: unknown[] }).errors[0]).toMatchObject({ path: 'name', code: 'region_not_found' });
    const wide = await t.app.request('/api/v1/regions/resolve?name=' + encodeURIComponent('石家庄') + '&within=15&wide=true');
    expect(((await wide.json()) as { code: string }).code).toBe('1301');
    const children = await t.app.request('/api/v1/regions/15/children?lang=en');
    expect(((await children.json()) as { items: { code: string; displayName: string }[] }).items.find((r) => r.code === '1501')?.displayName).toBe('Huhehaote City');
  });
});

describe('a picker that starts at a township', () => {
  it('starts one level up, so the township itself stays chosen', async () => {
    t = await makeTestApp();
    const { regionPicker } = await import('../../src/regions');
    const pick = await regionPicker(t.deps, { value: '150102001', root: '150102001', lang: 'zh' });
    expect(pick.root).toBe('150102');
    expect(pick.levels).toHaveLength(1);
    expect(pick.levels[0].selected).toBe('150102001');
    expect(pick.value).toBe('150102001');
  });
});
