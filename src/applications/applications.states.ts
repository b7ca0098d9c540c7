// The application status flow (pure). The employer moves an application forward one step at a
// time — submitted → reviewing → interview → offer → hired — or rejects it from any state that is
// not final; the graduate may withdraw it until it is final. hired, rejected, withdrawn are final, and so is placed_elsewhere (the talent was placed at another
// employer: src/placements closes the talent's open applications in the placement's write).
import { APPLICATION_STATUSES } from '../lib/vocab';

export type ApplicationStatus = keyof typeof APPLICATION_STATUSES;
export const ALL_STATUSES = Object.keys(APPLICATION_STATUSES) as ApplicationStatus[];

const NEXT: Record<ApplicationStatus, ApplicationStatus | null> = {
  submitted: 'reviewing',
  reviewing: 'interview',
  interview: 'offer',
  offer: 'hired',
  hired: null,
  rejected: null,
  withdrawn: null,
  placed_elsewhere: null,
};

export const FINAL_STATUSES: ApplicationStatus[] = ['hired', 'rejected', 'withdrawn', 'placed_elsewhere'];
/** Not final: what a placement elsewhere closes (src/placements, closeOtherApplicationsQueries). */
export const OPEN_STATUSES: ApplicationStatus[] = ['submitted', 'reviewing', 'interview', 'offer'];
/** The stages from which the employer sees a consenting talent's phone and email. */
export const CONTACT_STAGES: ApplicationStatus[] = ['interview', 'offer', 'hired'];

/** Availability of a talent an employer may invite (they are looking for a post). */
export const SEEKING: readonly string[] = ['available', 'later'];

export const isFinal = (s: ApplicationStatus) => FINAL_STATUSES.includes(s);

/** The statuses an employer may set: not `submitted` (the start) and not `withdrawn` (the graduate's). */
export const EMPLOYER_TARGETS = ['reviewing', 'interview', 'offer', 'hired', 'rejected'] as const;
export type EmployerTarget = (typeof EMPLOYER_TARGETS)[number];

export function employerMayMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  if (isFinal(from)) return false;
  return to === 'rejected' || NEXT[from] === to;
}

export function graduateMayWithdraw(from: ApplicationStatus): boolean {
  return !isFinal(from);
}

/** The moves an employer may make from a status (for buttons on the web page). */
export function employerMovesFrom(from: ApplicationStatus): EmployerTarget[] {
  return EMPLOYER_TARGETS.filter((to) => employerMayMove(from, to));
}
