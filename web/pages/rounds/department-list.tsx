// The department's rounds: the list and the creation form.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { CreateRoundBody, RoundListQuery, ROUND_STATUSES } from '../../../src/rounds';
import { createRound, listRounds } from '../../../src/rounds';
import { loadRegionPick } from '../../regions';
import { Badge, ErrorSummary, Pager, ScopedRegionField, SelectField, TextField } from '../../components';
import { optText, parseFilters, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { fmt } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith } from '../../flash';
import { pick, toQuery } from '../../query';
import { ReservePolicyField } from './audit';

import { textOf, searchOf, ROUND_TONES, WeightFields, weightsInput } from './shared';

export const pages = new Hono<AppEnv>();

// ---------------------------------------------------------------- department: list and create

async function roundsListPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const raw = pick(c.req.query(), ['status', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, RoundListQuery, { ...raw, pageSize: '20' });
  const values: FormValues = form ?? { regionCode: user!.region_code ?? '' };
  const [result, scoped] = await Promise.all([listRounds(deps, user, filters), loadRegionPick(c, 'regionCode', text(values, 'regionCode'), { scoped: true })]);
  const opt = { values, errors, idPrefix: 'new' };
  const create = (
    <section class="card mt-24" id="new-round" aria-labelledby="new-round-title">
      <h2 id="new-round-title">{t.list.createTitle}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/department/rounds" novalidate>
        <div class="form-grid two">
          <TextField name="name" label={t.list.name} required maxlength={100} wide {...opt} />
          <ScopedRegionField m={m} pick={scoped} name="regionCode" label={t.list.regionCode} hint={t.list.regionHint} {...opt} />
          <TextField name="choicesCloseOn" type="date" label={t.list.choicesCloseOn} {...opt} />
          <ReservePolicyField lang={lang} values={values} errors={errors} prefix="new" />
        </div>
        <details>
          <summary>{t.list.weightsTitle}</summary>
          <WeightFields t={t} values={values} errors={errors} prefix="new" />
        </details>
        <div class="form-actions">
          <button type="submit">{t.list.createButton}</button>
        </div>
      </form>
    </section>
  );
  return render(
    c,
    t.list.title,
    <>
      <div class="page-head spread">
        <div>
          <h1>{t.list.title}</h1>
          <p>{t.list.lead}</p>
        </div>
        <a class="btn secondary" href="#new-round">
          {t.list.createTitle}
        </a>
      </div>
      {errors && create}
      <section class="card filters">
        <form method="get" action="/department/rounds">
          <div class="form-grid">
            <SelectField
              name="status"
              label={t.list.filterStatus}
              options={ROUND_STATUSES.map((s) => [s, t.statuses[s]] as [string, string])}
              empty={m.common.any}
              value={filters.status ?? ''}
              errors={filterErrors}
            />
            <div class="form-actions">
              <button type="submit">{m.common.search}</button>
            </div>
          </div>
        </form>
      </section>
      {result.items.length === 0 ? (
        <div class="card empty">{t.list.empty}</div>
      ) : (
        <ul class="records">
          {result.items.map((r) => (
            <li class="record" id={`round-${r.id}`}>
              <div class="spread">
                <h3>
                  <a href={`/department/rounds/${r.id}`}>{r.name}</a>
                </h3>
                <Badge tone={ROUND_TONES[r.status]}>{t.statuses[r.status]}</Badge>
              </div>
              <p class="muted small">
                {r.regionName} · {fmt(t.list.counts, { positions: r.counts.positions, seats: r.counts.seats, reserved: r.counts.reservedSeats, talents: r.counts.talents })}
                {r.counts.runSeats !== null && r.counts.runSeats < r.counts.seats && t.polish.listRunSeats(r.counts.runSeats)} · {fmt(t.list.created, { date: day(r.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/rounds${toQuery({ status: filters.status, page: n })}`} m={m} />
      {!errors && create}
    </>,
    status,
    `/department/rounds${searchOf(c)}`,
  );
}

pages.get('/department/rounds', (c) => roundsListPage(c));

pages.post('/department/rounds', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const weights = weightsInput(form);
  const input = {
    name: text(form, 'name'),
    regionCode: optText(form, 'regionCode')?.trim() ?? undefined,
    choicesCloseOn: optText(form, 'choicesCloseOn'),
    weights: Object.keys(weights).length ? weights : undefined,
    reservePolicy: optText(form, 'reservePolicy') ?? undefined,
  };
  const out = await submit(m, CreateRoundBody, input, (d) => createRound(deps, user, d), form);
  if (!out.ok) return roundsListPage(c, form, out.errors, out.status);
  return redirectWith(c, `/department/rounds/${out.value.id}`, 'roundCreated');
});
