// The department's placements (issue #4): the list with filters, recording a direct placement (with
// finders for the talent and the employer, the employer's open posts and the talent's agreements),
// ending one with a reason, and the internship-base flag of the verified employers of its region.
// Every form validates with the API's zod schema and calls the same service as the JSON API.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { chinaToday } from '../../../src/lib/dates';
import type { AgreementDto } from '../../../src/agreements';
import { listAgreements } from '../../../src/agreements';
import { employerChoiceInScope, findEmployersInScope } from '../../../src/employers';
import { listEmployersForReview, setInternshipBase } from '../../../src/employers';
import { CreatePlacementBody, EndPlacementBody, PLACEMENT_KINDS, PlacementListQuery } from '../../../src/placements';
import { createPlacement, endPlacement, getPlacement, listPlacements } from '../../../src/placements';
import { openPositionsOf } from '../../../src/positions';
import { findTalentsByName, talentNameInScope } from '../../../src/talents';
import { ActionButton, Badge, EmptyCard, ErrorSummary, FilterCard, Pager, ResultCount, SelectField, SortProblem, TextField } from '../../components';
import { FIND_MAX, TalentEmployerForm, employerText } from '../../components/finders';
import { EndPlacementConfirm, PlacementTable, type EndFailure } from '../../components/placement-list';
import { optText, parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { redirectWith } from '../../flash';
import { messages, type Lang } from '../../i18n';
import type { PlacementsText } from '../../i18n/placements';
import { page, render, requireRole, type WebContext } from '../../page';
import { pick, toQuery } from '../../query';

export const placementsDepartmentPages = new Hono<AppEnv>();
placementsDepartmentPages.use('/department/placements', requireRole('department', 'admin'));
placementsDepartmentPages.use('/department/placements/*', requireRole('department', 'admin'));

const textOf = (lang: Lang): PlacementsText => messages(lang).placements;
const pageNumberOf = (v: string | undefined) => Math.max(1, Math.min(10_000, Math.floor(Number(v)) || 1));

/** The part of the URL after the path, for a page re-rendered in answer to a post. */
const searchOf = (c: WebContext) => new URL(c.req.url).search;

function placementInput(f: FormValues) {
  return {
    talentId: text(f, 'talentId').trim(),
    employerId: text(f, 'employerId') || undefined,
    positionId: optText(f, 'positionId'),
    kind: text(f, 'kind') || null,
    startOn: text(f, 'startOn'),
    endOn: optText(f, 'endOn'),
    agreementId: optText(f, 'agreementId'),
  };
}

async function departmentPlacementsPage(c: WebContext, opts: { form?: FormValues; errors?: FormErrors; failed?: EndFailure; actionErrors?: FormErrors; status?: number } = {}) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const raw = pick(c.req.query(), ['kind', 'open', 'q', 'sort', 'page']);
  const { data: filters, errors: filterErrors } = parseFilters(m, PlacementListQuery, { ...raw, pageSize: '20' });
  const result = await listPlacements(deps, user, filters);
  const isDepartment = user!.role === 'department';
  const today = chinaToday(deps.now());
  const { form, errors } = opts;
  const q = c.req.query();
  // A finder's search or choice comes back with what was typed so far (web/static/app.js carries it).
  const values: FormValues = form ?? { startOn: today, ...pick(q, ['talentId', 'employerId', 'positionId', 'kind', 'startOn', 'endOn', 'agreementId']) };
  const basesPage = pageNumberOf(q.bp);
  const talentQ = (q.find ?? '').trim().slice(0, FIND_MAX);
  const employerQ = (q.efind ?? '').trim().slice(0, FIND_MAX);
  const [bases, chosen, employer, talentsFound, employersFound, talentAgreements] = await Promise.all([
    listEmployersForReview(deps, user, { status: 'verified', page: basesPage, pageSize: 20 }),
    talentNameInScope(deps, user, text(values, 'talentId')),
    employerChoiceInScope(deps, user, text(values, 'employerId')),
    isDepartment ? findTalentsByName(deps, user, talentQ) : Promise.resolve([]),
    isDepartment && employerQ ? findEmployersInScope(deps, user, employerQ) : Promise.resolve([]),
    text(values, 'talentId') && isDepartment
      ? run(m, () => listAgreements(deps, user, { talentId: text(values, 'talentId'), page: 1, pageSize: 20 })).then((r) => (r.ok ? r.value.items : []))
      : Promise.resolve([] as AgreementDto[]),
  ]);
  const usable = talentAgreements.filter((a) => a.status === 'awaiting_placement' || a.status === 'serving');
  const positions = employer ? await openPositionsOf(deps, user, employer.id) : [];
  const employers = bases.items;
  const keep = { talentId: text(values, 'talentId'), employerId: text(values, 'employerId') };
  const opt = { values, errors, idPrefix: 'new' };
  const createSection = isDepartment && (
    <TalentEmployerForm
      anchor="new-placement"
      title={t.placements.createTitle}
      lead={t.placements.createLead}
      action="/department/placements"
      submit={t.placements.createButton}
      {...{ t, m, lang, keep, talentQ, talentsFound, employerQ, employersFound, chosen, values, errors }}
      employerParam="employerId"
      reloadOn="talentId"
      employerLabel={t.agreements.findEmployer}
    >
      <SelectField
        name="employerId"
        label={t.placements.employerId}
        options={employer ? [[employer.id, employerText(employer, lang)]] : []}
        empty={employer ? t.placements.chooseEmployer : t.agreements.chooseFirst}
        required
        {...opt}
      />
      <SelectField
        name="positionId"
        label={t.placements.positionId}
        options={positions.map((p) => [p.id, [p.title, p.regionName].filter(Boolean).join(' · ')] as [string, string])}
        empty={t.placements.noPosition}
        hint={employer && positions.length === 0 ? t.placements.noOpenPositions : undefined}
        {...opt}
      />
      <SelectField
        name="kind"
        label={t.placements.kind}
        options={PLACEMENT_KINDS.map((k) => [k, t.kinds[k]] as [string, string])}
        empty={m.regionPicker.choose}
        required
        {...opt}
      />
      <TextField name="startOn" type="date" label={t.placements.startOn} required {...opt} />
      <TextField name="endOn" type="date" label={t.placements.endOnOptional} {...opt} />
      <SelectField
        name="agreementId"
        label={t.placements.agreementId}
        options={usable.map((a) => [a.id, `${a.institution} · ${a.targetRegionName} · ${t.statuses[a.status]}`] as [string, string])}
        empty={t.placements.noAgreement}
        wide
        {...opt}
      />
    </TalentEmployerForm>
  );
  const back = toQuery(raw);
  return render(
    c,
    t.placements.title,
    <>
      <div class="page-head spread">
        <div>
          <h1>{t.placements.title}</h1>
          <p>{t.placements.lead}</p>
        </div>
        {isDepartment && (
          <a class="btn secondary" href="#new-placement">
            {t.placements.createTitle}
          </a>
        )}
      </div>
      <ErrorSummary errors={opts.actionErrors} />
      {errors && createSection}
      <FilterCard action="/department/placements" m={m} reset>
        <SelectField
          name="kind"
          label={t.placements.filterKind}
          options={PLACEMENT_KINDS.map((k) => [k, t.kinds[k]] as [string, string])}
          empty={m.common.any}
          values={raw}
          errors={filterErrors}
        />
        <SelectField
          name="open"
          label={t.placements.filterOpen}
          options={[
            ['true', t.placements.current],
            ['false', t.placements.ended],
          ]}
          empty={m.common.any}
          values={raw}
          errors={filterErrors}
        />
        <TextField name="q" type="search" label={m.layouts.placementNameQuery} maxlength={50} values={raw} errors={filterErrors} />
        {raw.sort && <input type="hidden" name="sort" value={raw.sort} />}
      </FilterCard>
      <SortProblem m={m} message={filterErrors.fields.sort} />
      <ResultCount m={m} page={result.page} pageSize={result.pageSize} total={result.total} />
      {result.items.length === 0 ? (
        <EmptyCard>{t.placements.empty}</EmptyCard>
      ) : (
        <PlacementTable
          items={result.items}
          t={t}
          m={m}
          today={today}
          failed={opts.failed}
          endAction={isDepartment ? (p) => `/department/placements/${p.id}/end${back}` : undefined}
          agreementHref={(id) => `/department/agreements/${id}`}
          sorting={{ sort: filters.sort ?? '-start', href: (sort) => `/department/placements${toQuery({ ...raw, page: undefined, sort })}`, m }}
        />
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/placements${toQuery({ ...raw, page: n })}`} m={m} />
      {!errors && createSection}
      <section class="card mt-24" id="internship-bases" aria-labelledby="bases-title">
        <h2 id="bases-title">{t.placements.internshipBases}</h2>
        <p class="muted">{t.placements.internshipBasesLead}</p>
        {employers.length === 0 ? (
          <p class="muted">{t.placements.noEmployers}</p>
        ) : (
          <ul class="plain-list">
            {employers.map((e) => (
              <li class="spread">
                <span>
                  {e.name} {e.internshipBase && <Badge tone="info">{t.placements.isBase}</Badge>}
                </span>
                {isDepartment || user!.role === 'admin' ? (
                  <ActionButton
                    action={`/department/employers/${e.id}/internship-base${toQuery({ value: e.internshipBase ? 'false' : 'true' })}`}
                    label={e.internshipBase ? t.placements.unsetBase : t.placements.setBase}
                    tone="secondary"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pager page={bases.page} pageSize={bases.pageSize} total={bases.total} href={(n) => `/department/placements${toQuery({ ...raw, bp: n })}#internship-bases`} m={m} />
      </section>
    </>,
    opts.status ?? (filterErrors.fields.sort ? 422 : 200),
    `/department/placements${searchOf(c)}`,
  );
}

placementsDepartmentPages.get('/department/placements', (c) => departmentPlacementsPage(c));

placementsDepartmentPages.post('/department/placements', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, CreatePlacementBody, placementInput(form), (d) => createPlacement(deps, user, d));
  if (!out.ok) return departmentPlacementsPage(c, { form, errors: out.errors, status: out.status });
  return redirectWith(c, '/department/placements', 'placementCreated');
});

