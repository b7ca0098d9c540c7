// Field encryption for personal data (ID numbers): AES-256-GCM for the value, HMAC-SHA-256 for
// uniqueness look-ups. Both keys are derived with HKDF from one configured secret. Web Crypto (and
// node:crypto's hash, which Workers offer under nodejs_compat), so it runs on Node 20 and on Workers.
import { createHash } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

export interface FieldCrypto {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
  hmac(plain: string): Promise<string>;
}

const enc = new TextEncoder();

export async function createFieldCrypto(secretBase64: string): Promise<FieldCrypto> {
  const secret = new Uint8Array(decodeBase64(secretBase64));
  if (secret.length < 32) throw new Error('DATA_KEY must be at least 32 bytes (base64)');
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const derive = (info: string, alg: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: enc.encode('shegong'), info: enc.encode(info) }, base, alg, false, usages);
  const aes = await derive('field-encryption-v1', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);
  const mac = await derive('field-hmac-v1', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']);

  return {
    async encrypt(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, enc.encode(plain)));
      const out = new Uint8Array(iv.length + ct.length);
      out.set(iv);
      out.set(ct, iv.length);
      return 'v1:' + encodeBase64(out);
    },
    async decrypt(sealed) {
      const raw = new Uint8Array(decodeBase64(sealed.slice(3)));
      const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: raw.slice(0, 12) }, aes, raw.slice(12));
      return new TextDecoder().decode(pt);
    },
    async hmac(plain) {
      const sig = await crypto.subtle.sign('HMAC', mac, enc.encode(plain));
      return encodeBase64(new Uint8Array(sig));
    },
  };
}

/** SHA-256 of `bytes`. node:crypto's hash (Node, and Workers with nodejs_compat) rather than
 * crypto.subtle.digest: every signed-in request hashes its session secret, and the Web Crypto call
 * goes through Node's thread pool — about 0.25 ms after an idle moment against a few µs. */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
