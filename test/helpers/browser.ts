// The one browser harness: the real Node server in-process (static files included) on a free port
// of localhost, driven by Debian's Chromium through playwright-core. Pages at desktop or phone
// width, signed in by cookie or through the sign-in form, collecting page errors; screenshots.
// Without Chromium it fails, saying how to install it: browser tests never skip.
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { withStaticFiles } from '../../src/server';
import { makeTestApp, type TestApp } from './app';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface RunningServer {
  t: TestApp;
  url: string;
  close(): Promise<void>;
}

/** The app on a migrated in-memory database, served over HTTP on a free port of localhost. */
export async function startServer(): Promise<RunningServer> {
  const t = await makeTestApp();
  // Browsers use the real clock; the server's "today" must agree with their date inputs.
  t.clock.now = Date.now();
  const app = withStaticFiles(t.app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    t,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          t.close();
          resolve();
        });
        // Keep-alive sockets from the browser would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Starts Debian's Chromium. Without it the browser tests fail, saying how to install it: they never
 * skip, so a machine without Chromium cannot pass for one where the pages were tried. */
export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not installed: apt-get install -y chromium fonts-noto-cjk (no ${executablePath}; the browser tests need it and never skip)`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export interface PageOptions {
  /** `desktop` (1280, the default), `phone` (390) or a size. */
  viewport?: 'desktop' | 'phone' | { width: number; height: number };
  /** Signed in with this session token as a cookie. */
  token?: string;
  /** Signed in through the sign-in form, as a person would. */
  signIn?: { email: string; password: string };
  javaScriptEnabled?: boolean;
  acceptDownloads?: boolean;
  /** Which problems `errors` collects: uncaught page errors and 5xx answers (`server`, the
   * default); also console errors and any 4xx but the favicon (`all`); nothing (`none`, the test
   * listens itself). */
  errors?: 'server' | 'all' | 'none';
  /** Accept confirm() dialogs (default true). */
  acceptDialogs?: boolean;
}

export interface BrowserSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly url: string;
  readonly t: TestApp;
  /** A page in a fresh context (closed with the session), and the problems it saw. */
  page(opts?: PageOptions): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

/** Starts the server and Chromium (for scripts; tests use `useBrowser`). */
export async function openBrowser(): Promise<BrowserSession> {
  const [server, browser] = await Promise.all([startServer(), launchChromium()]);
  return session(server, browser);
}

/** The server and Chromium for one test file: started before its tests, closed after them. */
export function useBrowser(opts: { executablePath?: string } = {}): BrowserSession {
  let s: BrowserSession | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // Both are closed in afterAll even when the other failed to start.
    [server, browser] = await Promise.all([startServer().then((x) => (server = x)), launchChromium(opts.executablePath).then((x) => (browser = x))]);
    s = session(server, browser);
  }, 60_000);
  afterAll(async () => {
    if (s) await s.close();
    else {
      await browser?.close();
      await server?.close();
    }
  });
  const started = (): BrowserSession => {
    if (!s) throw new Error('the browser session starts in beforeAll');
    return s;
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    get url() {
      return started().url;
    },
    get t() {
      return started().t;
    },
    page: (opts) => started().page(opts),
    close: () => started().close(),
  };
}

function session(server: RunningServer, browser: Browser): BrowserSession {
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    url: server.url,
    t: server.t,
    async page(opts = {}) {
      const viewport = opts.viewport === 'phone' ? PHONE : opts.viewport === 'desktop' || opts.viewport === undefined ? DESKTOP : opts.viewport;
      const context = await browser.newContext({ locale: 'zh-CN', viewport, javaScriptEnabled: opts.javaScriptEnabled ?? true, acceptDownloads: opts.acceptDownloads });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      if (opts.token) await context.addCookies([{ name: 'session', value: opts.token, url: server.url, httpOnly: true, secure: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      if (opts.acceptDialogs !== false) page.on('dialog', (d) => void d.accept());
      const errors = watch(page, opts.errors ?? 'server');
      if (opts.signIn) await signInThroughForm(page, server.url, opts.signIn.email, opts.signIn.password);
      return { page, context, errors };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

function watch(page: Page, what: 'server' | 'all' | 'none'): string[] {
  const errors: string[] = [];
  if (what === 'none') return errors;
  page.on('pageerror', (e) => errors.push(e.message));
  if (what === 'server') {
    page.on('response', (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.url()}`));
  } else {
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    // Every resource loads, except the favicon that browsers ask for on their own.
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  }
  return errors;
}

/** Signs in through the sign-in page's form and waits to leave it. */
export async function signInThroughForm(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** A full-page screenshot at `path` (for looking at, never asserted). */
export async function screenshot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, fullPage: true });
}

/** Whether nothing is wider than the screen (phone layouts must not scroll sideways). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}
