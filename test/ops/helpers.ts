// Helpers of the operations tests: run the real CLI as a separate process, read an index's ids.
import { spawn } from 'node:child_process';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx <script> ...args` with exactly these extra environment variables (no DATA_KEY leaking in). */
export function runTsx(script: string, args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATA_KEY|DATA_DIR|DATABASE_PATH|MEILI_URL|MEILI_MASTER_KEY|PORT)$/.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', [script, ...args], { env: { ...clean, LOG_REQUESTS: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every document id in a Meilisearch index. */
export async function indexIds(url: string, key: string, uid: string): Promise<string[]> {
  const res = await fetch(`${url}/indexes/${uid}/documents?limit=100000&fields=id`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`${uid}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { results: { id: string }[] }).results.map((d) => d.id).sort();
}
