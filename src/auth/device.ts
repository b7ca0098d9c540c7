// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// signed in to an account gets a signed cookie naming that account and a random nonce. A sign-in
// that presents a valid one for the account it tries is counted against that device alone, so
// strangers guessing the password (throttled per account and per address) cannot lock the owner
// out. The cookie holds no secret of the account: `userId.nonce.signature`, the signature an HMAC
// under a key derived from DATA_KEY. Web Crypto only (Node and Workers).
import { decodeBase64, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../lib/context';
import { constantTimeEqual } from '../lib/crypto';

export const DEVICE_COOKIE = 'device';
const DEVICE_MAX_AGE_S = 365 * 24 * 3600;
const enc = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(dataKey: string): Promise<CryptoKey> {
  let key = keys.get(dataKey);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', new Uint8Array(decodeBase64(dataKey)), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('shegong'), info: enc.encode('signin-device-v1') },
          base,
          { name: 'HMAC', hash: 'SHA-256', length: 256 },
          false,
          ['sign'],
        ),
      );
    keys.set(dataKey, key);
  }
  return key;
}

async function sign(dataKey: string, payload: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(dataKey), enc.encode(payload)));
}

/** A new device cookie value for the account. */
export async function newDeviceToken(dataKey: string, userId: string): Promise<string> {
  const nonce = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
  const payload = `${userId}.${nonce}`;
  return `${payload}.${encodeBase64urlNoPadding(await sign(dataKey, payload))}`;
}

/** The device's nonce when the cookie is valid and names this account, else null. */
export async function deviceNonce(dataKey: string, token: string | null | undefined, userId: string): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== userId || !/^[A-Za-z0-9_-]{22}$/.test(parts[1])) return null;
  const expected = encodeBase64urlNoPadding(await sign(dataKey, `${parts[0]}.${parts[1]}`));
  return constantTimeEqual(enc.encode(expected), enc.encode(parts[2])) ? parts[1] : null;
}

export function readDeviceCookie(c: AppContext): string | null {
  return getCookie(c, DEVICE_COOKIE) ?? null;
}

export function setDeviceCookie(c: AppContext, token: string): void {
  setCookie(c, DEVICE_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: DEVICE_MAX_AGE_S });
}
