// A graduate's recommended open posts (issue #4), each with its score and the reasons per factor.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AppError } from '../../../src/lib/errors';
import { POSITION_KINDS, label } from '../../../src/lib/vocab';
import { recommendPositions } from '../../../src/recommendations';
import type { RecommendedPositionDto } from '../../../src/recommendations';
import { regionFullNames } from '../../../src/regions';
import { Breakdown, regionCodesOf } from '../../components/score-breakdown';
import { messages, fmt, type Lang, type Messages } from '../../i18n';
import type { RecommendationsText } from '../../i18n/recommendations';
import { page, render, requireRole } from '../../page';

export const recommendationsTalentPages = new Hono<AppEnv>();
recommendationsTalentPages.use('/me/recommendations', requireRole('graduate'));

function RecommendedPost({ item, r, m, lang, regionNames }: { item: RecommendedPositionDto; r: RecommendationsText; m: Messages; lang: Lang; regionNames: Map<string, string> }) {
  const p = item.position;
  return (
    <li class="record" id={`rec-${p.id}`}>
      <div class="spread">
        <h3>
          <a href={`/positions/${p.id}`}>{p.title}</a>
        </h3>
        <span class="score" title={r.score}>
          {fmt(r.scoreValue, { n: item.match.score })}
        </span>
      </div>
      <p class="muted small">
        {p.employerName} · {label(POSITION_KINDS, p.kind, lang)} · {p.regionName} · {r.me.freeSeats(p.freeSeats)} · {fmt(r.me.closesOn, { date: p.closesOn })}
      </p>
      <details>
        <summary>{r.why}</summary>
        <Breakdown factors={item.match.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
      </details>
      <div class="actions">
        <a class="btn small" href={`/positions/${p.id}#apply-title`}>
          {r.me.apply}
        </a>
      </div>
    </li>
  );
}

recommendationsTalentPages.get('/me/recommendations', async (c) => {
  const { m, lang, deps, user } = page(c);
  const r = messages(lang).recommendations;
  let result: Awaited<ReturnType<typeof recommendPositions>> | null = null;
  try {
    result = await recommendPositions(deps, user, 20);
  } catch (err) {
    // No profile yet: say what to do instead of a 404 page.
    if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
  }
  const regionNames = result ? await regionFullNames(deps, regionCodesOf(result.items.map((i) => i.match.breakdown))) : new Map<string, string>();
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
          <p>
            <a class="btn" href="/me/profile">
              {r.me.fillProfile}
            </a>
          </p>
        </div>
      ) : (
        <>
          {result.directed && (
            <div class="notice info">
              <p>{r.me.directed}</p>
            </div>
          )}
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
