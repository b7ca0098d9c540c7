// Issue 9 A5: after signing in, `next` sends the browser only to a path of this site. A browser
// resolves the Location header the WHATWG way (tabs and newlines dropped, `\` read as `/`), so the
// test resolves it the same way with URL and checks the origin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, signedIn, uniqueEmail, type TestApp } from '../helpers/app';
import { createAccount } from '../../src/auth/auth.service';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const SITE = 'http://localhost';
const HOSTILE = [
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '%2F%2Fevil.example',
  '//evil.example',
  '/%2F/evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '/%00/evil.example',
  '/ /evil.example',
  '/\u00a0/evil.example',
  // Dot segments that resolve to two leading slashes after the origin check.
  '/x/..//evil.example',
  '/employer/%2e%2e//evil.example',
  '/a/b/../..//evil.example/path',
];
const CRLF = ['/department%0d%0aSet-Cookie:%20x=1', '/%0d%0a', '/a%0aLocation:%20https://evil.example', '/%E2%80%A8x'];

function landsOnSite(location: string | null): boolean {
  if (!location) return false;
  return new URL(location, SITE + '/sign-in').origin === SITE;
}

describe('redirects after sign-in stay on the site', () => {
  it('a signed-in browser sent to /sign-in?next=… stays on the site for every hostile next', async () => {
    const c = await signedIn(t, 'graduate');
    for (const next of [...HOSTILE, ...CRLF]) {
      const res = await c.get(`/sign-in?next=${next}`);
      expect(res.status, next).toBe(303);
      const location = res.headers.get('location');
      expect(landsOnSite(location), `${next} → ${location}`).toBe(true);
      expect(location, next).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it('the sign-in form post follows only a same-site next, and CR/LF never give a 500', async () => {
    const email = uniqueEmail('dept');
    await createAccount(t.deps, { email, password: 'correct horse battery', displayName: '部门', role: 'department', regionCode: '15' });
    for (const next of [...HOSTILE, ...CRLF].map(decodeURIComponent)) {
      const res = await t.app.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${HOSTILE.length}` },
        body: new URLSearchParams({ email, password: 'correct horse battery', next }).toString(),
      });
      expect(res.status, JSON.stringify(next)).toBe(303);
      const location = res.headers.get('location');
      expect(landsOnSite(location), `${JSON.stringify(next)} → ${location}`).toBe(true);
    }
  });

  it('a same-site next with its query still works', async () => {
    const c = await signedIn(t, 'department');
    const res = await c.get(`/sign-in?next=${encodeURIComponent('/department/talents?q=李&page=2')}`);
    expect(res.headers.get('location')).toBe('/department/talents?q=%E6%9D%8E&page=2');
  });

  it('the sign-in page keeps only a safe next in its form', async () => {
    const res = await t.app.request('/sign-in?next=/%09/evil.example');
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('name="next"');
    const ok = await (await t.app.request('/sign-in?next=/me/profile')).text();
    expect(ok).toContain('name="next" value="/me/profile"');
  });
});
