// Node only (never imported by the Worker): the transport of the Meilisearch client that searches
// (searches, and its health and stats reads), in place of the client's `fetch`. Undici's fetch costs
// about 1.8 ms of CPU per search request on this machine against 0.7 ms for node:http with a
// kept-alive socket, and that CPU is taken from the Meilisearch beside it: a search sent together
// with its facet-count request (search/meili.ts) answered 2.4 ms later than alone with fetch, 0.35 ms
// later with this (test/bench/SEARCH.md). The client that writes (documents, settings, tasks) keeps
// `fetch`.
//
// It keeps the client's contract for a custom `httpClient`: it resolves with the parsed JSON body,
// rejects with the client's own MeilisearchApiError for a non-2xx answer (the client wraps whatever is
// thrown here in a MeilisearchRequestError whose `cause` it is; search/index.ts looks there), and
// rejects with the signal's reason when the client's timeout aborts, so the client reports its
// timeout error as it does with fetch.
import { Agent, request, type IncomingMessage } from 'node:http';
import { MeilisearchApiError, type MeilisearchErrorResponse } from 'meilisearch';

/** An answer larger than this is refused (the largest search answer, 100 hits with highlights, is
 * well under 1 MB). */
export const MAX_SEARCH_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Meilisearch closes a connection idle for 5 s; a free socket is dropped after 4 s so that a request
 * never goes out on one the server is closing. */
const FREE_SOCKET_MS = 4_000;

export type SearchHttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

export function nodeSearchHttpClient(options: { maxResponseBytes?: number } = {}): SearchHttpClient {
  const agent = new Agent({ keepAlive: true, timeout: FREE_SOCKET_MS });
  const limit = options.maxResponseBytes ?? MAX_SEARCH_RESPONSE_BYTES;
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'http:') return fetchJson(url, init); // https (a hosted Meilisearch): the client's way
    try {
      return await send(agent, url, init, limit);
    } catch (e) {
      // A kept-alive socket the server closed just as the request went out: once more on a new one,
      // for reads only (a search, a multi-search, a GET), which change nothing when sent twice.
      const reused = (e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET';
      if (reused && isRead(url, init)) return send(agent, url, init, limit);
      throw e;
    }
  };
}

const isRead = (url: URL, init: RequestInit) => (init.method ?? 'GET') === 'GET' || (init.method === 'POST' && /\/(search|multi-search)$/.test(url.pathname));

function send(agent: Agent, url: URL, init: RequestInit, limit: number): Promise<unknown> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : undefined;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    // An IPv6 host comes bracketed in a URL ([::1]); node:http wants it bare.
    const req = request({ agent, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', headers });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    // The client's timeout (or the caller) aborted: answer with the signal's reason, as fetch does.
    const onAbort = () => {
      settle(() => reject(signal?.reason));
      req.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => settle(() => reject(Object.assign(e, { reusedSocket: req.reusedSocket }))));
    req.on('response', (res) => {
      readBody(res, limit).then(
        (text) =>
          settle(() => {
            try {
              const parsed = text === '' ? undefined : JSON.parse(text);
              const status = res.statusCode ?? 500;
              if (status >= 200 && status < 300) resolve(parsed);
              else reject(new MeilisearchApiError(new Response(null, { status, statusText: res.statusMessage }), parsed as MeilisearchErrorResponse | undefined));
            } catch (e) {
              reject(e); // not JSON: an error like any broken answer
            }
          }),
        (e) => settle(() => reject(e)),
      );
    });
    req.end(body);
  });
}

function readBody(res: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooBig = () => {
      reject(new Error(`search: Meilisearch answered more than ${limit} bytes`));
      res.destroy();
    };
    const cutShort = (cause?: unknown) => new Error('search: Meilisearch closed the connection before the answer was complete', { cause });
    if (Number(res.headers['content-length']) > limit) return tooBig(); // said before it is read
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else tooBig();
    });
    res.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    res.on('error', (e) => reject(cutShort(e)));
    res.on('close', () => {
      if (!res.complete) reject(cutShort());
    });
  });
}

/** The client's own way, for https. */
async function fetchJson(url: URL, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const text = await res.text();
  const parsed = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) throw new MeilisearchApiError(res, parsed as MeilisearchErrorResponse | undefined);
  return parsed;
}
