// The web search pages through app.request(): results, facet counts, highlights (only <mark> is
// markup), the degraded notice (the test app searches through the SQL fallback), the role matrix
// of the talent search, bad parameters as a 4xx page, and both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, type TestApp } from '../helpers/app';
import { makeEmployer, makePosition } from '../helpers/builders';
import { addEmployer, addPosition, addTalent } from '../search/fixtures';

let t: TestApp;
let ids: Record<string, string>;

const get = (path: string, cookie?: string) => t.app.request(path, { headers: cookie ? { cookie } : {} });
const enc = encodeURIComponent;

beforeAll(async () => {
  t = await makeTestApp();
  const db = t.deps.database;
  const community = await addEmployer(db, { name: '新城区海拉尔东路社区居委会', type: 'community', regionCode: '150102001' });
  const agency = await addEmployer(db, { name: '赛罕区儿童福利服务中心', type: 'agency', regionCode: '150105' });
  const baotou = await addEmployer(db, { name: '<script>alert(3)</script>包头助残协会', type: 'agency', regionCode: '150207' });
  ids = {
    elderly: await addPosition(db, {
      employerId: community,
      employerType: 'community',
      title: '老年关怀社工',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['elderly'],
      description: '为辖区独居老人提供定期探访、生活关怀和养老服务资源链接。',
    }),
    elderly2: await addPosition(db, {
      employerId: agency,
      employerType: 'agency',
      title: '居家养老服务社工',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['elderly', 'community'],
      description: '为老年人提供居家上门服务<b>与</b>照护评估。',
    }),
    children: await addPosition(db, {
      employerId: agency,
      employerType: 'agency',
      title: '儿童社会工作岗位',
      kind: 'agency_worker',
      regionCode: '150105',
      serviceAreas: ['children'],
      description: '开展困境儿童保护、家庭探访与个案管理。',
    }),
    script: await addPosition(db, {
      employerId: baotou,
      employerType: 'agency',
      title: '<script>alert(1)</script>康复社工',
      kind: 'agency_worker',
      regionCode: '150207',
      serviceAreas: ['disability'],
      description: '<img src=x onerror=alert(2)>为残疾人提供康复训练支持。',
    }),
    draft: await addPosition(db, {
      employerId: community,
      employerType: 'community',
      title: '老年日间照料社工（草稿）',
      kind: 'community_worker',
      regionCode: '150102001',
      serviceAreas: ['elderly'],
      description: '草稿',
      status: 'draft',
    }),
    tHohhot: await addTalent(db, { name: '乌云其其格', regionCode: '150102', school: '内蒙古大学', major: '社会工作', serviceAreas: ['elderly'], qualification: 'assistant' }),
    tHidden: await addTalent(db, { name: '巴特尔', regionCode: '150103', school: '内蒙古师范大学', major: '社会工作', serviceAreas: ['elderly'], visibility: 'department' }),
    tBaotou: await addTalent(db, {
      name: '张敏',
      regionCode: '150203',
      school: '包头师范学院',
      major: '社会工作',
      serviceAreas: ['children'],
      languages: ['mandarin', 'mongolian'],
    }),
  };
});
afterAll(() => t?.close());

