// The agreement status flow (pure):
//   in_training → awaiting_placement → serving → fulfilled (when the owed time is served)
//   in_training | awaiting_placement | serving → breached (department, with a note)
//   any non-final status → waived (department, with a note)
// fulfilled, breached and waived are final. awaiting_placement → serving normally happens when a
// placement serving the agreement is recorded (application hired, direct placement, round).
import type { AgreementStatus } from '../../db/schema';

export type { AgreementStatus };
export const AGREEMENT_STATUSES = ['in_training', 'awaiting_placement', 'serving', 'fulfilled', 'breached', 'waived'] as const;
export const INITIAL_STATUSES = ['in_training', 'awaiting_placement'] as const;
export const FINAL_STATUSES: AgreementStatus[] = ['fulfilled', 'breached', 'waived'];
export const NOTE_REQUIRED: AgreementStatus[] = ['breached', 'waived'];

const LEGAL: Record<AgreementStatus, AgreementStatus[]> = {
  in_training: ['awaiting_placement', 'breached', 'waived'],
  awaiting_placement: ['serving', 'breached', 'waived'],
  serving: ['fulfilled', 'breached', 'waived'],
  fulfilled: [],
  breached: [],
  waived: [],
};

export function mayMove(from: AgreementStatus, to: AgreementStatus): boolean {
  return LEGAL[from].includes(to);
}

export function movesFrom(from: AgreementStatus): AgreementStatus[] {
  return [...LEGAL[from]];
}
