// Mail (ARCHITECTURE.md, "Mail"): a message joins the write unit of the event that causes it as a
// mail_outbox row (its body sealed with the data key), so no message is lost and none is sent for a
// write that did not commit. The drain sends due rows through deps.mail with retries; without a
// transport they wait, and outside production the development mailbox page shows them.
import type { CompiledQuery, RawBuilder } from 'kysely';
import type { AppDeps } from '../lib/context';
import { newId } from '../lib/ids';
import { notFound } from '../lib/errors';
import { onCommit } from '../lib/write-unit';
import * as repo from './mail.repository';

export const MAIL_LIMITS = { perDrain: 50, maxAttempts: 8, firstRetryMs: 30_000, maxRetryMs: 3_600_000, mailboxShown: 100 } as const;

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** What caused it (password_reset, …), for the operator. */
  kind: string;
}

/** The outbox row of one message, to add to the write unit of its cause. */
export async function mailRow(deps: AppDeps, mail: Mail, now: number): Promise<CompiledQuery> {
  const bodySealed = await deps.fieldCrypto.encrypt(mail.text);
  return repo.insertMail(deps.database, { id: newId(), to: mail.to, subject: mail.subject, bodySealed, kind: mail.kind, now });
}

/** Like mailRow, but written only when `condition` holds when the unit runs (it states its table
 * with `unit.changes('mail_outbox')` so the drain wakes). */
export async function mailRowIf(deps: AppDeps, mail: Mail, now: number, condition: RawBuilder<boolean>): Promise<CompiledQuery> {
  const bodySealed = await deps.fieldCrypto.encrypt(mail.text);
  return repo.insertMailIf(deps.database, { id: newId(), to: mail.to, subject: mail.subject, bodySealed, kind: mail.kind, now }, condition);
}

/** Can mail reach people? A transport, or (outside production) the development mailbox. */
export function mailAvailable(deps: AppDeps): boolean {
  return deps.mail !== undefined || devMailboxOpen(deps);
}

export function devMailboxOpen(deps: AppDeps): boolean {
  return deps.config.mode !== 'production' && deps.mail === undefined;
}

const draining = new WeakMap<AppDeps, Promise<{ sent: number; failed: number }>>();

/** Sends the due messages once (one drain at a time per app). A failed attempt is retried with a
 * growing delay (30 s, 1 min, … at most 1 h); after 8 attempts the message is marked failed. */
export function drainMail(deps: AppDeps): Promise<{ sent: number; failed: number }> {
  let running = draining.get(deps);
  if (!running) {
    running = drainOnce(deps).finally(() => draining.delete(deps));
    draining.set(deps, running);
  }
  return running;
}

// A write unit that adds mail wakes its server's drain (one hook for every app in the process).
const wakers = new WeakMap<object, () => void>();
onCommit('mail_outbox', (database) => wakers.get(database)?.());

async function drainOnce(deps: AppDeps): Promise<{ sent: number; failed: number }> {
  const transport = deps.mail;
  if (!transport) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (const row of await repo.dueMail(deps.database, deps.now(), MAIL_LIMITS.perDrain)) {
    try {
      const text = row.body_sealed === null ? '' : await deps.fieldCrypto.decrypt(row.body_sealed);
      await transport.send({ from: deps.config.mail.from, to: row.to_address, subject: row.subject, text });
      await repo.markSent(deps.database, row.id, deps.now());
      sent++;
    } catch (e) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAIL_LIMITS.maxAttempts;
      const delay = Math.min(MAIL_LIMITS.firstRetryMs * 2 ** (attempts - 1), MAIL_LIMITS.maxRetryMs);
      const error = e instanceof Error ? e.message : String(e);
      await repo.markAttemptFailed(deps.database, row.id, attempts, gaveUp ? 'failed' : 'waiting', deps.now() + delay, error);
      // The address is personal data: the log names the message, not its recipient.
      deps.log({ level: gaveUp ? 'error' : 'warn', msg: gaveUp ? 'mail failed for good' : 'mail attempt failed', mailId: row.id, attempts, error: error.slice(0, 300) });
      failed++;
    }
  }
  return { sent, failed };
}

/** Starts the drain on a server: every few seconds, and soon after a write adds mail. */
export function startMailDrain(deps: AppDeps, everyMs = 5_000): () => Promise<void> {
  if (!deps.mail) {
    if (deps.config.mode === 'production') deps.log({ level: 'warn', msg: 'SMTP_URL is not set: mail waits in the outbox and password reset is off' });
    return async () => {};
  }
  const run = () => void drainMail(deps).catch((e) => deps.log({ level: 'error', msg: 'mail drain failed', error: e instanceof Error ? e.message.slice(0, 300) : String(e) }));
  const timer = setInterval(run, everyMs);
  timer.unref();
  wakers.set(deps.database, () => setTimeout(run, 0).unref());
  run();
  return async () => {
    clearInterval(timer);
    wakers.delete(deps.database);
    await draining.get(deps);
    deps.mail?.close();
  };
}

export interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
  createdAt: number;
}

/** The development mailbox: the latest messages, readable, only outside production without SMTP. */
export async function devMailbox(deps: AppDeps): Promise<MailboxMessage[]> {
  if (!devMailboxOpen(deps)) throw notFound('Page');
  const rows = await repo.recentMail(deps.database, MAIL_LIMITS.mailboxShown);
  return Promise.all(
    rows.map(async (r) => ({ to: r.to_address, subject: r.subject, text: r.body_sealed === null ? '' : await deps.fieldCrypto.decrypt(r.body_sealed), createdAt: r.created_at })),
  );
}

export const waitingMail = (deps: AppDeps) => repo.countWaiting(deps.database);
