// One job worker thread: its own SQLite connection and app dependencies, the tasks every feature
// registers, and a loop answering the pool's messages one job at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../db/sqlite';
import { nodeXlsx } from '../../spreadsheet/xlsx-node';
import { createSearch } from '../../search/index';
import { nodeSearchHttpClient } from '../../search/node-http';
import { toConfig } from '../env';
import { createFieldCrypto } from '../lib/crypto';
import type { AppDeps } from '../lib/context';
import { jsonLog, nodeClientAddress, nodeScrypt } from '../node-deps';
import { taskOf } from './jobs.registry';
import { taskContext, toStoredProblem } from './jobs.service';
import type { WorkerInit } from './node-pool';
import './tasks';

const init = workerData as WorkerInit;
const { database } = openSqlite(init.databasePath);
const log = (e: Record<string, unknown>) => jsonLog({ thread: 'job', ...e });
const deps: AppDeps = {
  database,
  config: toConfig(init.raw, init.dataKey),
  fieldCrypto: await createFieldCrypto(init.dataKey),
  scrypt: nodeScrypt,
  now: () => Date.now(),
  clientAddress: nodeClientAddress,
  log,
  search: createSearch({ database, now: () => Date.now(), log, meili: init.meili && { ...init.meili, searchHttpClient: nodeSearchHttpClient() } }),
  xlsx: nodeXlsx,
};

parentPort!.on('message', async (m: { task: string; input: unknown; jobId: string }) => {
  try {
    const result = await taskOf(m.task)(deps, m.input, taskContext(deps, m.jobId));
    parentPort!.postMessage({ jobId: m.jobId, ok: true, result });
  } catch (err) {
    if (!(err instanceof Error && 'status' in err)) log({ level: 'error', action: 'job', task: m.task, error: err instanceof Error ? err.stack?.slice(0, 500) : String(err) });
    parentPort!.postMessage({ jobId: m.jobId, ok: false, problem: toStoredProblem(err) });
  }
});
parentPort!.postMessage({ ready: true });
