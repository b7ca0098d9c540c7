// Node only. A lock file naming the process that holds it: created atomically (O_EXCL), taken over
// only when the process it names is gone. Used for "one server per DATA_DIR" and "one Meilisearch
// per data directory".
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface LockInfo {
  pid: number;
  [key: string]: unknown;
}

/** Whether a process with this pid runs (and, where /proc tells, its command line matches). */
export function processAlive(pid: number, commandLike?: RegExp): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!commandLike) return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return commandLike.test(cmdline);
  } catch {
    return true; // no /proc here: trust kill(0)
  }
}

export function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

/** Takes the lock, or returns the live holder's info. A lock whose holder is gone (or unreadable) is
 * removed first; `onStale` sees it (to reap what the dead holder left running). */
export function acquireLock(
  file: string,
  info: LockInfo,
  opts: { commandLike?: RegExp; onStale?: (stale: LockInfo | null) => void } = {},
): { acquired: true } | { acquired: false; holder: LockInfo } {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(info) + '\n', { flag: 'wx', mode: 0o600 });
      return { acquired: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== info.pid && processAlive(holder.pid, opts.commandLike)) return { acquired: false, holder };
    opts.onStale?.(holder);
    rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

/** Removes the lock if this process holds it. */
export function releaseLock(file: string, pid = process.pid): void {
  if (existsSync(file) && readLock(file)?.pid === pid) rmSync(file, { force: true });
}
