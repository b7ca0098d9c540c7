// The graduate's rounds: ranked choices, 服从调剂, proposals and their answers.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { MAX_CHOICES, ResponseBody, ChoicesBody, type MyRoundView, type ProposalDto } from '../../../src/rounds';
import { myRoundsView, respondToProposal, submitChoices, withdrawChoices } from '../../../src/rounds';
import { Badge, ErrorSummary, Pager } from '../../components';
import { list, readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt, messages, type Lang, type Messages } from '../../i18n';
import { type RoundsText } from '../../i18n/rounds';
import { type RecommendationsText } from '../../i18n/recommendations';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { AdjustmentForm, ArrangementNote, NoticeList } from './extensions';
import { regionFullNames } from '../../../src/regions';
import { Breakdown, regionCodesOf } from '../../components/score-breakdown';

import { textOf, ROUND_TONES, PROPOSAL_TONES, pageNumber, unassignedText, Refusals } from './shared';

export const pages = new Hono<AppEnv>();

// ---------------------------------------------------------------- the graduate's rounds

export const responseFlash = (p: ProposalDto, mine: ProposalDto['talentResponse']) => (mine === 'declined' ? 'declined' : p.state === 'placed' ? 'placed' : 'accepted');

function ProposalCard({
  p,
  t,
  r,
  m,
  lang,
  regionNames,
  action,
}: {
  p: ProposalDto;
  t: RoundsText;
  r: RecommendationsText;
  m: Messages;
  lang: Lang;
  regionNames: Map<string, string>;
  action: string;
}) {
  return (
    <div class={p.state === 'declined' ? 'outcome none' : 'outcome ok'} id={`proposal-${p.id}`}>
      <p class="row">
        <strong>
          <a href={`/positions/${p.position.id}`}>{fmt(t.me.proposalLine, { position: p.position.title, employer: p.employer.name })}</a>
        </strong>
        <Badge tone={PROPOSAL_TONES[p.state]}>{t.proposalStates[p.state]}</Badge>
      </p>
      <p class="small">
        {p.rank !== null && <span>{fmt(t.me.yourRank, { rank: p.rank + 1 })} · </span>}
        <span>{t.seatKinds[p.seat]}</span> · <span class="score">{fmt(r.scoreValue, { n: p.score })}</span>
      </p>
      <ArrangementNote a={p} lang={lang} />
      {p.talentResponse && <p class="small">{fmt(t.me.responded, { response: t.responses[p.talentResponse] })}</p>}
      <p class="small muted">{fmt(t.me.employerResponse, { response: p.employerResponse ? t.responses[p.employerResponse] : t.detail.waiting })}</p>
      {p.state === 'placed' && <p class="notice success">{t.me.placed}</p>}
      <details>
        <summary>{t.detail.scoreBreakdown}</summary>
        <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
      </details>
      {p.above && p.above.length > 0 && (
        <details>
          <summary>{t.detail.whyNotAbove}</summary>
          <Refusals above={p.above} t={t} r={r} m={m} adjustFrom={p.adjustment?.from} lang={lang} regionNames={regionNames} />
        </details>
      )}
      {p.respondable && (
        <div class="actions">
          <form method="post" action={action} class="inline">
            <input type="hidden" name="decision" value="accept" />
            <button type="submit">{t.me.accept}</button>
          </form>
          <form method="post" action={action} class="inline" data-confirm={t.me.declineConfirm}>
            <input type="hidden" name="decision" value="decline" />
            <button type="submit" class="danger">
              {t.me.decline}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

function ChoicesForm({ v, t, failure }: { v: MyRoundView; t: RoundsText; failure?: { roundId: string; errors: FormErrors; values: FormValues } }) {
  const round = v.item.round;
  const slots = Math.min(MAX_CHOICES, v.positions.length);
  const mine = failure?.roundId === round.id && !failure.values.form ? failure : undefined;
  const chosen = mine ? list(mine.values, 'choice') : (v.choices?.positions ?? []).map((p) => p.positionId);
  const options = v.positions.map((p) => [p.positionId, `${p.title} · ${p.employerName} · ${p.regionName}`] as [string, string]);
  return (
    <form method="post" action={`/me/rounds/${round.id}/choices`} novalidate>
      <h4>{fmt(t.me.choicesTitle, { n: slots })}</h4>
      <p class="muted small">{t.me.choicesLead}</p>
      <ErrorSummary errors={mine?.errors} />
      <ol class="choice-list">
        {Array.from({ length: slots }, (_, i) => {
          const id = `choice-${round.id}-${i + 1}`;
          const err = mine?.errors.fields[`positionIds.${i}`];
          return (
            <li>
              <label for={id}>{fmt(t.me.choiceN, { n: i + 1 })}</label>
              <select id={id} name="choice" aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-error` : undefined}>
                <option value="">{t.me.noChoice}</option>
                {options.map(([value, l]) => (
                  <option value={value} selected={chosen[i] === value}>
                    {l}
                  </option>
                ))}
              </select>
              {err && (
                <p class="field-error" id={`${id}-error`}>
                  {err}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div class="form-actions">
        <button type="submit">{t.me.saveChoices}</button>
      </div>
    </form>
  );
}

export async function myRoundsPage(c: WebContext, failure?: { roundId: string; errors: FormErrors; values: FormValues }, status = 200, topErrors?: FormErrors) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = messages(lang).recommendations;
  const { rounds, views, notices } = await myRoundsView(deps, user, pageNumber(c.req.query('page')));
  const regionNames = await regionFullNames(
    deps,
    regionCodesOf(views.flatMap((v) => [v.proposal?.breakdown, ...[...(v.proposal?.above ?? []), ...v.item.above].map((a) => a.breakdown)])),
  );
  return render(
    c,
    t.me.title,
    <>
      <div class="page-head">
        <h1>{t.me.title}</h1>
        <p>{t.me.lead}</p>
      </div>
      <ErrorSummary errors={topErrors ?? (failure?.values.form === 'notice' ? failure.errors : undefined)} />
      <NoticeList notices={notices} lang={lang} />
      {views.length === 0 ? (
        <div class="card empty">{t.me.noRounds}</div>
      ) : (
        <ul class="records">
          {views.map((v) => {
            const round = v.item.round;
            return (
              <li class="record" id={`round-${round.id}`}>
                <div class="spread">
                  <h3>{round.name}</h3>
                  <Badge tone={ROUND_TONES[round.status]}>{t.statuses[round.status]}</Badge>
                </div>
                <p class="muted small">
                  {round.regionName}
                  {round.choicesCloseOn && <> · {fmt(t.me.closesOn, { date: round.choicesCloseOn })}</>}
                </p>
                {round.status === 'collecting' && v.choices?.editable && <ChoicesForm v={v} t={t} failure={failure} />}
                {v.choices && !v.choices.editable && (
                  <div>
                    <p class="muted small">{t.me.choicesClosed}</p>
                    {v.choices.positions.length > 0 ? (
                      <ol class="reasons" aria-label={t.me.yourChoices}>
                        {v.choices.positions.map((p) => (
                          <li>
                            {p.title} · {p.employerName}
                          </li>
                        ))}
                      </ol>
                    ) : (
                      <p class="muted small">{t.me.noChoicesYet}</p>
                    )}
                  </div>
                )}
                {v.adjustment && (
                  <AdjustmentForm a={v.adjustment} lang={lang} failure={failure?.roundId === round.id && failure.values.form === 'adjustment' ? failure : undefined} />
                )}
                {(round.status === 'collecting' || round.status === 'run') && <p class="muted small">{t.me.waitResult}</p>}
                {(round.status === 'published' || round.status === 'closed') && (
                  <div class="mt-8">
                    <h4>{t.me.proposalTitle}</h4>
                    {v.proposal ? (
                      <ProposalCard p={v.proposal} t={t} r={r} m={m} lang={lang} regionNames={regionNames} action={`/me/rounds/proposals/${v.proposal.id}/respond`} />
                    ) : (
                      <div class="outcome none">
                        <p>{fmt(t.me.noProposal, { reason: unassignedText(t, v.item.unassignedReason, v.item.listSource) })}</p>
                        {v.item.above.length > 0 && (
                          <details open>
                            <summary>{t.detail.whyNotAbove}</summary>
                            <Refusals above={v.item.above} t={t} r={r} m={m} lang={lang} regionNames={regionNames} />
                          </details>
                        )}
                      </div>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={rounds.page} pageSize={rounds.pageSize} total={rounds.total} href={(n) => `/me/rounds?page=${n}`} m={m} />
    </>,
    status,
    '/me/rounds',
  );
}

pages.get('/me/rounds', (c) => myRoundsPage(c));

pages.post('/me/rounds/:id/choices', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const positionIds = list(form, 'choice').filter((x) => x !== '');
  // An empty form withdraws the choices: the list will be derived from scores.
  const out =
    positionIds.length === 0
      ? await run(m, () => withdrawChoices(deps, user, id))
      : await submit(m, ChoicesBody, { positionIds }, (d) => submitChoices(deps, user, id, d.positionIds));
  if (!out.ok) return myRoundsPage(c, { roundId: id, errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/me/rounds#round-${id}`, 'choicesSaved');
});

pages.post('/me/rounds/proposals/:id/respond', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, ResponseBody, { decision: text(form, 'decision') }, (d) => respondToProposal(deps, user, c.req.param('id'), d.decision));
  if (!out.ok) return myRoundsPage(c, undefined, out.status, out.errors);
  return redirectWith(c, '/me/rounds', responseFlash(out.value, out.value.talentResponse));
});
