// `npm run cli -- verify-round FILE`: recomputes a round file's matching from the file alone (no
// database, no configuration) and says whether it agrees with the outcome it records. Exit code 0
// when it agrees, 1 when it does not, 2 when the file cannot be read as a round file.
import { readFile, stat } from 'node:fs/promises';
import { verifyRoundFile } from './round-file.verify';

/** Largest file read (a 100,000-talent round is well under it). */
export const MAX_ROUND_FILE_BYTES = 256 * 1024 * 1024;

export async function verifyRoundCommand(args: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const path = args[0];
  if (!path || args.length > 1) {
    err('usage: npm run cli -- verify-round FILE');
    return 2;
  }
  let data: unknown;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_ROUND_FILE_BYTES) {
      err(`error: ${path} is ${size} bytes; a round file may be at most ${MAX_ROUND_FILE_BYTES} bytes`);
      return 2;
    }
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    err(`error: cannot read ${path} as JSON: ${(e as Error).message}`);
    return 2;
  }
  try {
    const v = verifyRoundFile(data);
    out(`round file ${path}: ${v.talents} talents, ${v.positions} posts, ${v.proposals} proposals`);
    if (v.agrees) {
      out('AGREES: recomputing the matching from the file gives exactly the recorded proposals');
      return 0;
    }
    out(`DISAGREES: ${v.differenceCount} difference(s)`);
    for (const d of v.differences) out(`  ${d}`);
    if (v.differenceCount > v.differences.length) out(`  … and ${v.differenceCount - v.differences.length} more`);
    return 1;
  } catch (e) {
    err(`error: ${(e as Error).message}`);
    return 2;
  }
}
