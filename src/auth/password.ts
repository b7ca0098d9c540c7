// Password hashes: scrypt (memory-hard) with its parameters stored beside the hash, so the cost
// can be raised later and old hashes still verify. Format: scrypt$N,r,p$salt$hash (base64).
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import type { ScryptFn, ScryptParams } from '../lib/context';
import { constantTimeEqual } from '../lib/crypto';

const R = 8;
const P = 1;
const DK_LEN = 32;

export async function hashPassword(scrypt: ScryptFn, password: string, N: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await scrypt(password.normalize('NFKC'), salt, { N, r: R, p: P, dkLen: DK_LEN });
  return `scrypt$${N},${R},${P}$${encodeBase64(salt)}$${encodeBase64(hash)}`;
}

export async function verifyPassword(scrypt: ScryptFn, password: string, stored: string): Promise<{ ok: boolean; params: ScryptParams | null }> {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== 'scrypt') return { ok: false, params: null };
  const [N, r, p] = parts[1].split(',').map(Number);
  const salt = decodeBase64(parts[2]);
  const expected = decodeBase64(parts[3]);
  const params = { N, r, p, dkLen: expected.length };
  const actual = await scrypt(password.normalize('NFKC'), salt, params);
  return { ok: constantTimeEqual(actual, expected), params };
}
