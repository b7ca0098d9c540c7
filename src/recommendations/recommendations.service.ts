// Recommendations (issue #4 item 4), on the pure matching core. Shared by the JSON API and pages.
//
// For a talent: every open post (status open, closes_on ≥ today in China) is loaded in one query,
// bucketed by a PositionIndex (region × service area, with score bounds), and only the buckets
// that can still beat the k-th best are scored. Free seats = seats − active employment placements.
// The loaded, indexed posts are kept between calls while nothing they depend on changed
// (open-positions-cache.ts: day, position writes, active employment, at most 5 s). Posts of the
// employer the talent works at now (active employment) are left out.
//
// For a position: talents are pre-selected in SQL (living in the post's province — its city first —
// preferring a region on its path or in its province, or sharing a service area; at most
// CANDIDATE_CAP rows), then each is scored (scorePair's arithmetic, one shared MatchContext) and
// the best eligible k kept. Only the columns scoring reads are read for all of them, histories only
// for those within reach of the best k, the display columns for the k shown. The post is scored as
// open with at least one seat, so an employer can preview candidates for a draft or a filled post;
// hard constraints of the talent (directed target, minimums, languages) still apply.
import type { AppDeps, SessionUser } from '../lib/context';
import { forbidden, notFound } from '../lib/errors';
import { canAdminister, adminScope } from '../lib/scope';
import { chinaToday } from '../lib/dates';
import { signedIn, requireRole } from '../lib/guards';
import { findTalentByUserId } from '../talents';
import { toEmployerDto, toFullDto, type TalentRecord } from '../talents';
import { findPositionById } from '../positions';
import { parseList } from '../positions';
import { MatchContext, explainPair, quickScore, type PairScore, type PreparedTalent } from '../matching';
import { toMatchPosition, toMatchTalent } from './match-input';
import * as repo from './recommendations.repository';
import { openPositions } from './open-positions-cache';
import type { CandidateDto, RecommendedPositionDto } from './recommendations.schemas';

const matchOf = (s: PairScore) => ({ score: s.score, eligible: s.eligible, reasons: [...s.reasons], breakdown: s.breakdown.map((b) => ({ ...b })) });

export async function recommendPositions(
  deps: AppDeps,
  user: SessionUser | null,
  limit: number,
): Promise<{ talentId: string; directed: boolean; items: RecommendedPositionDto[] }> {
  const me = requireRole(user, 'graduate');
  const talent = await findTalentByUserId(deps.database, me.id);
  if (!talent) throw notFound('Talent profile');
  const today = chinaToday(deps.now());
  const [directed, history, open, employers] = await Promise.all([
    repo.directedTargets(deps.database, [talent.id]),
    repo.histories(deps.database, [talent.id]),
    openPositions(deps.database, today),
    repo.currentEmployers(deps.database, talent.id, today),
  ]);
  const { rows, ctx, prepared, index } = open;
  const t = ctx.talent(toMatchTalent(talent, { directed: directed.get(talent.id), history: history.get(talent.id) }));
  // Ask for as many more as the current employers have open posts, then leave theirs out.
  const own = employers.size === 0 ? 0 : rows.filter((r) => employers.has(r.employer_id)).length;
  const ranked = index.top(t, limit + own);
  const keep = ranked.positions.flatMap((i, x) => (employers.has(rows[i].employer_id) ? [] : [x])).slice(0, limit);
  const top = { positions: keep.map((x) => ranked.positions[x]) };
  const cards = new Map(
    (
      await repo.positionCards(
        deps.database,
        top.positions.map((i) => rows[i].id),
      )
    ).map((c) => [c.id, c]),
  );
  const items = top.positions.flatMap((i) => {
    const c = cards.get(rows[i].id);
    if (!c) return [];
    return [
      {
        position: {
          id: c.id,
          title: c.title,
          kind: c.kind,
          regionCode: c.region_code,
          regionName: c.region_name,
          employerId: c.employer_id,
          employerName: c.employer_name,
          seats: c.seats,
          freeSeats: Math.max(0, c.free_seats),
          closesOn: c.closes_on,
        },
        match: matchOf(explainPair(ctx, t, prepared[i])),
      },
    ];
  });
  return { talentId: talent.id, directed: t.directed, items };
}

