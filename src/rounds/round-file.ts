// The anonymised round file a department exports (format: docs/round-file.md): the frozen inputs
// exactly as the matching core was given them, with talents under pseudonyms that keep their order
// (the tie-break compares talent ids), the ranked lists, and the outcome.
import type { Database } from '../lib/database';
import { AppError } from '../lib/errors';
import { MAX_LIST_LENGTH } from '../matching';
import type * as repo from './rounds.repository';
import * as auditRepo from './rounds.audit.repository';
import * as runRepo from './rounds.run.repository';
import * as extRepo from './rounds.extensions.repository';
import { loadSnapshot } from './rounds.snapshot';
import { ROUND_FILE_FORMAT, ROUND_FILE_VERSION, type RoundFileData } from './round-file.verify';

export type RoundFile = RoundFileData;

export async function buildRoundFile(database: Database, round: repo.RoundRow): Promise<RoundFile> {
  const [snapshot, lists, proposals, adjustments, pins] = await Promise.all([
    loadSnapshot(database, round.id),
    runRepo.loadRunLists(database, round.id),
    auditRepo.proposalRows(database, round.id),
    extRepo.loadAdjustments(database, round.id),
    extRepo.loadPins(database, round.id),
  ]);
  if (!snapshot) throw new AppError('invalid_state', 'This round was run before inputs were frozen; its inputs cannot be exported');
  const ids = snapshot.talents.map((t) => t.id).sort();
  const width = Math.max(6, String(ids.length).length);
  const alias = new Map(ids.map((id, i) => [id, `T${String(i + 1).padStart(width, '0')}`]));
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: ROUND_FILE_FORMAT,
    version: ROUND_FILE_VERSION,
    round: {
      id: round.id,
      name: round.name,
      regionCode: round.region_code,
      status: round.status,
      inputsVersion: round.inputs_version,
      inputsAt: round.inputs_at === null ? null : new Date(round.inputs_at).toISOString(),
      runAt: round.run_at === null ? null : new Date(round.run_at).toISOString(),
      resultCurrent: round.run_inputs_version === round.inputs_version,
      resultDigest: round.result_digest,
      followsRoundId: round.follows_round_id,
    },
    settings: { weights: { ...snapshot.settings.weights }, reservePolicy: snapshot.settings.reservePolicy, derivedListLength: MAX_LIST_LENGTH },
    positions: snapshot.positions
      .map((p) => ({
        id: p.id,
        employerId: p.employerId,
        kind: p.kind,
        regionCode: p.regionCode,
        seats: p.seats,
        reservedSeats: p.reservedSeats,
        minEducation: p.minEducation,
        minQualification: p.minQualification,
        serviceAreas: [...p.serviceAreas],
        languages: [...p.languages],
        open: p.open,
      }))
      .sort(byId),
    talents: snapshot.talents
      .map((t) => ({
        id: alias.get(t.id)!,
        educationLevel: t.educationLevel,
        qualificationLevel: t.qualificationLevel,
        serviceAreas: [...t.serviceAreas],
        languages: [...t.languages],
        regionCode: t.regionCode,
        preferredRegions: [...t.preferredRegions],
        directed: t.directed ? { targetRegionCode: t.directed.targetRegionCode, targetEmployerId: t.directed.targetEmployerId ?? null } : null,
        history: { employerIds: [...t.history.employerIds], positionKinds: [...t.history.positionKinds], internshipEmployerIds: [...t.history.internshipEmployerIds] },
        list: lists.get(t.id) ?? null,
        adjustRegionCode: adjustments.get(t.id) ?? null,
      }))
      .sort(byId),
    // The pins' reasons stay out: they are the department's words and may name people.
    pins: [...pins]
      .filter(([talentId]) => alias.has(talentId))
      .map(([talentId, p]) => ({ talent: alias.get(talentId)!, position: p.positionId }))
      .sort((a, b) => (a.talent < b.talent ? -1 : 1)),
    outcome: {
      proposals: proposals
        .filter((p) => alias.has(p.talent_id))
        .map((p) => ({ talent: alias.get(p.talent_id)!, position: p.position_id, seat: p.reserved ? ('reserved' as const) : ('general' as const), score: p.score }))
        .sort((a, b) => (a.talent < b.talent ? -1 : 1)),
    },
  };
}
