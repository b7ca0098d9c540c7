// The graduate's own directed-training agreements (with their history) and placements (issue #4).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { getAgreement, listAgreements, servingWithoutPlacement } from '../../../src/agreements';
import { listPlacements } from '../../../src/placements';
import { regionFullNames } from '../../../src/regions';
import { Badge } from '../../components';
import { AGREEMENT_TONES, AgreementFacts, AgreementHistory, NoPlacementBadge } from '../../components/agreement';
import { PlacementList } from '../../components/placement-list';
import { messages, type Lang } from '../../i18n';
import type { PlacementsText } from '../../i18n/placements';
import { page, render, requireRole } from '../../page';

export const placementsTalentPages = new Hono<AppEnv>();
placementsTalentPages.use('/me/placements', requireRole('graduate'));

const textOf = (lang: Lang): PlacementsText => messages(lang).placements;

placementsTalentPages.get('/me/placements', async (c) => {
  const { lang, deps, user } = page(c);
  const t = textOf(lang);
  const [agreements, placements] = await Promise.all([listAgreements(deps, user, { page: 1, pageSize: 50 }), listPlacements(deps, user, { page: 1, pageSize: 100 })]);
  const detailed = await Promise.all(agreements.items.map((a) => getAgreement(deps, user, a.id)));
  const unplaced = await servingWithoutPlacement(deps, detailed);
  const sponsors = await regionFullNames(
    deps,
    detailed.map((a) => a.sponsorRegionCode),
  );
  return render(
    c,
    t.mine.title,
    <>
      <div class="page-head">
        <h1>{t.mine.title}</h1>
      </div>
      <section class="mb-24" aria-labelledby="my-agreements">
        <h2 id="my-agreements">{t.mine.agreementsTitle}</h2>
        {detailed.length === 0 ? (
          <div class="card empty">{t.mine.noAgreements}</div>
        ) : (
          <ul class="records">
            {detailed.map((a) => (
              <li class="record" id={`agreement-${a.id}`}>
                <div class="spread">
                  <h3>{a.institution}</h3>
                  <span class="row">
                    <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
                    {unplaced.has(a.id) && <NoPlacementBadge t={t} />}
                  </span>
                </div>
                <div class="mt-8">
                  <AgreementFacts a={a} t={t} sponsorName={sponsors.get(a.sponsorRegionCode)} />
                </div>
                <details>
                  <summary>{t.agreements.history}</summary>
                  <AgreementHistory a={a} t={t} lang={lang} placements={placements.items} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-placements">
        <h2 id="my-placements">{t.mine.placementsTitle}</h2>
        {placements.items.length === 0 ? <div class="card empty">{t.mine.noPlacements}</div> : <PlacementList items={placements.items} t={t} lang={lang} showTalent={false} />}
      </section>
    </>,
  );
});