describe('/search (positions, public)', () => {
  it('shows results with highlights, facet counts, links and the degraded notice', async () => {
    const res = await get(`/search?q=${enc('老年')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<mark>老年</mark>关怀社工');
    expect(html).toContain(`href="/positions/${ids.elderly}"`);
    expect(html).toContain(`href="/positions/${ids.elderly2}"`);
    expect(html).not.toContain(ids.children);
    expect(html).not.toContain(ids.draft);
    expect(html).toContain('搜索服务暂时降级，结果来自数据库');
    // facet: service area elderly with its count, as a labelled checkbox in a GET form
    expect(html).toMatch(/<input type="checkbox" name="serviceArea" value="elderly"[^>]*\/?>\s*<span>[^<]*<span class="muted small facet-count">（2）<\/span>/);
    expect(html).toMatch(/name="kind" value="community_worker"[\s\S]*?（1）/);
    expect(html).toMatch(/name="employerType" value="agency"[\s\S]*?（1）/);
    expect(html).toMatch(/name="regionCode" value="1501"[\s\S]*?（2）/);
    expect(html).toMatch(/<form method="get" action="\/search"/);
  });

  it('filters by a facet and keeps it checked', async () => {
    const html = await (await get(`/search?serviceArea=children`)).text();
    expect(html).toContain(ids.children);
    expect(html).not.toContain(ids.elderly);
    expect(html).toMatch(/name="serviceArea" value="children" checked/);
  });

  it('keeps every filter when the form is submitted again (employment type, language, others as hidden fields)', async () => {
    const html = await (await get(`/search?q=${enc('社工')}&employmentType=FULL_TIME&language=mandarin&salaryAtLeast=1000&page=2`)).text();
    expect(html).toMatch(/name="employmentType" value="FULL_TIME" checked/);
    expect(html).toMatch(/name="language" value="mandarin" checked/);
    expect(html).toContain('<input type="hidden" name="salaryAtLeast" value="1000"');
    expect(html).not.toContain('name="page"');
    expect(html).not.toContain('错别字');
  });

  it('escapes titles and descriptions: only <mark> is markup', async () => {
    for (const q of ['康复', '']) {
      const html = await (await get(`/search${q ? `?q=${enc(q)}` : ''}`)).text();
      expect(html).toContain(ids.script);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>与</b>');
      // the employer name is not highlighted for these words: the plain value, escaped
      expect(html).not.toContain('<script>alert(3)');
      expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;包头助残协会');
    }
    const marked = await (await get(`/search?q=${enc('康复')}`)).text();
    expect(marked).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;<mark>康复<\/mark>社工/);
  });

  it('shows an empty state that suggests what to try', async () => {
    const html = await (await get(`/search?q=${enc('宇航员飞船')}&kind=school_worker`)).text();
    expect(html).toContain('没有找到匹配的结果');
    expect(html).toContain('老年');
    expect(html).toContain('养老');
    expect(html).toContain('去掉部分筛选条件');
    expect(html).toContain('href="/search"');
  });

  it('answers bad parameters with a 4xx page, never a 5xx', async () => {
    for (const [qs, status] of [
      ['page=-1', 400],
      ['page=abc', 400],
      ['kind=astronaut', 400],
      ['sort=random', 400],
      [`q=${'长'.repeat(101)}`, 400],
      ['regionCode=15%20OR%201%3D1', 400],
      ['foo=bar', 400],
      ['regionCode=159999', 422],
    ] as const) {
      const res = await get(`/search?${qs}`);
      const html = await res.text();
      expect(res.status, qs).toBe(status);
      expect(html, qs).toContain('<!DOCTYPE html>');
      expect(html, qs).toContain('<form method="get" action="/search"');
      expect(html, qs).not.toContain('/positions/');
    }
    expect(await (await get('/search?regionCode=159999')).text()).toContain('159999');
  });

  it('speaks English with ?lang=en', async () => {
    const html = await (await get(`/search?q=${enc('老年')}&lang=en`)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Search positions');
    expect(html).toContain('Search is temporarily degraded');
    expect(html).toContain('Elderly');
    const empty = await (await get(`/search?q=zzzzqqq&lang=en`)).text();
    expect(empty).toContain('Nothing matched');
  });

  it('has a search box in the header of every page, labelled', async () => {
    const html = await (await get('/')).text();
    expect(html).toMatch(/<form method="get" action="\/search"[^>]*>\s*<label for="site-q"/);
    expect(html).toContain('id="site-q" name="q"');
  });

  it('labels every control of the search page', async () => {
    const html = await (await get(`/search?q=${enc('社工')}`)).text();
    for (const [, id] of html.matchAll(/<(?:select|input|textarea)[^>]*\bid="([^"]+)"/g)) expect(html, id).toContain(`for="${id}"`);
    for (const [tag] of html.matchAll(/<(?:select|textarea|input(?![^>]*type="(?:hidden|checkbox|radio)"))[^>]*>/g)) expect(tag).toMatch(/\bid="/);
    for (const [tag] of html.matchAll(/<input[^>]*type="(?:checkbox|radio)"[^>]*>/g)) expect(html.slice(html.indexOf(tag) - 40, html.indexOf(tag))).toContain('<label');
  });
});

describe('talent search pages', () => {
  const cookieOf = (c: { token: string | null }) => `session=${c.token}`;

  it('role matrix: departments (their region), admins, verified employers; others refused', async () => {
    const who = {
      dept1501: cookieOf(await signedIn(t, 'department', { regionCode: '1501' })),
      dept1502: cookieOf(await signedIn(t, 'department', { regionCode: '1502' })),
      admin: cookieOf(await signedIn(t, 'admin')),
      verified: cookieOf((await makeEmployer(t, { status: 'verified' })).client),
      pending: cookieOf((await makeEmployer(t, { status: 'pending' })).client),
      employerNoOrg: cookieOf(await signedIn(t, 'employer')),
      graduate: cookieOf(await signedIn(t, 'graduate')),
    };
    const cases: [string, keyof typeof who | 'anonymous', number][] = [
      ['/department/search', 'anonymous', 303],
      ['/department/search', 'graduate', 403],
      ['/department/search', 'verified', 403],
      ['/department/search', 'dept1501', 200],
      ['/department/search', 'admin', 200],
      ['/talents/search', 'anonymous', 303],
      ['/talents/search', 'graduate', 403],
      ['/talents/search', 'pending', 403],
      ['/talents/search', 'employerNoOrg', 403],
      ['/talents/search', 'verified', 200],
      ['/talents/search', 'dept1502', 200],
    ];
    for (const [path, role, status] of cases) {
      const full = `${path}?q=${enc('社会工作')}`;
      const res = await get(full, role === 'anonymous' ? undefined : who[role]);
      const html = await res.text();
      expect(res.status, `${path} ${role}`).toBe(status);
      if (status === 303) expect(res.headers.get('location')).toBe(`/sign-in?next=${enc(full)}`);
      if (status === 403) {
        expect(html).toContain('无权访问');
        expect(html).not.toContain('内蒙古大学');
      }
    }

    // department of 1501: its region only, names shown, department-only talents included
    const d = await (await get(`/department/search?q=${enc('社会工作')}`, who.dept1501)).text();
    expect(d).toContain('乌云其其格');
    expect(d).toContain('巴特尔');
    expect(d).not.toContain('张敏');
    expect(d).toContain('<mark>社会工作</mark>');
    expect(d).toContain('搜索服务暂时降级，结果来自数据库');
    expect(d).toContain(`href="/department/talents?q=${enc('乌云其其格')}"`);
    // The place once, by its full names (the documents also hold short forms for searching).
    expect(d).toContain('呼和浩特市新城区');
    expect(d).not.toMatch(/呼和浩特市\s*呼和浩特/);
    // a filter for another region narrows to nothing, never widens the scope
    const narrowed = await (await get(`/department/search?regionCode=1502`, who.dept1501)).text();
    expect(narrowed).not.toContain('张敏');
    expect(narrowed).toContain('没有找到匹配的结果');

    const b = await (await get(`/talents/search?q=${enc('社会工作')}`, who.dept1502)).text();
    expect(b).toContain('张敏');
    expect(b).not.toContain('乌云其其格');

    // verified employer: only talents open to employers, and no names
    const e = await (await get(`/talents/search?q=${enc('社会工作')}`, who.verified)).text();
    expect(e).toContain('内蒙古大学');
    expect(e).toContain('包头师范学院');
    expect(e).not.toContain('内蒙古师范大学');
    for (const name of ['乌云其其格', '巴特尔', '张敏']) expect(e).not.toContain(name);
    expect(e).toContain('姓名不公开');
    // searching a hidden talent's name finds nothing for an employer
    const byName = await (await get(`/talents/search?q=${enc('巴特尔')}`, who.verified)).text();
    expect(byName).toContain('没有找到匹配的结果');
    const asking = await (await get(`/talents/search?visibility=department`, who.verified)).text();
    expect(asking).not.toContain('内蒙古师范大学');
  });

  it('shows facet counts (service area, availability, language, age band, qualification)', async () => {
    const admin = cookieOf(await signedIn(t, 'admin'));
    const html = await (await get('/department/search', admin)).text();
    expect(html).toMatch(/name="serviceArea" value="elderly"[\s\S]*?（2）/);
    expect(html).toMatch(/name="serviceArea" value="children"[\s\S]*?（1）/);
    expect(html).toMatch(/name="availability" value="available"[\s\S]*?（3）/);
    expect(html).toMatch(/name="language" value="mongolian"[\s\S]*?（1）/);
    expect(html).toMatch(/name="ageBand" value="30-34"[\s\S]*?（3）/);
    expect(html).toMatch(/<option value="assistant"[^>]*>[^<]*（1）<\/option>/);
    const filtered = await (await get('/department/search?language=mongolian', admin)).text();
    expect(filtered).toContain('张敏');
    expect(filtered).not.toContain('乌云其其格');
  });

  it('issue #12: "at least" qualification counts, whole lists in the page language with the match marked, no style attributes', async () => {
    const admin = cookieOf(await signedIn(t, 'admin'));
    const html = await (await get('/department/search', admin)).text();
    // "at least 无" is everyone (3), "at least 助理社会工作师" the one assistant.
    expect(html).toMatch(/<option value="none"[^>]*>[^<]*（3）<\/option>/);
    expect(html).toMatch(/<option value="assistant"[^>]*>[^<]*（1）<\/option>/);
    expect(html).not.toMatch(/ style="/);
    const marked = await (await get(`/department/search?q=${enc('蒙古语')}`, admin)).text();
    expect(marked).toContain('普通话、<mark>蒙古语</mark>');
    expect(marked).not.toContain('Mongolian');
    const en = await (await get(`/department/search?language=mongolian&lang=en`, admin)).text();
    expect(en).toContain('Mandarin, <mark>Mongolian</mark>');
  });

  it('answers bad parameters with a 4xx page and speaks English', async () => {
    const dept = cookieOf(await signedIn(t, 'department', { regionCode: '15' }));
    for (const [qs, status] of [
      ['page=-1', 400],
      ['ageBand=old', 400],
      ['regionCode=1501%27--', 400],
      ['regionCode=159999', 422],
      ['name=x', 400],
    ] as const) {
      const res = await get(`/department/search?${qs}`, dept);
      expect(res.status, qs).toBe(status);
      const html = await res.text();
      expect(html).toContain('<form method="get" action="/department/search"');
      expect(html).not.toContain('乌云其其格');
    }
    const en = await (await get(`/department/search?q=${enc('社会工作')}&lang=en`, dept)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Search talents');
    expect(en).toContain('Search is temporarily degraded');
    expect(en).toContain('乌云其其格');
  });
});

describe('talent search: invitations', () => {
  it('offers an employer the invite control only for talents who are looking for a post', async () => {
    // Its own app: the talents added here must not change the other tests' counts.
    const own = await makeTestApp();
    try {
      const employer = await makeEmployer(own, { status: 'verified' });
      await makePosition(employer.client);
      const looking = await addTalent(own.deps.database, { name: '求职者', regionCode: '150102', school: '内蒙古大学', major: '社会工作' });
      const employed = await addTalent(own.deps.database, { name: '在职者', regionCode: '150102', school: '呼和浩特职业学院', major: '社会工作', availability: 'employed' });
      const res = await own.app.request(`/talents/search?q=${enc('社会工作')}`, { headers: { cookie: `session=${employer.client.token}` } });
      const html = await res.text();
      expect(html).toContain('呼和浩特职业学院');
      expect(html).toContain(`id="invite-form-${looking}"`);
      expect(html).not.toContain(`invite-form-${employed}`);
    } finally {
      await own.close();
    }
  });
});
