// One round, for its department: settings, posts, talents, run, result, publication, follow-up.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { listTalents } from '../../../src/talents';
import { SetRoundPositionsBody, SetRoundTalentsBody, UpdateRoundBody, EDITABLE_STATUSES, FollowUpBody, type RoundPositionDto } from '../../../src/rounds';
import { closeRound, getRound, listRoundPositions, listRoundTalents, openRound, publishRound, setRoundPositions, setRoundTalents, updateRound } from '../../../src/rounds';
import { ActionButton, Badge, ConfirmStep, ErrorSummary, Fact, Pager, TextField, type ConfirmProps } from '../../components';
import { list, num, optText, readForm, run, submit, text, type FormValues } from '../../forms';
import { messages, fmt } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { redirectWith, type FlashKey } from '../../flash';
import { toQuery } from '../../query';
import { AuditSections, ReservePolicyExplained, ReservePolicyField } from './audit';
import { PinsSection } from './extensions';
import { allPages, departmentRoundView, PIN_QUERY_MAX } from '../../../src/rounds';
import { refreshInputs } from '../../../src/rounds';
import { createFollowUp } from '../../../src/rounds';
import { regionFullNames } from '../../../src/regions';
import { regionCodesOf } from '../../components/score-breakdown';
import { earlyRunDeadline, runRoundJob } from '../../../src/rounds';

import { textOf, searchOf, ROUND_TONES, chinaTime, pageNumber, RoundNumbers, WeightFields, weightsInput } from './shared';
import { Failure, PositionsSection, TalentRow } from './department-parts';

export const pages = new Hono<AppEnv>();

