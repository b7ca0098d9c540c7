// A browser-like client for the web pages: keeps cookies, posts urlencoded forms with the
// same-origin headers a browser sends, and does not follow redirects (tests assert them).
import type { TestApp } from '../helpers/app';
import { createAccount } from '../../src/auth/auth.service';
import type { Role } from '../../db/schema';
import { uniqueEmail } from '../helpers/app';

export type Fields = Record<string, string | string[] | undefined>;

export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.t.app.request(path, { headers: this.headers({ 'sec-fetch-site': 'none' }) }));
  }

  async post(path: string, fields: Fields = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    return this.keep(
      await this.t.app.request(path, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://localhost' }),
        body: body.toString(),
      }),
    );
  }

  /** GET and return the HTML, failing unless the status is `status`. */
  async html(path: string, status = 200): Promise<string> {
    const res = await this.get(path);
    const text = await res.text();
    if (res.status !== status) throw new Error(`GET ${path}: expected ${status}, got ${res.status}\n${text.slice(0, 2000)}`);
    return text;
  }
}

export const PASSWORD = 'correct horse battery';

/** A web client signed in through the sign-up form (graduate, employer) or the sign-in form
 * (department, admin accounts are made the way the CLI makes them). */
export async function webUser(t: TestApp, role: Role, opts: { regionCode?: string; displayName?: string } = {}): Promise<WebClient & { email: string }> {
  const c = new WebClient(t) as WebClient & { email: string };
  c.email = uniqueEmail(role);
  if (role === 'graduate' || role === 'employer') {
    const res = await c.post('/sign-up', { role, displayName: opts.displayName ?? `测试${role}`, email: c.email, password: PASSWORD });
    if (res.status !== 303) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  } else {
    await createAccount(t.deps, {
      email: c.email,
      password: PASSWORD,
      displayName: opts.displayName ?? `测试${role}`,
      role,
      regionCode: opts.regionCode ?? (role === 'department' ? '15' : null),
    });
    const res = await c.post('/sign-in', { email: c.email, password: PASSWORD });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  }
  return c;
}

/** A web client signed in through the sign-in form as an existing account. */
export async function signInAs(t: TestApp, email: string): Promise<WebClient> {
  const c = new WebClient(t);
  const res = await c.post('/sign-in', { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return c;
}
