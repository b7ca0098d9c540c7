// An employer's recommended candidates for one of its positions (issue #4), each with the score, the
// reasons per factor and the hard constraints a candidate fails.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, POSITION_KINDS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { recommendCandidates } from '../../../src/recommendations';
import type { CandidateDto } from '../../../src/recommendations';
import { getPositionForViewer } from '../../../src/positions';
import { regionFullNames } from '../../../src/regions';
import { Badge, Fact, InviteForm, Tags, type InviteChoices } from '../../components';
import { SEEKING, invitationChoices } from '../../../src/applications';
import { Breakdown, regionCodesOf } from '../../components/score-breakdown';
import { messages, fmt, type Lang, type Messages } from '../../i18n';
import type { RecommendationsText } from '../../i18n/recommendations';
import { page, render, requireRole } from '../../page';

export const recommendationsEmployerPages = new Hono<AppEnv>();
recommendationsEmployerPages.use('/employer/positions/:id/candidates', requireRole('employer'));

function Candidate({
  item,
  r,
  m,
  lang,
  regionNames,
  homeNames,
  invite,
}: {
  invite: { choices: InviteChoices; positionId: string; back: string };
  item: CandidateDto;
  r: RecommendationsText;
  m: Messages;
  lang: Lang;
  regionNames: Map<string, string>;
  homeNames: Map<string, string>;
}) {
  const x = item.talent;
  const availability = label(AVAILABILITY, x.availability, lang);
  const seeking = SEEKING.includes(x.availability);
  return (
    <li class="record" id={`candidate-${x.id}`}>
      <div class="spread">
        <h3>{x.name}</h3>
        <span class="row">
          <Badge tone={seeking ? 'info' : 'neutral'}>{availability}</Badge>
          <span class="score" title={r.score}>
            {fmt(r.scoreValue, { n: item.match.score })}
          </span>
        </span>
      </div>
      <dl class="facts mt-8">
        <Fact term={r.candidates.region} wide>
          {(x.regionCode && homeNames.get(x.regionCode)) ?? x.regionCode ?? m.common.notSet}
        </Fact>
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
      <div class="actions">
        {/* Only talents who are looking can be invited (the service refuses the others): say why not. */}
        {seeking ? (
          <InviteForm m={m} lang={lang} talentId={x.id} choices={invite.choices} positionId={invite.positionId} back={invite.back} />
        ) : (
          <p class="muted small m-0">{fmt(m.contact.notSeeking, { availability })}</p>
        )}
      </div>
    </li>
  );
}

recommendationsEmployerPages.get('/employer/positions/:id/candidates', async (c) => {
  const { m, lang, deps, user } = page(c);
  const r = messages(lang).recommendations;
  const id = c.req.param('id');
  const result = await recommendCandidates(deps, user, id, 20);
  const [{ position }, choices] = await Promise.all([getPositionForViewer(deps, user, id), invitationChoices(deps, user)]);
  const invite = { choices, positionId: id, back: `/employer/positions/${id}/candidates` };
  const [regionNames, homeNames] = await Promise.all([
    regionFullNames(deps, regionCodesOf(result.items.map((i) => i.match.breakdown))),
    regionFullNames(
      deps,
      result.items.map((i) => i.talent.regionCode ?? ''),
    ),
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
            <Candidate item={item} r={r} m={m} lang={lang} regionNames={regionNames} homeNames={homeNames} invite={invite} />
          ))}
        </ol>
      )}
    </>,
  );
});
