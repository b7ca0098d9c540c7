// A department's talent list: the talents of its region with filters, and revealing a full ID
// number once (the service writes the audit record).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { TalentListQuery, type TalentDto } from '../../../src/talents';
import { listTalents, revealIdNumber } from '../../../src/talents';
import {
  Badge,
  EmptyCard,
  ErrorSummary,
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
import { parseFilters, run, type FormErrors, type FormValues } from '../../forms';
import { type Lang, type Messages } from '../../i18n';
import { day, page, render, type WebContext } from '../../page';
import { pick, toQuery } from '../../query';
import { regionFullName, regionFullNames } from '../../../src/regions';

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
          <form method="post" action={`/department/talents/${t.id}/reveal${back}`}>
            <button type="submit" class="small secondary">
              {m.department.reveal}
            </button>
          </form>
        )}
      </td>
      <td class="nowrap">{day(t.updatedAt)}</td>
    </tr>
  );
}

async function talentsPage(c: WebContext, revealed?: { talentId: string; idNumber: string }, failure?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const raw = pick(c.req.query(), TALENT_FILTERS);
  const { data: filters, errors } = parseFilters(m, TalentListQuery, { ...raw, pageSize: '20' });
  const outcome = await run(m, () => listTalents(deps, user, filters));
  const result = outcome.ok ? outcome.value : { items: [], total: 0, page: 1, pageSize: 20 };
  const shownErrors: FormErrors = outcome.ok ? errors : { fields: { ...errors.fields, ...outcome.errors.fields }, summary: null };
  const [regionNames, filterRegionName] = await Promise.all([
    regionFullNames(
      deps,
      result.items.map((t) => t.regionCode ?? ''),
    ),
    regionFullName(deps, filters.regionCode),
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
        <RegionField name="regionCode" label={m.department.region} m={m} regionName={filterRegionName} wide values={values} errors={shownErrors} hint="" />
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

talentsDepartmentPages.get('/department/talents', (c) => talentsPage(c));

// The full number is shown in the answer to this POST only: never in a URL, a cookie or a redirect.
talentsDepartmentPages.post('/department/talents/:id/reveal', async (c) => {
  const { m, deps, user } = page(c);
  const out = await run(m, () => revealIdNumber(deps, user, c.req.param('id')));
  if (!out.ok) return talentsPage(c, undefined, out.errors, out.status);
  return talentsPage(c, out.value);
});
