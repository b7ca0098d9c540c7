// /department/exports: a department (or admin) picks a dataset, format, region within its scope and
// filters, and downloads the file. The form posts (so a full export cannot be started by a link
// from another site) to a handler that validates with the API's schemas and streams through the same
// service as GET /api/v1/exports/…; the quick links are those API GETs, masked.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { AppError, zodIssuesToErrors } from '../../../src/lib/errors';
import { AGREEMENT_STATUSES, AVAILABILITY, PLACEMENT_KINDS, QUALIFICATION_LEVELS, REVEAL_PURPOSES, SERVICE_AREAS } from '../../../src/lib/vocab';
import { MAX_PURPOSE_NOTE } from '../../../src/talents';
import { adminScope } from '../../../src/lib/scope';
import { regionFullName } from '../../../src/regions';
import { DATASETS, type Dataset } from '../../../src/exports';
import { AgreementExportQuery, PlacementExportQuery, TalentExportQuery, type ExportParams } from '../../../src/exports';
import { exportRegionChoices, mayReveal } from '../../../src/exports';
import { exportDownload } from '../../../src/exports';
import { ErrorSummary, SelectField, TextField, idOf, vocabOptions, type Options } from '../../components';
import { checked, readForm, text, type FormErrors, type FormValues } from '../../forms';
import { messages, fieldMessage, fmt, problemMessage, type Lang, type Messages, type ShownFieldError } from '../../i18n';
import type { ExportsMessages } from '../../i18n/exports';
import { page, render, requireRole, type WebContext } from '../../page';

export const exportsPages = new Hono<AppEnv>();
exportsPages.use('/department/exports', requireRole('department', 'admin'));

const SCHEMAS = { talents: TalentExportQuery, placements: PlacementExportQuery, agreements: AgreementExportQuery } as const;
const FILTERS: Record<Dataset, string[]> = {
  talents: ['qualification', 'serviceArea', 'availability'],
  placements: ['kind', 'open'],
  agreements: ['status'],
};

const isDataset = (v: string): v is Dataset => (DATASETS as readonly string[]).includes(v);

function formErrors(m: Messages, errors: (ShownFieldError & { path: string })[], summary: string | null): FormErrors {
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.path] ??= fieldMessage(m, e);
  const n = Object.keys(fields).length;
  return { fields, summary: summary ?? (n ? fmt(m.common.formHasErrors, { n }) : null) };
}

/** The region choices (exportRegionChoices: the caller's region and two levels below it) indented
 * by depth; no other province is offered. A region deeper than the list can still be exported
 * through the API's `region` parameter. */
function regionOptions({ top, regions }: Awaited<ReturnType<typeof exportRegionChoices>>, current: string, currentName: string | null): Options {
  const options: Options = regions.map((r) => [r.code, '\u00a0\u00a0'.repeat(Math.max(0, r.level - top)) + r.name]);
  // A code posted from outside the list (deeper, or refused) stays shown as it was given.
  if (current && !regions.some((r) => r.code === current)) options.push([current, currentName ?? current]);
  return options;
}

