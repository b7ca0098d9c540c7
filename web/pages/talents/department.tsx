// A department's talent list: the talents of its region with filters, and revealing a full ID
// number: a confirmation step that asks for the purpose, the reveal (the service writes the audit
// record with it), then a redirect to the list that shows the number once (issue 11 §6).
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, QUALIFICATION_LEVELS, REVEAL_PURPOSES, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { MAX_PURPOSE_NOTE, RevealIdNumberBody, TalentListQuery, type TalentDto } from '../../../src/talents';
import { getTalent, listTalents, revealIdNumber } from '../../../src/talents';
import {
  Badge,
  ConfirmStep,
  EmptyCard,
  ErrorSummary,
  Fact,
  FilterCard,
  PageHead,
  Pager,
  RegionField,
  ResultCount,
  SelectField,
  SortHeader,
  SortProblem,
  Tags,
  TextField,
  WideTable,
  vocabOptions,
} from '../../components';
import { optText, parseFilters, readForm, run, submit, text, type FormErrors, type FormValues } from '../../forms';
import { type Lang, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { pick, toQuery } from '../../query';
import { regionNamesIn } from '../../../src/regions';
import { loadRegionPick, regionQuery } from '../../regions';

export const talentsDepartmentPages = new Hono<AppEnv>();

const TALENT_FILTERS = ['regionCode', 'qualification', 'serviceArea', 'availability', 'q', 'sort', 'page'];

/** One talent as a table row; the full ID number shows in its cell once revealed. */
function TalentRow({ t, m, lang, regionNames, revealed, back }: { t: TalentDto; m: Messages; lang: Lang; regionNames: Map<string, string>; revealed?: string; back: string }) {
  return (
    <tr id={`talent-${t.id}`}>
      <th scope="row">{t.name}</th>
      <td>{(t.regionCode && regionNames.get(t.regionCode)) ?? t.regionCode ?? m.common.notSet}</td>
      <td>{t.education ? [label(EDUCATION_LEVELS, t.education.level, lang), t.education.school].filter(Boolean).join(' · ') : m.common.notSet}</td>
      <td class="nowrap">{label(QUALIFICATION_LEVELS, t.qualification.level, lang)}</td>
      <td>{t.serviceAreas.length ? <Tags codes={t.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}</td>
      <td>
        <Badge tone={t.availability === 'available' ? 'success' : 'neutral'}>{label(AVAILABILITY, t.availability, lang)}</Badge>
      </td>
      <td class="nowrap">{t.phone ?? m.common.notSet}</td>
      <td>
        {revealed ? (
          <div class="notice warning m-0" role="status">
            <p>
              {m.department.revealed}
              <strong class="revealed">{revealed}</strong>
            </p>
            <p class="small">{m.department.revealedNote}</p>
          </div>
        ) : (
          <span class="mono nowrap">{t.idNumberMasked ?? m.department.noIdNumber}</span>
        )}
        {t.idNumberMasked && !revealed && (
          <a class="btn small secondary" href={`/department/talents/${t.id}/reveal/confirm${back}`}>
            {m.department.reveal}
          </a>
        )}
      </td>
      <td class="nowrap">{day(t.updatedAt)}</td>
    </tr>
  );
}

async function talentsPage(c: WebContext, revealed?: { talentId: string; idNumber: string }, failure?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const raw = pick(await regionQuery(c), TALENT_FILTERS);
  const { data: filters, errors } = parseFilters(m, TalentListQuery, { ...raw, pageSize: '20' });
  const outcome = await run(m, () => listTalents(deps, user, filters));
  const result = outcome.ok ? outcome.value : { items: [], total: 0, page: 1, pageSize: 20 };
  const shownErrors: FormErrors = outcome.ok ? errors : { fields: { ...errors.fields, ...outcome.errors.fields }, summary: null };
  const [regionNames, regionPick] = await Promise.all([
    regionNamesIn(
      deps,
      result.items.map((t) => t.regionCode ?? ''),
      lang,
    ),
    loadRegionPick(c, 'regionCode', filters.regionCode ?? '', { scoped: true }),
  ]);
  const values: FormValues = { ...raw };
  const back = toQuery(pick(raw, TALENT_FILTERS));
  // Sorting starts again at the first page and keeps every filter.
  const sorting = { sort: filters.sort ?? '-updated', href: (sort: string) => `/department/talents${toQuery({ ...pick(raw, TALENT_FILTERS), page: undefined, sort })}`, m };
  if (revealed) c.header('Cache-Control', 'no-store');
  return render(
    c,
    m.department.talentsTitle,
    <>
      <PageHead title={m.department.talentsTitle} lead={m.department.talentsLead} />
      <FilterCard action="/department/talents" m={m} reset>
        <RegionField name="regionCode" label={m.department.region} m={m} pick={regionPick} wide values={values} errors={shownErrors} hint="" />
        <SelectField
          name="qualification"
          label={m.department.qualification}
          options={vocabOptions(QUALIFICATION_LEVELS, lang)}
          empty={m.common.any}
          values={values}
          errors={shownErrors}
        />
        <SelectField name="serviceArea" label={m.department.serviceArea} options={vocabOptions(SERVICE_AREAS, lang)} empty={m.common.any} values={values} errors={shownErrors} />
        <SelectField name="availability" label={m.department.availability} options={vocabOptions(AVAILABILITY, lang)} empty={m.common.any} values={values} errors={shownErrors} />
        <TextField name="q" type="search" label={m.department.nameQuery} maxlength={50} values={values} errors={shownErrors} />
        {raw.sort && <input type="hidden" name="sort" value={raw.sort} />}
      </FilterCard>
      <ErrorSummary errors={failure} />
      <SortProblem m={m} message={errors.fields.sort} />
      <ResultCount m={m} page={result.page} pageSize={result.pageSize} total={result.total} />
      {result.items.length === 0 ? (
        <EmptyCard>{m.department.talentsEmpty}</EmptyCard>
      ) : (
        <WideTable m={m} label={m.department.talentsTitle}>
          <thead>
            <tr>
              <SortHeader label={m.profile.name} column="name" {...sorting} />
              <SortHeader label={m.profile.region} column="region" {...sorting} />
              <SortHeader label={m.profile.education} m={m} />
              <SortHeader label={m.profile.qualification} column="qualification" {...sorting} />
              <SortHeader label={m.profile.serviceAreas} m={m} />
              <SortHeader label={m.department.availability} m={m} />
              <SortHeader label={m.department.contact} m={m} />
              <SortHeader label={m.department.idNumber} m={m} />
              <SortHeader label={m.layouts.updated} column="updated" {...sorting} />
            </tr>
          </thead>
          <tbody>
            {result.items.map((t) => (
              <TalentRow t={t} m={m} lang={lang} regionNames={regionNames} revealed={revealed?.talentId === t.id ? revealed.idNumber : undefined} back={back} />
            ))}
          </tbody>
        </WideTable>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/talents${toQuery({ ...pick(raw, TALENT_FILTERS), page: n })}`} m={m} />
    </>,
    errors.fields.sort ? 422 : status,
    `/department/talents${new URL(c.req.url).search}`,
  );
}

talentsDepartmentPages.get('/department/talents', async (c) => {
  const { deps, user } = page(c);
  return talentsPage(c, await takeRevealed(c, deps, user!.id));
});

// The revealed number travels from the POST to the page it redirects to in a cookie sealed with the
// data key (never in a URL), bound to the caller, valid for a minute and read once: the page that
// shows it is not cached, and reloading it shows the masked number and writes no second audit row.
const REVEAL_COOKIE = 'revealed';
const REVEAL_TTL_MS = 60_000;
type Deps = ReturnType<typeof page>['deps'];

async function setRevealed(c: WebContext, deps: Deps, userId: string, r: { talentId: string; idNumber: string }) {
  const sealed = await deps.fieldCrypto.encrypt(JSON.stringify({ u: userId, t: r.talentId, n: r.idNumber, e: deps.now() + REVEAL_TTL_MS }));
  setCookie(c, REVEAL_COOKIE, sealed, { path: '/department/talents', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: REVEAL_TTL_MS / 1000 });
}

async function takeRevealed(c: WebContext, deps: Deps, userId: string): Promise<{ talentId: string; idNumber: string } | undefined> {
  const sealed = getCookie(c, REVEAL_COOKIE);
  if (!sealed) return undefined;
  deleteCookie(c, REVEAL_COOKIE, { path: '/department/talents', secure: true });
  try {
    const v = JSON.parse(await deps.fieldCrypto.decrypt(sealed)) as { u: string; t: string; n: string; e: number };
    return v.u === userId && v.e > deps.now() ? { talentId: v.t, idNumber: v.n } : undefined;
  } catch {
    return undefined; // tampered or sealed with another key: show nothing
  }
}

async function revealConfirmPage(c: WebContext, id: string, form: FormValues = {}, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const t = await getTalent(deps, user, id); // out of scope: 404
  const x = m.confirm.reveal;
  const back = `/department/talents${new URL(c.req.url).search}`;
  return render(
    c,
    x.title,
    <ConfirmStep
      title={x.title}
      lead={x.lead}
      warning={x.shownOnce}
      facts={
        <dl class="facts mt-8">
          <Fact term={x.talent}>{t.name}</Fact>
          <Fact term={x.masked}>
            <span class="mono">{t.idNumberMasked ?? m.department.noIdNumber}</span>
          </Fact>
        </dl>
      }
      action={`/department/talents/${id}/reveal${new URL(c.req.url).search}`}
      button={x.button}
      back={`${back}#talent-${id}`}
      backLabel={m.confirm.back}
      errors={errors}
    >
      <SelectField name="purpose" label={x.purpose} options={vocabOptions(REVEAL_PURPOSES, lang)} empty={m.regionPicker.choose} required values={form} errors={errors} />
      <TextField name="purposeNote" label={x.purposeNote} hint={x.purposeNoteHint} maxlength={MAX_PURPOSE_NOTE} values={form} errors={errors} />
    </ConfirmStep>,
    status,
    `/department/talents/${id}/reveal/confirm${new URL(c.req.url).search}`,
  );
}

talentsDepartmentPages.get('/department/talents/:id/reveal/confirm', (c) => revealConfirmPage(c, c.req.param('id')));

// A reveal posted without its confirmation step (an old form, a replayed request) lands on that step.
talentsDepartmentPages.post('/department/talents/:id/reveal', async (c) => {
  const { m, deps, user } = page(c);
  const id = c.req.param('id');
  const search = new URL(c.req.url).search;
  const form = await readForm(c);
  if (text(form, 'confirm') !== 'yes') return c.redirect(`/department/talents/${id}/reveal/confirm${search}`, 303);
  const out = await submit(m, RevealIdNumberBody, { purpose: text(form, 'purpose'), purposeNote: optText(form, 'purposeNote') }, (d) => revealIdNumber(deps, user, id, d));
  if (!out.ok) return revealConfirmPage(c, id, form, out.errors, out.status);
  await setRevealed(c, deps, user!.id, out.value);
  return c.redirect(`/department/talents${search}#talent-${id}`, 303);
});
