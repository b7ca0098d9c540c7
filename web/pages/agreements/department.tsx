// The department's directed-training agreements (issue #4): the list with filters (status, a region
// inside the caller's scope), recording one (with finders for the talent and the target employer),
// and one agreement's detail with its placements, history and the legal status moves as buttons.
// Every form validates with the API's zod schema and calls the same service as the JSON API.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { REGION_CODE_PATTERN } from '../../../src/lib/regions-range';
import { AgreementListQuery, AgreementStatusBody, CreateAgreementBody, type AgreementDto } from '../../../src/agreements';
import { AGREEMENT_STATUSES, INITIAL_STATUSES, NOTE_REQUIRED } from '../../../src/agreements';
import { createAgreement, getAgreement, listAgreementsWithin, moveAgreement, servingWithoutPlacement } from '../../../src/agreements';
import { employerChoiceInScope, findEmployersInScope } from '../../../src/employers';
import { findTalentsByName, talentNameInScope } from '../../../src/talents';
import { listPlacements } from '../../../src/placements';
import { regionFullName } from '../../../src/regions';
import { loadRegionPick, regionQuery } from '../../regions';
import { Badge, ConfirmStep, EmptyCard, ErrorSummary, Fact, FilterCard, Pager, ResultCount, ScopedRegionField, SelectField, TextField, type Options } from '../../components';
import { AGREEMENT_TONES, AgreementFacts, AgreementHistory, NoPlacementBadge, servedText } from '../../components/agreement';
import { FIND_MAX, TalentEmployerForm, employerText } from '../../components/finders';
import { PlacementList } from '../../components/placement-list';
import { num, optText, parseFilters, readForm, submit, text, type FormErrors, type FormValues } from '../../forms';
import { redirectWith } from '../../flash';
import { messages, type Lang } from '../../i18n';
import type { PlacementsText } from '../../i18n/placements';
import { page, render, requireRole, type WebContext } from '../../page';
import { pick, toQuery } from '../../query';

export const agreementsDepartmentPages = new Hono<AppEnv>();
agreementsDepartmentPages.use('/department/agreements', requireRole('department', 'admin'));
agreementsDepartmentPages.use('/department/agreements/*', requireRole('department', 'admin'));

const textOf = (lang: Lang): PlacementsText => messages(lang).placements;

/** The part of the URL after the path, for a page re-rendered in answer to a post. */
const searchOf = (c: WebContext) => new URL(c.req.url).search;

function AgreementRecord({ a, t, lang, unplaced }: { a: AgreementDto; t: PlacementsText; lang: Lang; unplaced?: boolean }) {
  return (
    <li class="record" id={`agreement-${a.id}`}>
      <div class="spread">
        <h3>
          <a href={`/department/agreements/${a.id}`}>{a.talent.name}</a>
        </h3>
        <span class="row">
          <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
          {unplaced && <NoPlacementBadge t={t} />}
        </span>
      </div>
      <dl class="facts mt-8">
        <Fact term={t.agreements.target} wide>
          {a.targetRegionName}
          {a.targetEmployer ? ` · ${a.targetEmployer.name}` : ''}
        </Fact>
        <Fact term={t.agreements.institution}>{a.institution}</Fact>
        <Fact term={t.agreements.years}>{`${a.enrolmentYear}–${a.graduationYear}`}</Fact>
        <Fact term={t.agreements.serviceYears}>{t.agreements.yearsValue(a.serviceYears)}</Fact>
        <Fact term={t.agreements.served}>{servedText(t, a)}</Fact>
      </dl>
    </li>
  );
}

function agreementInput(f: FormValues) {
  return {
    talentId: text(f, 'talentId').trim(),
    targetRegionCode: text(f, 'targetRegionCode').trim(),
    targetEmployerId: optText(f, 'targetEmployerId'),
    institution: text(f, 'institution'),
    enrolmentYear: num(f, 'enrolmentYear'),
    graduationYear: num(f, 'graduationYear'),
    serviceYears: num(f, 'serviceYears'),
    signedOn: text(f, 'signedOn'),
    status: text(f, 'status') || null, // null, not the API's default: the form asks
  };
}

