// The employer's round proposals and their answers.
import { Hono } from 'hono';
import { responseFlash } from './talent';
import type { AppEnv } from '../../../src/lib/context';
import { ProposalListQuery, ResponseBody } from '../../../src/rounds';
import { listEmployerProposals, respondToProposal } from '../../../src/rounds';
import { findOwnEmployer } from '../../../src/employers';
import { Badge, ErrorSummary, Fact, Pager, SelectField } from '../../components';
import { parseFilters, readForm, submit, text, type FormErrors } from '../../forms';
import { fmt, messages } from '../../i18n';
import { page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { pick, toQuery } from '../../query';
import { regionFullNames } from '../../../src/regions';
import { Breakdown, regionCodesOf } from '../../components/score-breakdown';

import { textOf, searchOf, PROPOSAL_TONES } from './shared';

export const pages = new Hono<AppEnv>();

// ---------------------------------------------------------------- the employer's proposals

async function employerProposalsPage(c: WebContext, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = messages(lang).recommendations;
  const own = await findOwnEmployer(deps, user!);
  if (!own) {
    return render(
      c,
      t.employer.title,
      <>
        <div class="page-head">
          <h1>{t.employer.title}</h1>
        </div>
        <div class="notice warning">
          <p>{t.employer.needEmployer}</p>
          <p>
            <a class="btn" href="/employer">
              {m.employer.registerTitle}
            </a>
          </p>
        </div>
      </>,
      status,
      '/employer/proposals',
    );
  }
  const raw = pick(c.req.query(), ['state', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, ProposalListQuery, { ...raw, pageSize: '20' });
  const result = await listEmployerProposals(deps, user, filters);
  const regionNames = await regionFullNames(deps, regionCodesOf(result.items.map((p) => p.breakdown)));
  return render(
    c,
    t.employer.title,
    <>
      <div class="page-head">
        <h1>{t.employer.title}</h1>
        <p>{t.employer.lead}</p>
      </div>
      <ErrorSummary errors={errors} />
      <section class="card filters">
        <form method="get" action="/employer/proposals">
          <div class="form-grid">
            <SelectField
              name="state"
              label={t.employer.filterState}
              options={(['pending', 'placed', 'declined'] as const).map((s) => [s, t.proposalStates[s]] as [string, string])}
              empty={m.common.any}
              value={filters.state ?? ''}
              errors={filterErrors}
            />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
            </div>
          </div>
        </form>
      </section>
      {result.items.length === 0 ? (
        <div class="card empty">{t.employer.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((p) => (
            <li class="record" id={`proposal-${p.id}`}>
              <div class="spread">
                <h3>{p.talent.name}</h3>
                <Badge tone={PROPOSAL_TONES[p.state]}>{t.proposalStates[p.state]}</Badge>
              </div>
              <dl class="facts mt-8">
                <Fact term={t.employer.position} wide>
                  <a href={`/positions/${p.position.id}`}>{p.position.title}</a>
                </Fact>
                <Fact term={t.employer.round}>{p.round.name}</Fact>
                <Fact term={t.employer.score}>
                  <span class="score">{p.score}</span> · {t.seatKinds[p.seat]}
                </Fact>
                <Fact term={t.employer.phone}>{p.talent.phone ?? m.common.notSet}</Fact>
                <Fact term={t.detail.proposalsTitle} wide>
                  {fmt(t.employer.talentResponse, { response: p.talentResponse ? t.responses[p.talentResponse] : t.detail.waiting })} ·{' '}
                  {fmt(t.me.employerResponse, { response: p.employerResponse ? t.responses[p.employerResponse] : t.detail.waiting })}
                </Fact>
              </dl>
              <details>
                <summary>{t.detail.scoreBreakdown}</summary>
                <Breakdown factors={p.breakdown} r={r} m={m} lang={lang} regionNames={regionNames} />
              </details>
              {p.respondable && (
                <div class="actions">
                  <form method="post" action={`/employer/proposals/${p.id}/respond${toQuery(raw)}`} class="inline">
                    <input type="hidden" name="decision" value="accept" />
                    <button type="submit" class="small">
                      {t.me.accept}
                      <span class="visually-hidden"> · {p.talent.name}</span>
                    </button>
                  </form>
                  <form method="post" action={`/employer/proposals/${p.id}/respond${toQuery(raw)}`} class="inline" data-confirm={t.me.declineConfirm}>
                    <input type="hidden" name="decision" value="decline" />
                    <button type="submit" class="small danger">
                      {t.me.decline}
                      <span class="visually-hidden"> · {p.talent.name}</span>
                    </button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/employer/proposals${toQuery({ state: filters.state, page: n })}`} m={m} />
    </>,
    status,
    `/employer/proposals${searchOf(c)}`,
  );
}

pages.get('/employer/proposals', (c) => employerProposalsPage(c));

pages.post('/employer/proposals/:id/respond', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, ResponseBody, { decision: text(form, 'decision') }, (d) => respondToProposal(deps, user, c.req.param('id'), d.decision));
  if (!out.ok) return employerProposalsPage(c, out.errors, out.status);
  return redirectWith(c, `/employer/proposals${searchOf(c)}`, responseFlash(out.value, out.value.employerResponse));
});