export async function recommendCandidates(
  deps: AppDeps,
  user: SessionUser | null,
  positionId: string,
  limit: number,
): Promise<{ positionId: string; considered: number; items: CandidateDto[] }> {
  const u = signedIn(user);
  const scope = adminScope(u);
  if (u.role !== 'employer' && scope === null) throw forbidden('Only employers and departments may see candidates');
  const p = await findPositionById(deps.database, positionId);
  if (u.role === 'employer') {
    // Another employer's open post is public, so refusing it leaks nothing; drafts stay hidden.
    if (!p || (p.employer_user_id !== u.id && p.status !== 'open')) throw notFound('Position');
    if (p.employer_user_id !== u.id) throw forbidden('Only the employer that posted this position may see its candidates');
    if (p.employer_status !== 'verified') throw forbidden('Only verified employers may see candidates');
  } else if (!p || !canAdminister(u, p.region_code)) {
    throw notFound('Position');
  }
  const employer = u.role === 'employer';

  // The columns scoring reads for every candidate; the display columns for the ones shown only.
  const talents = await repo.candidateRows(deps.database, {
    regionCode: p.region_code,
    serviceAreas: parseList(p.service_areas),
    onlyVisibleToEmployers: employer,
    scope: scope ?? '',
  });
  const ids = talents.map((r) => r.id);
  const [directed, free, staff] = await Promise.all([
    repo.directedTargets(deps.database, ids),
    repo.freeSeatsOf(deps.database, p.id),
    repo.currentStaff(deps.database, p.employer_id),
  ]);
  // One context for all pairs: the same arithmetic as scorePair, without rebuilding it per talent.
  const ctx = new MatchContext();
  const position = ctx.position(toMatchPosition(p, Math.max(1, free), true));
  // Scored first without history (eligibility does not depend on it, and it adds at most
  // `historyMax` points): a talent more than historyMax below the k-th best cannot reach the best
  // k, since k others already score at least that much. Histories are read for the rest only.
  const w = ctx.weights;
  const historyMax = w.pastEmployer + w.internship + w.pastKind;
  const base: { talent: (typeof talents)[number]; score: number }[] = [];
  for (const talent of talents) {
    if (staff.has(talent.id)) continue; // already working here
    const score = quickScore(ctx, ctx.talent(toMatchTalent(talent, { directed: directed.get(talent.id) })), position);
    if (score >= 0) base.push({ talent, score });
  }
  let kth = -Infinity;
  if (base.length > limit) kth = base.map((b) => b.score).sort((a, b) => b - a)[limit - 1];
  const contenders = base.filter((b) => b.score + historyMax >= kth);
  const history = await repo.histories(
    deps.database,
    contenders.map((c) => c.talent.id),
  );
  const scored: { id: string; prepared: PreparedTalent; score: number }[] = [];
  for (const { talent } of contenders) {
    const prepared = ctx.talent(toMatchTalent(talent, { directed: directed.get(talent.id), history: history.get(talent.id) }));
    scored.push({ id: talent.id, prepared, score: quickScore(ctx, prepared, position) });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const best = scored.slice(0, limit);
  const shown = new Map(
    (
      await repo.talentRows(
        deps.database,
        best.map((s) => s.id),
      )
    ).map((r) => [r.id, r as TalentRecord]),
  );
  const toDto = employer ? toEmployerDto : toFullDto;
  return {
    positionId: p.id,
    considered: talents.length,
    items: best.flatMap(({ id, prepared }) => {
      const talent = shown.get(id);
      return talent ? [{ talent: toDto(talent), match: matchOf(explainPair(ctx, prepared, position)) }] : [];
    }),
  };
}
