// A department's talent list: the talents of its region with filters, and revealing a full ID
// number once (the service writes the audit record).
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AVAILABILITY, EDUCATION_LEVELS, QUALIFICATION_LEVELS, SERVICE_AREAS, label } from '../../../src/lib/vocab';
import { TalentListQuery, type TalentDto } from '../../../src/talents';
import { listTalents, revealIdNumber } from '../../../src/talents';
import { Badge, EmptyCard, ErrorSummary, Fact, FilterCard, PageHead, Pager, RegionField, ResultCount, SelectField, Tags, TextField, vocabOptions } from '../../components';
import { parseFilters, run, type FormErrors, type FormValues } from '../../forms';
import { type Lang, type Messages } from '../../i18n';
import { page, render, type WebContext } from '../../page';
import { pick, toQuery } from '../../query';
import { regionNamesIn } from '../../../src/regions';
import { loadRegionPick, regionQuery } from '../../regions';

export const talentsDepartmentPages = new Hono<AppEnv>();

const TALENT_FILTERS = ['regionCode', 'qualification', 'serviceArea', 'availability', 'q', 'page'];

function TalentRecord({ t, m, lang, regionNames, revealed, back }: { t: TalentDto; m: Messages; lang: Lang; regionNames: Map<string, string>; revealed?: string; back: string }) {
  return (
    <li class="record" id={`talent-${t.id}`}>
      <div class="spread">
        <h3>{t.name}</h3>
        <Badge tone={t.availability === 'available' ? 'success' : 'neutral'}>{label(AVAILABILITY, t.availability, lang)}</Badge>
      </div>
      <dl class="facts mt-8">
        <Fact term={m.department.idNumber}>
          <span class="mono">{t.idNumberMasked ?? m.department.noIdNumber}</span>
        </Fact>
        <Fact term={m.department.contact}>{t.phone ?? m.common.notSet}</Fact>
        <Fact term={m.profile.region} wide>
          {(t.regionCode && regionNames.get(t.regionCode)) ?? t.regionCode ?? m.common.notSet}
        </Fact>
        <Fact term={m.profile.education}>{t.education ? [label(EDUCATION_LEVELS, t.education.level, lang), t.education.school].filter(Boolean).join(' · ') : m.common.notSet}</Fact>
        <Fact term={m.profile.qualification}>{label(QUALIFICATION_LEVELS, t.qualification.level, lang)}</Fact>
        <Fact term={m.profile.serviceAreas} wide>
          {t.serviceAreas.length ? <Tags codes={t.serviceAreas} vocab={SERVICE_AREAS} lang={lang} /> : m.common.notSet}
        </Fact>
      </dl>
      {revealed && (
        <div class="notice warning mt-12" role="status">
          <p>
            {m.department.revealed}
            <strong class="revealed">{revealed}</strong>
          </p>
          <p class="small">{m.department.revealedNote}</p>
        </div>
      )}
      {t.idNumberMasked && !revealed && (
        <div class="actions">
          <form method="post" action={`/department/talents/${t.id}/reveal${back}`}>
            <button type="submit" class="small secondary">
              {m.department.reveal}
            </button>
          </form>
        </div>
      )}
    </li>
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
      </FilterCard>
      <ErrorSummary errors={failure} />
      <ResultCount m={m} page={result.page} pageSize={result.pageSize} total={result.total} />
      {result.items.length === 0 ? (
        <EmptyCard>{m.department.talentsEmpty}</EmptyCard>
      ) : (
        <ul class="records">
          {result.items.map((t) => (
            <TalentRecord t={t} m={m} lang={lang} regionNames={regionNames} revealed={revealed?.talentId === t.id ? revealed.idNumber : undefined} back={back} />
          ))}
        </ul>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} href={(n) => `/department/talents${toQuery({ ...pick(raw, TALENT_FILTERS), page: n })}`} m={m} />
    </>,
    status,
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
