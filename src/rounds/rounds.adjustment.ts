// 服从调剂 (issue #13 item 5): a talent of a round may be willing to be placed in any eligible post
// within one region once their own list (submitted or derived) is used up. They choose the region
// from a list — the round's region and each region inside it holding a post of the round — while
// the round collects choices; from the run on it is frozen with the choices. The run extends their
// list with the eligible posts inside the region by score (src/matching/extensions.ts).
import type { AppDeps, SessionUser } from '../lib/context';
import { fieldError } from '../lib/errors';
import { isInSubtree } from '../lib/regions-range';
import { chinaToday } from '../lib/dates';
import { requireRole } from '../lib/guards';
import { writeUnit } from '../lib/write-unit';
import { assertRegionExists } from '../regions';
import { assertApplied, talentRound } from './rounds.access';
import { assertChoicesOpen, choicesOpen } from './rounds.service';
import * as repo from './rounds.extensions.repository';
import { bumpRevisionIf } from './rounds.repository';
import type { AdjustmentDto } from './rounds.extensions.schemas';

/** The signed-in graduate's 服从调剂 in a round they are in, with the regions they may choose. */
export async function getMyAdjustment(deps: AppDeps, user: SessionUser | null, roundId: string): Promise<AdjustmentDto> {
  const me = requireRole(user, 'graduate');
  const { round, talentId } = await talentRound(deps, me, roundId);
  const [mine, regions] = await Promise.all([repo.adjustmentOf(deps.database, roundId, talentId), repo.adjustmentRegions(deps.database, roundId, round.region_code)]);
  return {
    roundId,
    regionCode: mine?.region_code ?? null,
    regionName: mine?.region_name ?? null,
    regions,
    editable: choicesOpen(round, chinaToday(deps.now())),
  };
}

/** Sets (a region inside the round's) or withdraws (null) the graduate's 服从调剂 while collecting. */
export async function setMyAdjustment(deps: AppDeps, user: SessionUser | null, roundId: string, regionCode: string | null): Promise<AdjustmentDto> {
  const me = requireRole(user, 'graduate');
  const { round, talentId } = await talentRound(deps, me, roundId);
  if (regionCode !== null) {
    await assertRegionExists(deps.database, regionCode, 'regionCode');
    if (!isInSubtree(regionCode, round.region_code)) throw fieldError('regionCode', 'within_round_region', { code: round.region_code });
  }
  assertChoicesOpen(round, chinaToday(deps.now()));
  const now = deps.now();
  const { revision } = await writeUnit(deps.database, now)
    .addAll(repo.setAdjustmentQueries(deps.database, roundId, talentId, regionCode))
    .add('revision', bumpRevisionIf(deps.database, roundId, ['collecting'], now))
    .commit();
  assertApplied(revision);
  return getMyAdjustment(deps, me, roundId);
}
