// Browser tests run the real Node server in-process (static files included) on a free port and
// drive Debian's Chromium through playwright-core.
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/app';
import { withStaticFiles } from '../../src/server';

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
    throw new Error(
      `Chromium is not installed (no ${executablePath}); the browser tests need it. Install Debian's Chromium and the CJK fonts: apt-get install chromium fonts-noto-cjk`,
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