// Ending confirms on its own step first (issue 11 §6): a valid end form lands there with what it typed.
placementsDepartmentPages.post('/department/placements/:id/end', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  const input = { endOn: text(form, 'endOn'), reason: text(form, 'reason') };
  const confirmed = text(form, 'confirm') === 'yes';
  const out = await submit(m, EndPlacementBody, input, (d) => (confirmed ? endPlacement(deps, user, id, d) : getPlacement(deps, user, id)));
  if (!out.ok) return departmentPlacementsPage(c, { failed: { id, errors: out.errors, values: form }, actionErrors: out.errors, status: out.status });
  if (!confirmed) return c.redirect(`/department/placements/${id}/end/confirm${toQuery({ ...c.req.query(), ...input })}`, 303);
  return redirectWith(c, `/department/placements${searchOf(c)}`, 'placementEnded');
});

placementsDepartmentPages.post('/department/employers/:id/internship-base', async (c) => {
  const { m, deps, user } = page(c);
  const value = c.req.query('value') === 'true';
  const out = await run(m, () => setInternshipBase(deps, user, c.req.param('id'), value));
  if (!out.ok) return departmentPlacementsPage(c, { actionErrors: out.errors, status: out.status });
  return redirectWith(c, '/department/placements#internship-bases', 'internshipBaseSet');
});

placementsDepartmentPages.get('/department/placements/:id/end/confirm', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const p = await getPlacement(deps, user, id); // not theirs: 404
  const { endOn = '', reason = '', ...listQuery } = c.req.query();
  const list = `/department/placements${toQuery(listQuery)}`;
  if (p.endOn) return c.redirect(list, 303);
  const action = `/department/placements/${id}/end${toQuery(listQuery)}`;
  return render(c, m.confirm.endPlacement.title, <EndPlacementConfirm p={p} m={m} action={action} back={list} values={{ endOn, reason }} />);
});
