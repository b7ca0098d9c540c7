// Facts about this installation kept in the database (migration 0012): the data key's fingerprint
// and the "rebuild the search index" flag a restore sets. Runtime-neutral (Node and D1).
import { sql } from 'kysely';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { createFieldCrypto } from './crypto';
import type { Database } from './database';

export const FINGERPRINT_KEY = 'data_key_fingerprint';
export const SEARCH_REBUILD_KEY = 'search_rebuild_required';

export async function readMeta(database: Database, key: string): Promise<string | null> {
  const row = await database.db.selectFrom('instance_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export function writeMetaQuery(database: Database, key: string, value: string, now: number) {
  return sql`INSERT INTO instance_meta (key, value, updated_at) VALUES (${key}, ${value}, ${now})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`.compile(database.db);
}

export async function writeMeta(database: Database, key: string, value: string, now = Date.now()): Promise<void> {
  await database.atomic([writeMetaQuery(database, key, value, now)]);
}

export async function deleteMeta(database: Database, key: string): Promise<void> {
  await database.db.deleteFrom('instance_meta').where('key', '=', key).execute();
}

/** A fingerprint of the data key: SHA-256 of a label and the key, safe to store beside the data
 * (the key is 32 random bytes; the fingerprint reveals nothing usable about it). */
export async function dataKeyFingerprint(keyBase64: string): Promise<string> {
  const label = new TextEncoder().encode('shegong data key fingerprint v1\0');
  const key = new TextEncoder().encode(keyBase64.trim());
  const bytes = new Uint8Array(label.length + key.length);
  bytes.set(label);
  bytes.set(key, label.length);
  return 'sha256:' + encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export class DataKeyError extends Error {}

/** Refuses a data key that is not the one this database was written with. A database without a
 * fingerprint (before migration 0012, or new) is checked against a stored ID number, if any, and then
 * gets the fingerprint. Returns what was done. */
export async function checkDataKey(database: Database, keyBase64: string, now = Date.now()): Promise<'matched' | 'recorded'> {
  const stored = await readMeta(database, FINGERPRINT_KEY);
  const fingerprint = await dataKeyFingerprint(keyBase64);
  if (stored) {
    if (stored !== fingerprint) {
      throw new DataKeyError(`The data key does not match this database (its fingerprint is ${stored}, the key's is ${fingerprint}). Use the key the database was written with.`);
    }
    return 'matched';
  }
  const sealed = await database.db.selectFrom('talents').select('id_number_enc').where('id_number_enc', 'like', 'v1:%').limit(1).executeTakeFirst();
  if (sealed?.id_number_enc) {
    const fieldCrypto = await createFieldCrypto(keyBase64);
    try {
      await fieldCrypto.decrypt(sealed.id_number_enc);
    } catch {
      throw new DataKeyError('The data key does not decrypt the ID numbers stored in this database. Use the key the database was written with.');
    }
  }
  await writeMeta(database, FINGERPRINT_KEY, fingerprint, now);
  return 'recorded';
}
