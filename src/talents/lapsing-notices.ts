// Registrations about to lapse (issue #11 §2): each talent whose social worker registration
// (登记有效期, talents.registration_valid_until) ends within 60 days hears it once per end date, in the
// message centre and, if they opt in, by mail. The server sweeps at start and every 6 hours
// (startLapsingSweep); a sweep writes nothing twice, so sweeps may overlap or repeat.
import { sql } from 'kysely';
import type { AppDeps } from '../lib/context';
import { addDays, chinaToday } from '../lib/dates';
import { writeUnit } from '../lib/write-unit';
import { notificationRowsFrom } from '../notifications';

export const LAPSING_NOTICE = { days: 60, everyMs: 6 * 60 * 60_000 } as const;

/** Writes the notices that are due; returns how many talents were told. */
export async function notifyLapsingRegistrations(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const today = chinaToday(now);
  const until = addDays(today, LAPSING_NOTICE.days);
  const due = sql`SELECT t.user_id AS user_id,
      json_object('until', t.registration_valid_until,
        'days', CAST(CAST(julianday(t.registration_valid_until) - julianday(${today}) AS INTEGER) AS TEXT)) AS params,
      '/me/profile' AS link
    FROM talents t
    WHERE t.registration_valid_until BETWEEN ${today} AND ${until} AND t.user_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = t.user_id AND n.kind = 'registration_lapsing'
        AND json_extract(n.params, '$.until') = t.registration_valid_until)`;
  const rows = await notificationRowsFrom(deps, 'registration_lapsing', due, now, sql<boolean>`1`);
  const { inserted } = await writeUnit(deps.database, now).add('inserted', rows[0]).addAll(rows.slice(1)).changes('notifications', 'mail_outbox').commit();
  return Number(inserted.numAffectedRows ?? 0);
}

/** Sweeps now and every 6 hours; a failed sweep is logged and tried again at the next. */
export function startLapsingSweep(deps: AppDeps): () => void {
  const sweep = () =>
    notifyLapsingRegistrations(deps).then(
      (n) => n > 0 && deps.log({ level: 'info', event: 'lapsing_notices', count: n }),
      (e: unknown) => deps.log({ level: 'error', event: 'lapsing_notices_failed', error: e instanceof Error ? e.message : String(e) }),
    );
  void sweep();
  const timer = setInterval(sweep, LAPSING_NOTICE.everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