function ExportForm({
  x,
  lang,
  values,
  errors,
  canReveal,
  hasXlsx,
  regions,
}: {
  x: ExportsMessages;
  lang: Lang;
  values: FormValues;
  errors?: FormErrors;
  canReveal: boolean;
  hasXlsx: boolean;
  regions: Options;
}) {
  const datasetOptions: Options = DATASETS.map((d) => [d, fmt(x.datasetOption, { name: x.datasets[d], hint: x.datasetHints[d] })]);
  const formatOptions: Options = hasXlsx
    ? [
        ['xlsx', x.formats.xlsx],
        ['csv', x.formats.csv],
      ]
    : [['csv', x.formats.csv]];
  const sel = (name: string, label: string, options: Options) => <SelectField name={name} label={label} options={options} empty={x.any} values={values} errors={errors} />;
  return (
    <section class="card" aria-labelledby="export-form-title">
      <h2 id="export-form-title">{x.formTitle}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/department/exports">
        <div class="form-grid">
          <SelectField name="dataset" label={x.dataset} options={datasetOptions} values={values} errors={errors} required />
          <SelectField name="format" label={x.format} options={formatOptions} values={values} errors={errors} hint={hasXlsx ? undefined : x.noXlsx} required />
          <SelectField name="region" label={x.region} options={regions} empty={x.regionWhole} values={values} errors={errors} hint={x.regionHint} wide />
        </div>
        <fieldset>
          <legend>{x.filtersTalents}</legend>
          <div class="form-grid">
            {sel('qualification', x.qualification, vocabOptions(QUALIFICATION_LEVELS, lang))}
            {sel('serviceArea', x.serviceArea, vocabOptions(SERVICE_AREAS, lang))}
            {sel('availability', x.availability, vocabOptions(AVAILABILITY, lang))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{x.filtersPlacements}</legend>
          <div class="form-grid">
            {sel('kind', x.kind, vocabOptions(PLACEMENT_KINDS, lang))}
            {sel('open', x.open, [
              ['true', x.opens.true],
              ['false', x.opens.false],
            ])}
          </div>
        </fieldset>
        <fieldset>
          <legend>{x.filtersAgreements}</legend>
          <div class="form-grid">{sel('status', x.status, vocabOptions(AGREEMENT_STATUSES, lang))}</div>
        </fieldset>
        {canReveal && (
          <div class="notice warning" id="reveal-warning">
            <label class="check">
              <input type="checkbox" id={idOf('reveal')} name="reveal" value="on" checked={checked(values, 'reveal')} aria-describedby="reveal-warning-text" />
              <span>{x.reveal}</span>
            </label>
            <p class="small" id="reveal-warning-text">
              {x.revealWarning}
            </p>
            <p class="small">{x.revealCsvNote}</p>
            <div class="form-grid">
              <SelectField name="purpose" label={x.purpose} options={vocabOptions(REVEAL_PURPOSES, lang)} empty={x.purposeChoose} values={values} errors={errors} />
              <TextField name="purposeNote" label={x.purposeNote} hint={x.purposeNoteHint} maxlength={MAX_PURPOSE_NOTE} values={values} errors={errors} />
            </div>
          </div>
        )}
        <p class="muted small">{x.neutralised}</p>
        <div class="form-actions">
          <button type="submit">{x.download}</button>
        </div>
      </form>
    </section>
  );
}

function QuickLinks({ x, lang, hasXlsx }: { x: ExportsMessages; lang: Lang; hasXlsx: boolean }) {
  const formats = hasXlsx ? (['xlsx', 'csv'] as const) : (['csv'] as const);
  return (
    <section class="card" aria-labelledby="export-quick-title">
      <h2 id="export-quick-title">{x.quickTitle}</h2>
      <p class="muted">{x.quickLead}</p>
      <ul class="records">
        {DATASETS.map((d) => (
          <li class="record spread">
            <span>{x.datasets[d]}</span>
            <span class="row">
              {formats.map((f) => (
                <a class="btn small secondary" href={`/api/v1/exports/${d}?format=${f}&lang=${lang}`} download>
                  {f === 'xlsx' ? 'Excel' : 'CSV'}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

async function exportsPage(c: WebContext, values: FormValues, errors?: FormErrors, status = 200) {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).exports;
  const scope = user ? adminScope(user) : null;
  const scopeName = scope ? await regionFullName(deps, scope) : x.scopeAll;
  const current = text(values, 'region').trim();
  const regions = scope === null ? [] : regionOptions(await exportRegionChoices(deps, user), current, await regionFullName(deps, current));
  return render(
    c,
    x.title,
    <>
      <div class="page-head">
        <h1>{x.title}</h1>
        <p>{x.lead}</p>
        <p class="muted">{fmt(x.scopeNow, { name: scopeName ?? scope ?? '' })}</p>
      </div>
      <ExportForm x={x} lang={lang} values={values} errors={errors} canReveal={!!user && mayReveal(user)} hasXlsx={!!deps.xlsx} regions={regions} />
      <QuickLinks x={x} lang={lang} hasXlsx={!!deps.xlsx} />
    </>,
    status,
    '/department/exports',
  );
}

exportsPages.get('/department/exports', (c) => {
  const q = c.req.query();
  const { deps } = page(c);
  const values: FormValues = { dataset: isDataset(q.dataset ?? '') ? q.dataset : 'talents', format: deps.xlsx ? 'xlsx' : 'csv' };
  return exportsPage(c, values);
});

exportsPages.post('/department/exports', async (c) => {
  const { m, lang, deps, user } = page(c);
  const x = messages(lang).exports;
  const form = await readForm(c);
  const dataset = text(form, 'dataset');
  if (!isDataset(dataset)) return exportsPage(c, form, formErrors(m, [{ path: 'dataset', message: x.datasetRequired }], null), 422);

  // The API's query parameters: the chosen dataset's filters only, empty selects left out.
  const raw: Record<string, string> = { format: text(form, 'format'), reveal: checked(form, 'reveal') ? 'true' : 'false', lang };
  for (const key of ['region', ...FILTERS[dataset], 'purpose', 'purposeNote']) {
    const v = text(form, key).trim();
    if (v) raw[key] = v;
  }
  const parsed = SCHEMAS[dataset].safeParse(raw);
  if (!parsed.success) return exportsPage(c, form, formErrors(m, zodIssuesToErrors(parsed.error.issues, raw), null), 422);
  try {
    return await exportDownload(deps, user, dataset, parsed.data as ExportParams);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.code === 'forbidden' || err.code === 'unauthenticated') throw err;
    // A region outside the caller's scope is "not found" in the API; here it is said at the field.
    if (err.code === 'not_found') return exportsPage(c, form, formErrors(m, [{ path: 'region', message: x.outOfScope }], null), 404);
    return exportsPage(c, form, formErrors(m, err.errors ?? [], err.errors?.length ? null : problemMessage(m, err)), err.status);
  }
});
