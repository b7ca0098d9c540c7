// Admission control for writes on Node (issue 9 B3): reads stay fast while many clients write.
// better-sqlite3 runs every statement on the event loop, so fifty writes in flight at once take
// turns with every read. The gate lets at most `concurrent` writes (any method but GET, HEAD and
// OPTIONS) run at a time and parks the rest, in arrival order, before their body is read; parked
// writes cost no CPU, so reads pass between them. A queue that is full, or a wait that is too
// long, answers 503 `storage_busy` with Retry-After rather than letting the backlog grow without
// bound. A write that hands its work to a worker thread and only waits gives up its turn
// (`leaveWriteTurn`, called through deps.yieldWriteTurn by src/jobs). Node only: Workers don't
// need it, each isolate serves its own requests.
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, problemResponse } from './errors';

export const WRITE_GATE_CONCURRENT = 4;
export const WRITE_GATE_QUEUE = 1_000;
export const WRITE_GATE_MAX_WAIT_MS = 10_000;

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export interface WriteGateOptions {
  concurrent?: number;
  queue?: number;
  maxWaitMs?: number;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const turns = new AsyncLocalStorage<{ leave: () => void }>();

/** The current write gives up its turn (idempotent; a no-op outside a gated write). */
export function leaveWriteTurn(): void {
  turns.getStore()?.leave();
}

function busy(reason: string): Response {
  return problemResponse(new AppError('storage_busy', reason, undefined, { 'retry-after': '1' }));
}

export function withWriteGate<F extends Fetch>(fetch: F, options: WriteGateOptions = {}): F {
  const concurrent = options.concurrent ?? WRITE_GATE_CONCURRENT;
  const queueLimit = options.queue ?? WRITE_GATE_QUEUE;
  const maxWaitMs = options.maxWaitMs ?? WRITE_GATE_MAX_WAIT_MS;
  let running = 0;
  const waiting: Array<{ admit: () => void; timer: ReturnType<typeof setTimeout> }> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    } else {
      running--;
    }
  };

  /** Resolves true when admitted (the slot is then the caller's), false when the wait ran out. */
  const admit = (): Promise<boolean> | boolean => {
    if (running < concurrent) {
      running++;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const entry = {
        admit: () => resolve(true),
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          resolve(false);
        }, maxWaitMs),
      };
      waiting.push(entry);
    });
  };

  const gated = async (request: Request, ...rest: never[]): Promise<Response> => {
    if (READS.has(request.method)) return fetch(request, ...rest);
    if (running >= concurrent && waiting.length >= queueLimit) {
      return busy(`More than ${queueLimit} writes are waiting; try again shortly`);
    }
    if (!(await admit())) return busy(`A write waited more than ${maxWaitMs / 1000} s for its turn; try again shortly`);
    let held = true;
    const leave = () => {
      if (held) {
        held = false;
        release();
      }
    };
    try {
      return await turns.run({ leave }, () => fetch(request, ...rest));
    } finally {
      leave();
    }
  };
  return gated as unknown as F;
}