async function agreementsPage(c: WebContext, form?: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = textOf(lang);
  const raw = pick(await regionQuery(c), ['status', 'regionCode', 'page']);
  const { data: listFilters, errors: filterErrors } = parseFilters(m, AgreementListQuery, { ...pick(raw, ['status', 'page']), pageSize: '20' });
  const regionCode = raw.regionCode && REGION_CODE_PATTERN.test(raw.regionCode) ? raw.regionCode : undefined;
  const result = await listAgreementsWithin(deps, user, listFilters, regionCode);
  const isDepartment = user!.role === 'department';
  const q = c.req.query();
  // A finder's search or choice comes back with what was typed so far (web/static/app.js carries it).
  const values: FormValues = form ?? {
    serviceYears: '5',
    ...pick(q, ['talentId', 'targetEmployerId', 'institution', 'enrolmentYear', 'graduationYear', 'serviceYears', 'signedOn', 'status']),
    targetRegionCode: q.targetRegionCode && REGION_CODE_PATTERN.test(q.targetRegionCode) ? q.targetRegionCode : (user!.region_code ?? ''),
  };
  const talentQ = (q.find ?? '').trim().slice(0, FIND_MAX);
  const employerQ = (q.efind ?? '').trim().slice(0, FIND_MAX);
  const [chosen, targetEmployer, unplaced, talentsFound, employersFound, targetRegions, filterRegions] = await Promise.all([
    talentNameInScope(deps, user, text(values, 'talentId')),
    isDepartment ? employerChoiceInScope(deps, user, text(values, 'targetEmployerId')) : Promise.resolve(null),
    servingWithoutPlacement(deps, result.items),
    isDepartment ? findTalentsByName(deps, user, talentQ) : Promise.resolve([]),
    isDepartment && employerQ ? findEmployersInScope(deps, user, employerQ, text(values, 'targetRegionCode') || undefined) : Promise.resolve([]),
    loadRegionPick(c, 'targetRegionCode', text(values, 'targetRegionCode'), { scoped: true }),
    loadRegionPick(c, 'regionCode', regionCode ?? '', { scoped: true }),
  ]);
  // What the finders' links keep: the choices made so far.
  const keep = {
    talentId: text(values, 'talentId'),
    targetRegionCode: form ? text(form, 'targetRegionCode') : (q.targetRegionCode ?? ''),
    targetEmployerId: text(values, 'targetEmployerId'),
  };
  const statusOptions: Options = AGREEMENT_STATUSES.map((s) => [s, t.statuses[s]]);
  const opt = { values, errors, idPrefix: 'new' };
  const createSection = isDepartment ? (
    <TalentEmployerForm
      anchor="new-agreement"
      title={t.agreements.createTitle}
      lead={t.agreements.createLead}
      action="/department/agreements"
      submit={t.agreements.createButton}
      {...{ t, m, lang, keep, talentQ, talentsFound, employerQ, employersFound, chosen, values, errors }}
      employerParam="targetEmployerId"
      employerLabel={t.agreements.findEmployerTarget}
    >
      <ScopedRegionField m={m} pick={targetRegions} name="targetRegionCode" label={t.agreements.targetRegionCode} required {...opt} />
      <SelectField
        name="targetEmployerId"
        label={t.agreements.targetEmployerId}
        options={targetEmployer ? [[targetEmployer.id, employerText(targetEmployer, lang)]] : []}
        empty={t.agreements.noTargetEmployer}
        hint={targetEmployer ? undefined : t.agreements.chooseFirst}
        wide
        {...opt}
      />
      <TextField name="institution" label={t.agreements.institution} required maxlength={100} wide {...opt} />
      <TextField name="enrolmentYear" type="number" label={t.agreements.enrolmentYear} required inputmode="numeric" min={1950} max={2100} {...opt} />
      <TextField name="graduationYear" type="number" label={t.agreements.graduationYear} required inputmode="numeric" min={1950} max={2100} {...opt} />
      <TextField name="serviceYears" type="number" label={t.agreements.serviceYears} required inputmode="numeric" min={1} max={10} {...opt} />
      <TextField name="signedOn" type="date" label={t.agreements.signedOn} required {...opt} />
      <SelectField
        name="status"
        label={t.agreements.initialStatus}
        options={INITIAL_STATUSES.map((s) => [s, t.statuses[s]] as [string, string])}
        empty={m.regionPicker.choose}
        required
        {...opt}
      />
    </TalentEmployerForm>
  ) : (
    <p class="notice info">{t.agreements.notDepartment}</p>
  );
  const listQuery = { status: listFilters.status, regionCode };
  return render(
    c,
    t.agreements.title,
    <>
      <div class="page-head spread">
        <div>
          <h1>{t.agreements.title}</h1>
          <p>{t.agreements.lead}</p>
        </div>
        {isDepartment && (
          <a class="btn secondary" href="#new-agreement">
            {t.agreements.createTitle}
          </a>
        )}
      </div>
      {errors && createSection /* a failed post shows its form first */}
      <FilterCard action="/department/agreements" m={m} reset>
        <SelectField name="status" label={t.agreements.filterStatus} options={statusOptions} empty={m.common.any} value={listFilters.status ?? ''} errors={filterErrors} />
        <ScopedRegionField m={m} pick={filterRegions} name="regionCode" label={t.agreements.filterRegion} wide values={{ regionCode: raw.regionCode ?? '' }} hint="" />
      </FilterCard>
      <ResultCount m={m} page={result.page} pageSize={result.pageSize} total={result.total} />
      {result.items.length === 0 ? (
        <EmptyCard>{t.agreements.empty}</EmptyCard>
      ) : (
        <ul class="records">
          {result.items.map((a) => (
            <AgreementRecord a={a} t={t} lang={lang} unplaced={unplaced.has(a.id)} />
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/agreements${toQuery({ ...listQuery, page: n })}`} m={m} />
      {!errors && createSection}
    </>,
    status,
    `/department/agreements${searchOf(c)}`,
  );
}

agreementsDepartmentPages.get('/department/agreements', (c) => agreementsPage(c));

agreementsDepartmentPages.post('/department/agreements', async (c) => {
  const { m, deps, user } = page(c);
  const form = await readForm(c);
  const out = await submit(m, CreateAgreementBody, agreementInput(form), (d) => createAgreement(deps, user, d), form);
  if (!out.ok) return agreementsPage(c, form, out.errors, out.status);
  return redirectWith(c, `/department/agreements/${out.value.id}`, 'agreementCreated');
});

async function agreementPage(c: WebContext, id: string, form?: FormValues, errors?: FormErrors, status = 200) {
  const { lang, deps, user } = page(c);
  const t = textOf(lang);
  const a = await getAgreement(deps, user, id);
  const [placements, sponsorName] = await Promise.all([listPlacements(deps, user, { agreementId: id, page: 1, pageSize: 100 }), regionFullName(deps, a.sponsorRegionCode)]);
  const unplaced = (await servingWithoutPlacement(deps, [a])).has(a.id);
  return render(
    c,
    `${t.agreements.title} · ${a.talent.name}`,
    <>
      <nav class="breadcrumbs">
        <a href="/department/agreements">{t.agreements.back}</a>
      </nav>
      <div class="page-head spread">
        <h1>{`${a.talent.name} · ${a.institution}`}</h1>
        <span class="row">
          <Badge tone={AGREEMENT_TONES[a.status]}>{t.statuses[a.status]}</Badge>
          {unplaced && <NoPlacementBadge t={t} />}
        </span>
      </div>
      {unplaced && (
        <p class="notice warning" role="status">
          {t.agreements.noCurrentPlacementHint}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <section class="card" aria-labelledby="agreement-facts">
        <h2 id="agreement-facts" class="visually-hidden">
          {t.agreements.title}
        </h2>
        <AgreementFacts a={a} t={t} sponsorName={sponsorName} />
        {a.fulfillable && <p class="notice success mt-12">{t.agreements.fulfillable}</p>}
      </section>
      <section class="card" aria-labelledby="agreement-actions">
        <h2 id="agreement-actions">{t.agreements.actions}</h2>
        {a.nextSteps.length > 0 ? (
          <form method="post" action={`/department/agreements/${a.id}/move`} class="stack">
            <TextField name="note" label={t.agreements.noteLabel} maxlength={500} values={form} errors={errors} />
            <div class="row">
              {a.nextSteps.map((s) => (
                <button type="submit" name="status" value={s} class={NOTE_REQUIRED.includes(s) ? 'small danger' : 'small'}>
                  {t.moveTo[s]}
                </button>
              ))}
            </div>
          </form>
        ) : (
          <p class="muted">{user!.role === 'department' ? t.agreements.noActions : t.agreements.readOnly}</p>
        )}
      </section>
      <section class="card" aria-labelledby="agreement-placements">
        <h2 id="agreement-placements">{t.placements.title}</h2>
        {placements.items.length === 0 ? <p class="muted">{t.mine.noPlacements}</p> : <PlacementList items={placements.items} t={t} lang={lang} agreementHref={() => null} />}
      </section>
      <section class="card" aria-labelledby="agreement-history">
        <h2 id="agreement-history">{t.agreements.history}</h2>
        <AgreementHistory a={a} t={t} lang={lang} placements={placements.items} />
      </section>
    </>,
    status,
    `/department/agreements/${id}`,
  );
}

agreementsDepartmentPages.get('/department/agreements/:id', (c) => agreementPage(c, c.req.param('id')));

agreementsDepartmentPages.post('/department/agreements/:id/move', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const form = await readForm(c);
  // Recording a breach confirms on its own step first (issue 11 §6); that step posts back with confirm=yes.
  if (text(form, 'status') === 'breached' && text(form, 'confirm') !== 'yes') {
    return c.redirect(`/department/agreements/${id}/breach/confirm${toQuery({ note: optText(form, 'note') })}`, 303);
  }
  const out = await submit(m, AgreementStatusBody, { status: text(form, 'status'), note: optText(form, 'note') }, (d) => moveAgreement(deps, user, id, d));
  if (!out.ok) return agreementPage(c, id, form, out.errors, out.status);
  return redirectWith(c, `/department/agreements/${id}`, 'agreementMoved');
});

agreementsDepartmentPages.get('/department/agreements/:id/breach/confirm', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const a = await getAgreement(deps, user, id); // outside the region: 404
  if (!a.nextSteps.includes('breached')) return c.redirect(`/department/agreements/${id}`, 303);
  const x = m.confirm.breach;
  return render(
    c,
    x.title,
    <ConfirmStep
      title={x.title}
      lead={x.lead}
      warning={m.confirm.cannotUndo}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.talent}>{a.talent.name}</Fact>
          <Fact term={x.institution}>{a.institution}</Fact>
        </dl>
      }
      action={`/department/agreements/${id}/move`}
      hidden={{ status: 'breached' }}
      button={x.button}
      back={`/department/agreements/${id}`}
      backLabel={m.confirm.back}
    >
      <TextField name="note" label={x.note} required maxlength={500} wide values={{ note: c.req.query('note') ?? '' }} />
    </ConfirmStep>,
  );
});
