// Every page renders for the roles it is for, sends anonymous callers to sign-in and refuses the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { seedDemo, account } from '../e2e/seed';
import { WebClient, signInAs } from './client';

type Who = 'anonymous' | 'graduate' | 'employer' | 'otherEmployer' | 'department' | 'admin';

let t: TestApp;
let clients: Record<Who, WebClient>;
let openPosition: string;

beforeAll(async () => {
  t = await makeTestApp();
  const seeded = await seedDemo(t.deps);
  openPosition = seeded.positions[0].id;
  await account(t.deps, 'admin', 'admin@example.cn', '管理员');
  clients = {
    anonymous: new WebClient(t),
    graduate: await signInAs(t, 'grad@example.cn'),
    employer: await signInAs(t, 'org0@example.cn'),
    otherEmployer: await signInAs(t, 'org1@example.cn'),
    department: await signInAs(t, 'dept@example.cn'),
    admin: await signInAs(t, 'admin@example.cn'),
  };
});
afterAll(() => t.close());

const everyone: Who[] = ['anonymous', 'graduate', 'employer', 'otherEmployer', 'department', 'admin'];

// path → who gets 200; anonymous callers of a private page are redirected to sign-in; the rest get 403.
const matrix: [string, Who[]][] = [
  ['/', everyone],
  ['/positions/{open}', everyone],
  ['/me/profile', ['graduate']],
  ['/me/applications', ['graduate']],
  ['/employer', ['employer', 'otherEmployer']],
  ['/employer/positions', ['employer', 'otherEmployer']],
  ['/employer/positions/{open}/applicants', ['employer']],
  ['/employer/positions/{open}/edit', ['employer']],
  ['/department/employers', ['department', 'admin']],
  ['/department/talents', ['department', 'admin']],
];

describe('who may open which page', () => {
  for (const [pattern, allowed] of matrix) {
    for (const who of everyone) {
      const expected = allowed.includes(who) ? 200 : who === 'anonymous' ? 303 : 403;
      it(`${pattern} as ${who} → ${expected}`, async () => {
        const path = pattern.replace('{open}', openPosition);
        const res = await clients[who].get(path);
        const body = await res.text();
        expect(res.status, body.slice(0, 500)).toBe(expected);
        if (expected === 303) expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
        if (expected === 403) expect(body).toContain('无权访问');
        if (expected === 200) {
          expect(res.headers.get('content-type')).toMatch(/^text\/html/);
          expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
          if (who !== 'anonymous') expect(res.headers.get('cache-control')).toContain('no-store');
          // Every control has a label: by for=id, or (checkboxes of a group) by wrapping.
          for (const [, id] of body.matchAll(/<(?:select|input|textarea)[^>]*\bid="([^"]+)"/g)) expect(body, id).toContain(`for="${id}"`);
          for (const [tag] of body.matchAll(/<(?:select|textarea|input(?![^>]*type="(?:hidden|checkbox|radio)"))[^>]*>/g)) expect(tag).toMatch(/\bid="/);
        }
      });
    }
  }

  it('answers an unknown page and an unknown position with the 404 page', async () => {
    for (const path of ['/no-such-page', '/positions/nope']) {
      const res = await clients.anonymous.get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('页面不存在');
    }
  });

  it('does not show a draft position to the public or to another employer', async () => {
    const draft = await t.deps.database.db.selectFrom('positions').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
    expect((await clients.anonymous.get(`/positions/${draft.id}`)).status).toBe(404);
    expect((await clients.employer.get(`/positions/${draft.id}`)).status).toBe(404);
    expect((await clients.otherEmployer.get(`/positions/${draft.id}`)).status).toBe(200);
  });

  it('keeps a department out of another region', async () => {
    await account(t.deps, 'department', 'dept13@example.cn', '河北省社会工作部', '13');
    const other = await signInAs(t, 'dept13@example.cn');
    const employers = await other.html('/department/employers?status=all');
    expect(employers).not.toContain('鄂尔多斯市中心医院');
    const talents = await other.html('/department/talents');
    expect(talents).not.toContain('李娜');
    const own = await clients.department.html('/department/employers?status=all');
    expect(own).toContain('鄂尔多斯市中心医院');
  });

  it('sends signed-in callers from sign-in and sign-up to their own start page', async () => {
    const res = await clients.graduate.get('/sign-in');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/profile');
    expect((await clients.employer.get('/sign-up')).headers.get('location')).toBe('/employer');
    expect((await clients.department.get('/sign-in')).headers.get('location')).toBe('/department');
  });

  it('shows each role its own navigation', async () => {
    expect(await clients.graduate.html('/')).toContain('href="/me/applications"');
    expect(await clients.employer.html('/')).toContain('href="/employer/positions"');
    expect(await clients.department.html('/')).toContain('href="/department/talents"');
    const anon = await clients.anonymous.html('/');
    expect(anon).toContain('href="/sign-in"');
    expect(anon).not.toContain('/sign-out');
  });
});

describe('languages', () => {
  it('is Simplified Chinese by default', async () => {
    const html = await new WebClient(t).html('/');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('基层社会工作岗位');
    expect(html).toContain('社区工作者（社会工作方向）');
    expect(html).toContain('全职'); // an enumeration label from the vocabulary
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const c = new WebClient(t);
    const html = await c.html('/?lang=en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Grassroots social work positions');
    expect(html).toContain('Full time');
    expect(html).not.toContain('基层社会工作岗位');
    expect(c.cookies.get('lang')).toBe('en');
    expect(await c.html('/sign-in')).toContain('<h1>Sign in</h1>');
    expect(await c.html('/sign-in?lang=zh')).toContain('<h1>登录</h1>');
    expect(await c.html('/sign-in')).toContain('<h1>登录</h1>');
  });

  it('links to the same page in the other language, keeping the filters', async () => {
    const html = await new WebClient(t).html('/?kind=community_worker');
    expect(html).toContain('href="/?kind=community_worker&amp;lang=en"');
  });

  it('renders every private page in English too', async () => {
    const pages: [Who, string, string][] = [
      ['graduate', '/me/profile?lang=en', 'My talent profile'],
      ['graduate', '/me/applications?lang=en', 'My applications'],
      ['employer', '/employer?lang=en', 'Verification'],
      ['employer', '/employer/positions?lang=en', 'Our positions'],
      ['department', '/department/employers?lang=en', 'Employer verification'],
      ['department', '/department/talents?lang=en', 'Talent list'],
    ];
    for (const [who, path, text] of pages) {
      const html = await clients[who].html(path);
      expect(html, path).toContain(text);
      await clients[who].get('/?lang=zh');
    }
  });
});
