// Verification, enforced in one place. Only a verified employer's posts are public, searchable and
// open to applications: an employer that leaves verified has its open posts held (closed, held = 1)
// in the same atomic write as its status, and verifying it again reopens them
// (employers.repository.ts, migration 0015), so whatever reads open posts follows with no check of
// its own. And only a verified employer acts: it changes its posts (drafts it has never published
// aside), moves applications, responds to round proposals and records placements. Those services
// call the checks below; the writes that reach people (application moves, placements) also carry
// `employerIsVerified` in their conditions, so a review that lands between the check and the write
// leaves the write undone.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Employer } from '../../db/schema';
import { forbidden } from '../lib/errors';

export type EmployerStatus = Employer['status'];

/** Refuses (403) an employer that is not verified; `what` completes "…before it can". */
export function assertVerified(status: EmployerStatus | null | undefined, what: string): void {
  if (status !== 'verified') {
    throw forbidden(`Your organisation must be verified by a department before it can ${what}${status ? ` (it is ${status})` : ''}`);
  }
}

export const isVerified = (status: EmployerStatus | null | undefined): boolean => status === 'verified';

/** SQL: the employer with this id (a column reference or a value) is verified at write time. */
export function employerIsVerified(employerId: RawBuilder<unknown> | string): RawBuilder<SqlBool> {
  const id = typeof employerId === 'string' ? sql`${employerId}` : employerId;
  return sql<SqlBool>`exists (select 1 from employers v where v.id = ${id} and v.status = 'verified')`;
}
