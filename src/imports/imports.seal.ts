// Envelope encryption of staged rows: each import gets a random AES-256-GCM key, kept only sealed with
// the field key (AppDeps.fieldCrypto) on the import row; chunks are encrypted with it as raw bytes.
// One field-key operation per import instead of a base64 round trip per chunk (the field cipher's
// base64 costs about 0.1 ms per row at 100,000 rows), and forgetting the key (commit, discard,
// failure) makes any staged bytes left behind unreadable. Web Crypto only: Node and Workers.
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import type { FieldCrypto } from '../lib/crypto';

export interface ChunkSealer {
  /** The import's key, sealed with the field key, for the import row. */
  sealedKey: string;
  seal(plain: string): Promise<Uint8Array>;
}

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function newChunkSealer(fieldCrypto: FieldCrypto): Promise<ChunkSealer> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await importKey(raw);
  const sealedKey = await fieldCrypto.encrypt(encodeBase64(raw));
  return {
    sealedKey,
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)));
      const out = new Uint8Array(12 + ct.length);
      out.set(iv);
      out.set(ct, 12);
      return out;
    },
  };
}

/** Bytes as a driver returns a BLOB: a Buffer (better-sqlite3), an ArrayBuffer or a number array (D1). */
function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  throw new Error('staged chunk is not binary');
}

export async function chunkOpener(fieldCrypto: FieldCrypto, sealedKey: string): Promise<(payload: unknown) => Promise<string>> {
  const key = await importKey(new Uint8Array(decodeBase64(await fieldCrypto.decrypt(sealedKey))));
  return async (payload) => {
    const bytes = bytesOf(payload);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return new TextDecoder().decode(plain);
  };
}