export async function roundPage(c: WebContext, id: string, failure?: Failure, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const r = messages(lang).recommendations;
  const q = c.req.query();
  const outcome = q.outcome === 'assigned' || q.outcome === 'unassigned' ? q.outcome : undefined;
  const tPage = pageNumber(q.tp);
  const pPage = pageNumber(q.pp);
  const pinQuery = { talent: (q.pinTalent ?? '').slice(0, PIN_QUERY_MAX), position: (q.pinPost ?? '').slice(0, PIN_QUERY_MAX) };
  const view = await departmentRoundView(deps, user, id, { outcome, talentPage: tPage, positionPage: pPage, pinQuery });
  const { round, result, positions: positionsPage, talents, pins, pinOptions: options, openToAdd } = view;
  const editable = EDITABLE_STATUSES.includes(round.status);
  const ran = !editable;
  const pinsOpen = editable || round.status === 'run';
  const positions: RoundPositionDto[] = result ? result.positions.items : (positionsPage?.items ?? []);
  const regionNames = await regionFullNames(deps, regionCodesOf(talents.items.flatMap((x) => [x.proposal?.breakdown, ...x.above.map((a) => a.breakdown)])));
  const base = `/department/rounds/${id}`;
  const find = (q.find ?? '').trim().slice(0, 50);
  const found = editable && find ? await run(m, () => listTalents(deps, user, { q: find, page: 1, pageSize: 10 })) : null;
  const errs = (form: Failure['form']) => (failure?.form === form ? failure.errors : undefined);
  const stats = round.stats;
  const settingsValues: FormValues =
    failure?.form === 'settings' && failure.values
      ? failure.values
      : {
          name: round.name,
          choicesCloseOn: round.choicesCloseOn ?? '',
          reservePolicy: round.reservePolicy,
          ...Object.fromEntries(Object.entries(round.weightOverrides).map(([k, v]) => [`weights.${k}`, String(v)])),
        };
  return render(
    c,
    round.name,
    <>
      <nav class="breadcrumbs">
        <a href="/department/rounds">{t.detail.back}</a>
      </nav>
      <div class="page-head spread">
        <h1>{round.name}</h1>
        <Badge tone={ROUND_TONES[round.status]}>{t.statuses[round.status]}</Badge>
      </div>
      <section class="card" aria-labelledby="round-facts">
        <h2 id="round-facts" class="visually-hidden">
          {round.name}
        </h2>
        <dl class="facts mb-12">
          <Fact term={t.detail.region} wide>
            {round.regionName}
          </Fact>
          <Fact term={t.detail.choicesCloseOn}>{round.choicesCloseOn ?? t.detail.noDeadline}</Fact>
          {round.runAt && <Fact term={t.detail.runAt}>{chinaTime(round.runAt)}</Fact>}
          {round.publishedAt && <Fact term={t.detail.publishedAt}>{day(round.publishedAt)}</Fact>}
        </dl>
        <RoundNumbers round={round} t={t} />
        {editable && (
          <details open={failure?.form === 'settings'}>
            <summary>{m.common.edit}</summary>
            <ErrorSummary errors={errs('settings')} />
            <form method="post" action={`${base}/settings`} novalidate>
              <div class="form-grid two">
                <TextField name="name" idPrefix="set" label={t.list.name} required maxlength={100} values={settingsValues} errors={errs('settings')} />
                <TextField name="choicesCloseOn" idPrefix="set" type="date" label={t.list.choicesCloseOn} values={settingsValues} errors={errs('settings')} />
                <ReservePolicyField lang={lang} values={settingsValues} errors={errs('settings')} prefix="set" />
              </div>
              <h3>{t.list.weightsTitle}</h3>
              <WeightFields t={t} values={settingsValues} errors={errs('settings')} prefix="set" />
              <div class="form-actions">
                <button type="submit" class="small">
                  {m.common.save}
                </button>
              </div>
            </form>
          </details>
        )}
      </section>

      {ran && stats && (
        <section class="card" id="result" aria-labelledby="result-title">
          <h2 id="result-title">{t.detail.resultTitle}</h2>
          <p>
            {messages(lang).roundsAudit.policyUsed}
            <a href="#reserve-policy">{messages(lang).roundsAudit.policies[round.reservePolicy]}</a>
          </p>
          <p>{fmt(t.detail.statsLine, { matched: stats.matched, matchedDirected: stats.matchedDirected, reservedFilled: stats.reservedFilled, unfilled: stats.unfilledSeats })}</p>
          <details class="tech-info">
            <summary>{t.detail.techInfo}</summary>
            <p class="muted small">
              {fmt(t.detail.timings, {
                load: stats.timings.loadMs,
                build: stats.timings.buildMs,
                match: stats.timings.matchMs,
                explain: stats.timings.explainMs,
                store: stats.timings.storeMs,
                total: stats.timings.totalMs,
              })}
            </p>
          </details>
          {round.resultDigest && (
            <p class="muted small">
              {t.detail.digest}
              <span class="mono">{round.resultDigest.slice(0, 16)}</span> — {t.detail.digestHint}
            </p>
          )}
          <p class="small">
            <a href="#positions">{t.detail.byPosition}</a> · <a href="#talents">{t.detail.byTalent}</a>
          </p>
        </section>
      )}

      <PositionsSection round={round} positions={positions} result={result} t={t} lang={lang} failure={failure} openToAdd={openToAdd} />
      {(() => {
        const paged = result ? result.positions : positionsPage;
        return (
          paged && (
            <Pager
              page={paged.page}
              pageSize={paged.pageSize}
              total={paged.total}
              href={(n) => `${base}${toQuery({ outcome, tp: tPage > 1 ? tPage : undefined, pp: n })}#positions`}
              m={m}
            />
          )
        );
      })()}

      <section class="card" id="talents" aria-labelledby="talents-title">
        <h2 id="talents-title">{ran ? t.detail.byTalent : t.detail.talentsTitle}</h2>
        {!ran && <p class="muted">{t.detail.talentsLead}</p>}
        <ErrorSummary errors={errs('talents')} />
        {editable && (
          <div class="finder">
            <form method="get" action={`${base}#talents`} class="row">
              <TextField name="find" idPrefix="talent-find" type="search" label={m.department.nameQuery} maxlength={50} value={find} />
              <button type="submit" class="small secondary">
                {m.common.search}
              </button>
            </form>
            {found?.ok && found.value.items.length > 0 && (
              <ul class="finder-results">
                {found.value.items.map((x) => (
                  <li>
                    <span>
                      {x.name} <span class="muted small mono">{x.idNumberMasked ?? ''}</span>
                    </span>
                    <form method="post" action={`${base}/talents/add`} class="inline">
                      <input type="hidden" name="talentId" value={x.id} />
                      <button type="submit" class="small secondary">
                        {t.detail.addTalent}
                        <span class="visually-hidden"> · {x.name}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {found?.ok && found.value.items.length === 0 && <p class="muted small">{m.department.talentsEmpty}</p>}
            <div class="row mt-10">
              <ActionButton action={`${base}/talents/add?awaiting=1`} label={t.detail.includeAwaiting} tone="secondary" />
              <ActionButton action={`${base}/talents/add?seeking=1`} label={t.detail.includeSeeking} tone="secondary" />
            </div>
          </div>
        )}
        {ran && (
          <nav class="row mb-12" aria-label={t.detail.filterOutcome}>
            {(
              [
                [undefined, m.common.any],
                ['assigned', t.detail.assigned],
                ['unassigned', t.detail.unassignedFilter],
              ] as [string | undefined, string][]
            ).map(([v, l]) => (
              <a class={outcome === v ? 'btn small' : 'btn small secondary'} aria-current={outcome === v ? 'page' : undefined} href={`${base}${toQuery({ outcome: v })}#talents`}>
                {l}
              </a>
            ))}
          </nav>
        )}
        {talents.items.length === 0 ? (
          <p class="muted">{t.detail.noTalents}</p>
        ) : (
          <ul class="records">
            {talents.items.map((x) => (
              <TalentRow x={x} round={round} t={t} r={r} m={m} lang={lang} regionNames={regionNames} />
            ))}
          </ul>
        )}
        <Pager
          page={talents.page}
          pageSize={talents.pageSize}
          total={talents.total}
          href={(n) => `${base}${toQuery({ outcome, tp: n, pp: pPage > 1 ? pPage : undefined })}#talents`}
          m={m}
        />
      </section>

      {(pinsOpen || pins.length > 0) && (
        <PinsSection round={round} pins={pins} options={options} lang={lang} query={pinQuery} failure={failure?.form === 'pins' ? failure : undefined} />
      )}
      <ReservePolicyExplained round={round} lang={lang} />
      <AuditSections
        round={round}
        lang={lang}
        base={base}
        when={chinaTime}
        followUp={failure?.form === 'follow-up' ? { errors: failure.errors, values: failure.values } : undefined}
      />
      {errs('refresh') && <ErrorSummary errors={errs('refresh')} />}

      {round.status === 'draft' && (
        <section class="card" id="open" aria-labelledby="open-title">
          <h2 id="open-title">{t.detail.openTitle}</h2>
          <p class="muted">{t.detail.openLead}</p>
          <ErrorSummary errors={errs('open')} />
          <ActionButton action={`${base}/open`} label={t.detail.openButton} />
        </section>
      )}

      {(editable || round.status === 'run') && (
        <section class="card" id="run" aria-labelledby="run-title">
          <h2 id="run-title">{t.detail.runTitle}</h2>
          <p class="muted">{t.detail.runLead}</p>
          {earlyRunDeadline(round, deps.now()) && <p class="notice warning">{fmt(m.confirm.runEarly.deadline, { deadline: round.choicesCloseOn ?? '' })}</p>}
          <ErrorSummary errors={errs('run')} />
          <ActionButton action={`${base}/run`} label={round.status === 'run' ? t.detail.rerunButton : t.detail.runButton} tone={round.status === 'run' ? 'secondary' : undefined} />
        </section>
      )}

      {round.status === 'run' && (
        <section class="card" id="publish" aria-labelledby="publish-title">
          <h2 id="publish-title">{t.detail.publishTitle}</h2>
          <p class="muted">{t.detail.publishLead}</p>
          <ErrorSummary errors={errs('publish')} />
          <form method="post" action={`${base}/publish`} data-confirm={t.detail.publishDialog} class="stack">
            <label class="check" for="publish-confirm">
              <input
                type="checkbox"
                id="publish-confirm"
                name="confirm"
                value="yes"
                required
                aria-invalid={errs('publish')?.fields.confirm ? 'true' : undefined}
                aria-describedby={errs('publish')?.fields.confirm ? 'publish-confirm-error' : undefined}
              />
              <span>{t.detail.publishConfirm}</span>
            </label>
            {errs('publish')?.fields.confirm && (
              <p class="field-error" id="publish-confirm-error">
                {errs('publish')!.fields.confirm}
              </p>
            )}
            <div>
              <button type="submit">{t.detail.publishButton}</button>
            </div>
          </form>
        </section>
      )}

      {round.status === 'published' && (
        <section class="card" id="close" aria-labelledby="close-title">
          <h2 id="close-title">{t.detail.proposalsTitle}</h2>
          <p class="muted">{t.detail.publishedNote}</p>
          <ErrorSummary errors={errs('close')} />
          <ActionButton action={`${base}/close`} label={t.detail.closeButton} tone="danger" />
        </section>
      )}
    </>,
    status,
    `${base}${searchOf(c)}`,
  );
}

pages.get('/department/rounds/:id', (c) => roundPage(c, c.req.param('id')));

pages.post('/department/rounds/:id/settings', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const weights = weightsInput(form);
  const input = {
    name: text(form, 'name'),
    choicesCloseOn: optText(form, 'choicesCloseOn'),
    weights: Object.keys(weights).length ? weights : null,
    reservePolicy: optText(form, 'reservePolicy') ?? undefined,
  };
  const out = await submit(m, UpdateRoundBody, input, (d) => updateRound(deps, user, id, d));
  if (!out.ok) return roundPage(c, id, { form: 'settings', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/rounds/${id}`, 'roundSaved');
});

/** The round's positions as the API body, from the seats table; errors come back keyed by input. */
async function savePositions(
  c: WebContext,
  id: string,
  entries: { positionId: string; seats?: number | string | null; reservedSeats?: number | string | null }[],
  includeAllOpen: boolean,
  form: Failure['form'],
  values?: FormValues,
) {
  const { m, deps, user } = page(c);
  const body = {
    positions: entries.map((e) => ({
      positionId: e.positionId,
      ...(e.seats !== undefined && e.seats !== null ? { seats: e.seats } : {}),
      ...(e.reservedSeats !== undefined && e.reservedSeats !== null ? { reservedSeats: e.reservedSeats } : {}),
    })),
    includeAllOpen,
  };
  const out = await submit(m, SetRoundPositionsBody, body, (d) => setRoundPositions(deps, user, id, d));
  if (out.ok) return null;
  // positions.3.seats → seats.<id of entry 3>, so the message sits next to its input.
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, msg] of Object.entries(out.errors.fields)) {
    const hit = path.match(/^positions\.(\d+)\.(seats|reservedSeats|positionId)$/);
    const entry = hit ? entries[Number(hit[1])] : undefined;
    if (hit && entry && hit[2] !== 'positionId') fields[`${hit[2]}.${entry.positionId}`] = msg;
    else rest.push(msg);
  }
  const summary = [out.errors.summary, ...rest].filter(Boolean).join(' ');
  return roundPage(c, id, { form, errors: { fields, summary: summary || null }, values }, out.status);
}

// The seats table shows one page of the round's posts: the posted rows change, the others stay.
pages.post('/department/rounds/:id/positions', async (c) => {
  const { deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const remove = new Set(list(form, 'remove'));
  const posted = list(form, 'positionId');
  const current = await allPages((n) => listRoundPositions(deps, user, id, { page: n, pageSize: 100 }));
  const edit = (p: string) => ({ positionId: p, seats: num(form, `seats.${p}`), reservedSeats: num(form, `reservedSeats.${p}`) });
  const entries = [
    ...current.map((p) => (posted.includes(p.positionId) ? edit(p.positionId) : { positionId: p.positionId, seats: p.seats, reservedSeats: p.reservedSeats })),
    ...posted.filter((p) => !current.some((x) => x.positionId === p)).map(edit),
  ].filter((e) => !remove.has(e.positionId));
  const failed = await savePositions(c, id, entries, false, 'positions', form);
  return failed ?? redirectWith(c, `/department/rounds/${id}#positions`, 'positionsSaved');
});

pages.post('/department/rounds/:id/positions/add', async (c) => {
  const { deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const all = c.req.query('all') === '1';
  const current = await allPages((p) => listRoundPositions(deps, user, id, { page: p, pageSize: 100 }));
  const have = new Set(current.map((p) => p.positionId));
  const entries = [
    ...current.map((p) => ({ positionId: p.positionId, seats: p.seats, reservedSeats: p.reservedSeats })),
    ...list(form, 'add')
      .filter((p) => !have.has(p))
      .map((p) => ({ positionId: p })),
  ];
  const failed = await savePositions(c, id, entries, all, 'add-positions');
  return failed ?? redirectWith(c, `/department/rounds/${id}#positions`, 'positionsSaved');
});

async function saveTalents(c: WebContext, id: string, change: (ids: string[]) => string[], includeAwaitingPlacement: boolean, includeSeeking = false) {
  const { m, deps, user } = page(c);
  const current = await allPages((p) => listRoundTalents(deps, user, id, { page: p, pageSize: 100 }));
  const talentIds = change(current.map((x) => x.talentId));
  const out = await submit(m, SetRoundTalentsBody, { talentIds, includeAwaitingPlacement, includeSeeking }, (d) => setRoundTalents(deps, user, id, d));
  if (!out.ok) {
    const messages = Object.values(out.errors.fields);
    const summary = [out.errors.summary, ...messages].filter(Boolean).join(' ');
    return roundPage(c, id, { form: 'talents', errors: { fields: {}, summary } }, out.status);
  }
  return redirectWith(c, `/department/rounds/${id}#talents`, 'talentsSaved');
}

pages.post('/department/rounds/:id/talents/add', async (c) => {
  const form = await readForm(c);
  const add = text(form, 'talentId').trim();
  return saveTalents(c, c.req.param('id'), (ids) => (add && !ids.includes(add) ? [...ids, add] : ids), c.req.query('awaiting') === '1', c.req.query('seeking') === '1');
});

pages.post('/department/rounds/:id/talents/remove', async (c) => {
  const form = await readForm(c);
  const remove = text(form, 'talentId');
  return saveTalents(c, c.req.param('id'), (ids) => ids.filter((x) => x !== remove), false);
});

/** A one-button action on the round (open, run, publish, close) with its flash. */
function roundAction(path: string, form: Failure['form'], flash: FlashKey, action: (c: WebContext, id: string) => Promise<unknown>, anchor = '') {
  pages.post(`/department/rounds/:id/${path}`, async (c) => {
    const { m } = page(c);
    const id = c.req.param('id');
    const out = await run(m, () => action(c, id));
    if (!out.ok) return roundPage(c, id, { form, errors: out.errors }, out.status);
    return redirectWith(c, `/department/rounds/${id}${anchor}`, flash);
  });
}

roundAction('open', 'open', 'roundOpened', (c, id) => openRound(page(c).deps, page(c).user, id));
// Running before the choice deadline confirms on its own page first (issue 11 §6): the round page's
// button posts here; while choices are open that lands on the confirmation, whose checkbox says so.
pages.post('/department/rounds/:id/run', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await run(m, () => runRoundJob(deps, user, id, { confirmEarly: text(form, 'confirmEarly') === 'yes' }));
  if (!out.ok && out.errors.fields.confirmEarly) {
    if (text(form, 'step') !== 'confirm') return c.redirect(`/department/rounds/${id}/run/confirm`, 303);
    return runConfirmPage(c, id, { fields: { confirmEarly: m.confirm.checkboxRequired }, summary: null }, 422);
  }
  if (!out.ok) return roundPage(c, id, { form: 'run', errors: out.errors }, out.status);
  return redirectWith(c, `/department/rounds/${id}#result`, 'roundRun');
});

async function runConfirmPage(c: WebContext, id: string, errors?: ConfirmProps['errors'], status = 200) {
  const { m, deps, user } = page(c);
  const round = await getRound(deps, user, id); // out of scope: 404
  const deadline = earlyRunDeadline(round, deps.now());
  if (!deadline) return c.redirect(`/department/rounds/${id}#run`, 303); // nothing to confirm (any more)
  const x = m.confirm.runEarly;
  return render(
    c,
    x.title,
    <ConfirmStep
      title={x.title}
      lead={fmt(x.deadline, { deadline })}
      warning={x.lead}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.round}>{round.name}</Fact>
          <Fact term={x.choices}>{fmt(x.choicesOf, { n: round.counts.talentsWithChoices, total: round.counts.talents })}</Fact>
        </dl>
      }
      action={`/department/rounds/${id}/run`}
      hidden={{ step: 'confirm' }}
      checkbox={x.checkbox}
      checkboxName="confirmEarly"
      button={x.button}
      back={`/department/rounds/${id}#run`}
      backLabel={m.confirm.back}
      errors={errors}
    />,
    status,
    `/department/rounds/${id}/run/confirm`,
  );
}

pages.get('/department/rounds/:id/run/confirm', (c) => runConfirmPage(c, c.req.param('id')));
roundAction('close', 'close', 'roundClosed', (c, id) => closeRound(page(c).deps, page(c).user, id));
roundAction('refresh-inputs', 'refresh', 'inputsRefreshed', (c, id) => refreshInputs(page(c).deps, page(c).user, id), '#inputs');
// The follow-up round opens on its own page.
pages.post('/department/rounds/:id/follow-up', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const out = await submit(m, FollowUpBody, { choicesCloseOn: optText(form, 'choicesCloseOn') }, (d) => createFollowUp(deps, user, id, d));
  if (!out.ok) return roundPage(c, id, { form: 'follow-up', errors: out.errors, values: form }, out.status);
  return redirectWith(c, `/department/rounds/${out.value.id}`, 'followUpCreated');
});

// Publishing needs the confirmation box ticked (the dialog in app.js is only a convenience).
pages.post('/department/rounds/:id/publish', async (c) => {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const id = c.req.param('id');
  const form = await readForm(c);
  if (text(form, 'confirm') !== 'yes') {
    await getRound(deps, user, id); // out of scope: 404 before anything else
    return roundPage(c, id, { form: 'publish', errors: { fields: { confirm: t.detail.publishConfirmRequired }, summary: null } }, 422);
  }
  const out = await run(m, () => publishRound(deps, user, id));
  if (!out.ok) return roundPage(c, id, { form: 'publish', errors: out.errors }, out.status);
  return redirectWith(c, `/department/rounds/${id}`, 'roundPublished');
});
