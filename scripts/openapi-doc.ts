// Prints the app's OpenAPI document (GET /api/v1/openapi.json) as stable, pretty JSON, so a change
// that must not alter the API can be checked by comparing two runs:
//   npx tsx scripts/openapi-doc.ts > before.json   (… change …)   npx tsx scripts/openapi-doc.ts | diff before.json -
// Built on an in-memory migrated SQLite with the SQL search fallback: nothing is started or written.
import { randomBytes } from 'node:crypto';
import { openMemoryCopy } from '../db/sqlite';
import { createSearch } from '../search/index';
import { createApp } from '../src/app';
import { parseEnv, toConfig } from '../src/env';
import { createFieldCrypto } from '../src/lib/crypto';
import { nodeScrypt } from '../src/node-deps';

const { sqlite, database } = openMemoryCopy();
const dataKey = randomBytes(32).toString('base64');
const app = createApp({
  database,
  config: toConfig(parseEnv({}), dataKey),
  fieldCrypto: await createFieldCrypto(dataKey),
  scrypt: nodeScrypt,
  now: () => Date.now(),
  clientAddress: () => '127.0.0.1',
  log: () => {},
  search: createSearch({ database, now: () => Date.now(), log: () => {}, meili: null }),
});
const doc = await (await app.request('/api/v1/openapi.json')).json();
process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
sqlite.close();
