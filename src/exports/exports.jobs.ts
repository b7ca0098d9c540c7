// An export as a job (issue 9 B2). With a thread pool (Node), the rows are read, turned into cells
// and encoded (CSV or xlsx) in a worker thread; the bytes come back over a MessagePort one chunk per
// pull, so a slow client still holds back the reads and a cancelled download stops them. Without a
// pool (Workers), the export streams inline as before, yielding between batches.
// Types only: MessageChannel is a global on Node, so nothing Node-only is bundled for Workers.
import type { MessagePort } from 'node:worker_threads';
import type { AppDeps, SessionUser } from '../lib/context';
import { requireRole } from '../lib/guards';
import { registerTask, startJob } from '../jobs';
import type { Dataset } from './exports.labels';
import type { ExportParams } from './exports.schemas';
import { exportResponse } from './exports.http';
import { prepareExport } from './exports.service';

type FromWorker = { headers: [string, string][] } | { chunk: Uint8Array } | { done: true };

function nextMessage<T>(port: MessagePort): Promise<T> {
  return new Promise((resolve) => port.once('message', resolve));
}

registerTask('exports.stream', async (deps, input: { me: SessionUser; dataset: Dataset; params: ExportParams; port: MessagePort }) => {
  const { port } = input;
  const response = exportResponse(deps, await prepareExport(deps, input.me, input.dataset, input.params));
  port.postMessage({ headers: [...response.headers] } satisfies FromWorker);
  const reader = response.body!.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const ask = await nextMessage<'pull' | 'cancel'>(port);
      if (ask === 'cancel') {
        await reader.cancel();
        break;
      }
      const next = await reader.read();
      if (next.done) {
        port.postMessage({ done: true } satisfies FromWorker);
        break;
      }
      bytes += next.value.byteLength;
      const copy = new Uint8Array(next.value); // its own buffer, so it can be moved
      port.postMessage({ chunk: copy } satisfies FromWorker, [copy.buffer]);
    }
  } finally {
    port.close();
  }
  return { bytes };
});

/** The export as a download; in a worker thread when there is a pool. */
export async function exportDownload(deps: AppDeps, user: SessionUser | null, dataset: Dataset, params: ExportParams): Promise<Response> {
  if (!deps.jobs || deps.jobs.id === 'inline') return exportResponse(deps, await prepareExport(deps, user, dataset, params));
  const me = requireRole(user, 'department', 'admin');
  const { port1, port2 } = new MessageChannel() as unknown as { port1: MessagePort; port2: MessagePort };
  const { done } = await startJob<{ bytes: number }>(deps, {
    kind: 'export',
    owner: me,
    subjectId: dataset,
    task: 'exports.stream',
    input: { me, dataset, params, port: port2 },
    summary: (r) => ({ dataset, bytes: r.bytes }),
  });
  // The headers arrive first; a refusal (403, 406, 422) ends the job before them.
  const first = await Promise.race([nextMessage<FromWorker>(port1), done.then(() => null)]);
  if (!first || !('headers' in first)) {
    port1.close();
    throw new Error('the export job ended without a response');
  }
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        port1.postMessage('pull');
        const m = await Promise.race([nextMessage<FromWorker>(port1), done.then(() => ({ done: true }) as const)]);
        if ('chunk' in m) controller.enqueue(m.chunk);
        else {
          controller.close();
          port1.close();
        }
      },
      cancel() {
        port1.postMessage('cancel');
        port1.close();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: first.headers });
}
