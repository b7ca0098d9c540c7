// Recommendations (issue #4): a graduate's best open posts and an employer's best candidates for a
// position, each with the score and its per-factor reasons. The explanation pieces (Breakdown,
// IneligibleReasons) are shared with the rounds pages.
import { Hono } from 'hono';
import type { AppEnv } from '../../src/lib/context';
import type { AppDeps } from '../../src/lib/context';
import { AppError } from '../../src/lib/errors';
import { EDUCATION_LEVELS, LANGUAGES, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../src/lib/vocab';
import { recommendCandidates, recommendPositions } from '../../src/recommendations/recommendations.service';
import type { CandidateDto, RecommendedPositionDto } from '../../src/recommendations/recommendations.schemas';
import { getPositionForViewer } from '../../src/positions/positions.service';
import { Badge, Fact, Tags } from '../components';
import { fmt, type Lang, type Messages } from '../i18n';
import { recommendationsText, type RecommendationsText } from '../i18n/recommendations';
import { page, render, requireRole } from '../page';
import { regionFullNames } from '../regions';

export const recommendationsPages = new Hono<AppEnv>();
recommendationsPages.use('/me/recommendations', requireRole('graduate'));
recommendationsPages.use('/employer/positions/:id/candidates', requireRole('employer'));

export const recommendationsTextOf = (lang: Lang): RecommendationsText => recommendationsText[lang];

export interface Factor {
  factor: string;
  points: number;
  detail: string;
}

/** The `key=value;…` detail of a factor as a map (a bare word maps to ''). */
function detailParts(detail: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of detail.split(';')) {
    if (!part) continue;
    const i = part.indexOf('=');
    if (i < 0) out.set(part, '');
    else out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

/** Region codes named in a breakdown (preferred regions), so the page can show their names. */
export function regionCodesOf(breakdowns: (readonly Factor[] | null | undefined)[]): string[] {
  const codes = new Set<string>();
  for (const b of breakdowns) {
    for (const f of b ?? []) {
      if (f.factor !== 'preferredRegion') continue;
      const parts = detailParts(f.detail);
      const code = parts.get('exact') ?? parts.get('within');
      if (code) codes.add(code);
    }
  }
  return [...codes];
}

export async function regionNamesOf(deps: AppDeps, breakdowns: (readonly Factor[] | null | undefined)[]): Promise<Map<string, string>> {
  return regionFullNames(deps.database, regionCodesOf(breakdowns));
}

/** One factor's detail in words. */
export function factorText(f: Factor, r: RecommendationsText, m: Messages, lang: Lang, regionNames: Map<string, string>): string {
  const parts = detailParts(f.detail);
  const list = (codes: string | undefined, vocab: Parameters<typeof label>[0]) =>
    (codes ?? '')
      .split(',')
      .filter(Boolean)
      .map((c) => label(vocab, c, lang))
      .join(m.common.listSep);
  switch (f.factor) {
    case 'serviceArea': {
      const n = Number(parts.get('listed') ?? 0);
      if (!n) return r.detail.noListedAreas;
      const areas = list(parts.get('shared'), SERVICE_AREAS);
      return areas ? fmt(r.detail.sharedAreas, { areas, n }) : fmt(r.detail.noSharedAreas, { n });
    }
    case 'preferredRegion': {
      const exact = parts.get('exact');
      const within = parts.get('within');
      if (exact) return fmt(r.detail.preferredExact, { region: regionNames.get(exact) ?? exact });
      if (within) return fmt(r.detail.preferredWithin, { region: regionNames.get(within) ?? within });
      return r.detail.preferredNone;
    }
    case 'qualification': {
      const n = Number(parts.get('levels') ?? 0);
      return n > 0 ? r.detail.qualificationLevels(Number(n)) : r.detail.qualificationEqual;
    }
    case 'history': {
      const out: string[] = [];
      if (parts.has('employer')) out.push(r.detail.pastEmployer);
      if (parts.has('internship')) out.push(r.detail.pastInternship);
      const kind = parts.get('kind');
      if (kind) out.push(fmt(r.detail.pastKind, { kind: label(POSITION_KINDS, kind, lang) }));
      return out.length ? out.join(m.common.listSep) : r.detail.noHistory;
    }
    case 'language': {
      const languages = list(parts.get('extra'), LANGUAGES);
      return languages ? fmt(r.detail.extraLanguages, { languages, n: parts.get('counted') ?? '0' }) : r.detail.noExtraLanguages;
    }
    case 'distance':
      return r.detail.distance[f.detail] ?? f.detail;
    default:
      return f.detail;
  }
}

/** Points per factor, each with its reason in words; the points add up to the score. */
export function Breakdown({ factors, r, m, lang, regionNames }: { factors: readonly Factor[]; r: RecommendationsText; m: Messages; lang: Lang; regionNames: Map<string, string> }) {
  return (
    <ul class="breakdown" aria-label={r.breakdownLabel}>
      {factors.map((f) => (
        <li>
          <span class={f.points > 0 ? 'pts' : 'pts zero'}>{`+${f.points}`}</span>
          <span>
            <strong>{(r.factors as Record<string, string>)[f.factor] ?? f.factor}</strong>
            {lang === 'zh' ? '：' : ': '}
            {factorText(f, r, m, lang, regionNames)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Hard constraints a pair fails, in words. */
export function IneligibleReasons({ reasons, r }: { reasons: readonly string[]; r: RecommendationsText }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {reasons.map((x) => (
        <li>{r.reasons[x] ?? x}</li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------- the graduate's recommended posts

function RecommendedPost({ item, r, m, lang, regionNames }: { item: RecommendedPositionDto; r: RecommendationsText; m: Messages; lang: Lang; regionNames: Map<string, string> }) {
  const p = item.position;
  return (
    <li class="record" id={`rec-${p.id}`}>
      <div class="spread">
        <h3>
          <a href={`/positions/${p.id}`}>{p.title}</a>
        </h3>
        <span class="score" title={r.score}>{fmt(r.scoreValue, { n: item.match.score })}</span>
      </div>
      <p class="muted small">
        {p.employerName} · {label(POSITION_KINDS, p.kind, lang)} · {p.regionName} · {r.me.freeSeats(p.freeSeats)} · {fmt(r.me.closesOn, { date: p.closesOn })}
      </p>
      <details open>
        <summary>{r.why}</summary>
        <Breakdown factors={item.match.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
      </details>
      <div class="actions">
        <a class="btn small" href={`/positions/${p.id}#apply-title`}>{r.me.apply}</a>
      </div>
    </li>
  );
}

recommendationsPages.get('/me/recommendations', async (c) => {
  const { m, lang, deps, user } = page(c);
  const r = recommendationsTextOf(lang);
  let result: Awaited<ReturnType<typeof recommendPositions>> | null = null;
  try {
    result = await recommendPositions(deps, user, 20);
  } catch (err) {
    // No profile yet: say what to do instead of a 404 page.
    if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
  }
  const regionNames = result ? await regionNamesOf(deps, result.items.map((i) => i.match.breakdown)) : new Map<string, string>();
  return render(
    c,
    r.me.title,
    <>
      <div class="page-head">
        <h1>{r.me.title}</h1>
        <p>{r.me.lead}</p>
      </div>
      {!result ? (
        <div class="notice info">
          <p>{r.me.noProfile}</p>
          <p><a class="btn" href="/me/profile">{r.me.fillProfile}</a></p>
        </div>
      ) : (
        <>
          {result.directed && <div class="notice info"><p>{r.me.directed}</p></div>}
          {result.items.length === 0 ? (
            <div class="card empty">{r.me.empty}</div>
          ) : (
            <ol class="records">
              {result.items.map((item) => (
                <RecommendedPost item={item} r={r} m={m} lang={lang} regionNames={regionNames} />
              ))}
            </ol>
          )}
        </>
      )}
    </>,
  );
});

// ---------------------------------------------------------------- an employer's candidates

function Candidate({ item, r, m, lang, regionNames, homeNames }: { item: CandidateDto; r: RecommendationsText; m: Messages; lang: Lang; regionNames: Map<string, string>; homeNames: Map<string, string> }) {
  const x = item.talent;
  return (
    <li class="record" id={`candidate-${x.id}`}>
      <div class="spread">
        <h3>{x.name}</h3>
        <span class="score" title={r.score}>{fmt(r.scoreValue, { n: item.match.score })}</span>
      </div>
      <dl class="facts mt-8">
        <Fact term={r.candidates.region} wide>{(x.regionCode && homeNames.get(x.regionCode)) ?? x.regionCode ?? m.common.notSet}</Fact>
        <Fact term={r.candidates.education}>
          {x.education ? [label(EDUCATION_LEVELS, x.education.level, lang), x.education.school].filter(Boolean).join(' · ') : m.common.notSet}
        </Fact>
        <Fact term={r.candidates.qualification}>{label(QUALIFICATION_LEVELS, x.qualification.level, lang)}</Fact>
        <Fact term={r.candidates.phone}>{x.phone ?? m.common.notSet}</Fact>
        <Fact term={m.profile.serviceAreas} wide>
          {x.serviceAreas.length ? <Tags codes={x.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}
        </Fact>
      </dl>
      <details>
        <summary>{r.why}</summary>
        <Breakdown factors={item.match.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
      </details>
    </li>
  );
}

recommendationsPages.get('/employer/positions/:id/candidates', async (c) => {
  const { m, lang, deps, user } = page(c);
  const r = recommendationsTextOf(lang);
  const id = c.req.param('id');
  const result = await recommendCandidates(deps, user, id, 20);
  const { position } = await getPositionForViewer(deps, user, id);
  const [regionNames, homeNames] = await Promise.all([
    regionNamesOf(deps, result.items.map((i) => i.match.breakdown)),
    regionFullNames(deps.database, result.items.map((i) => i.talent.regionCode ?? '')),
  ]);
  const title = fmt(r.candidates.title, { position: position.title });
  return render(
    c,
    title,
    <>
      <nav class="breadcrumbs row">
        <a href="/employer/placements">{r.candidates.back}</a>
        <a href="/employer/positions">{r.candidates.backPositions}</a>
      </nav>
      <div class="page-head">
        <h1>{title}</h1>
        <p class="row">
          <Badge>{label(POSITION_KINDS, position.kind, lang)}</Badge>
          <span>{position.regionName}</span>
        </p>
        <p>{r.candidates.lead}</p>
      </div>
      <p class="muted">{fmt(r.candidates.considered, { n: result.considered, k: result.items.length })}</p>
      {result.items.length === 0 ? (
        <div class="card empty">{r.candidates.empty}</div>
      ) : (
        <ol class="records">
          {result.items.map((item) => (
            <Candidate item={item} r={r} m={m} lang={lang} regionNames={regionNames} homeNames={homeNames} />
          ))}
        </ol>
      )}
    </>,
  );
});
