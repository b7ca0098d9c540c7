import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random id: 10 bytes (80 bits) in lower-case base32, 16 characters. Ids are made before the
 * write, so one atomic batch can insert rows that refer to each other (D1 has no RETURNING chain). */
export function newId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
