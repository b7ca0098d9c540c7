// The department dashboard (/department/statistics/*): each figure is a chart beside its table. The
// tables are rendered here, so the page works without script; web/static/charts.js draws the charts
// with ECharts (served locally from /vendor/echarts) from the JSON island next to each. Child region
// names link one level down (?region=…), breadcrumbs lead back up as far as the caller's own region,
// and every table downloads as CSV or xlsx (/department/statistics/download/<table>.<csv|xlsx>).
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../src/lib/context';
import { AppError } from '../../../src/lib/errors';
import { csvFile } from '../../../src/lib/tabular';
import type { Cell } from '../../../src/lib/spreadsheet';
import { statisticsService as stats } from '../../../src/statistics';
import { MonthlyQuery, RegionPageQuery, RegionQuery } from '../../../src/statistics';
import { TALENT_DIMENSIONS, type TalentDimension } from '../../../src/statistics';
import { directedFigures, lapsingFigures, monthlyFigures, schoolFigure, supplyFigures, talentFigure, townshipFigure, type ChartSpec, type Figure, type StatTable } from './tables';
import { Pager, RegionField, TextField } from '../../components';
import { fileNamePart, regionName } from '../../../src/regions';
import { loadRegionPick, regionQuery } from '../../regions';
import { parseFilters, type FormErrors } from '../../forms';
import { messages, fmt, type Lang } from '../../i18n';
import type { StatisticsText } from '../../i18n/statistics';
import { page, render, requireRole, type WebContext } from '../../page';

export const statisticsPages = new Hono<AppEnv>();
statisticsPages.use('/department/statistics', requireRole('department', 'admin'));
statisticsPages.use('/department/statistics/*', requireRole('department', 'admin'));

const SECTIONS = ['talents', 'supply', 'coverage', 'placements', 'directed', 'lapsing'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_PATH: Record<Section, string> = {
  talents: '/department/statistics',
  supply: '/department/statistics/supply-demand',
  coverage: '/department/statistics/coverage',
  placements: '/department/statistics/placements',
  directed: '/department/statistics/directed-training',
  lapsing: '/department/statistics/lapsing',
};
const HELP: Record<Section, (keyof StatisticsText['help'])[]> = {
  talents: ['talents'],
  supply: ['supply'],
  coverage: ['townships', 'schools'],
  placements: ['placements'],
  directed: ['directed'],
  lapsing: ['lapsing'],
};
const LIST_PAGE = 50;
/** Downloads carry whole lists (uncovered townships at the root are ~41,000 rows). */
const DOWNLOAD_ALL = 1_000_000;

function query(values: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function queryOf(q: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = q[k];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- figures per section

interface Loaded {
  ctx: stats.StatContext;
  figures: Figure[];
  /** Query parameters that the section's links keep (besides region). */
  keep: Record<string, string>;
  errors: FormErrors;
  extra?: unknown;
}

/** On English pages the child regions' names (a region row's first cell, and the same names as chart
 * categories) are romanised like every other region name (src/regions). */
function romaniseRegions(figures: Figure[]): Figure[] {
  const names = new Map<string, string>();
  for (const t of figures.flatMap((f) => f.tables)) {
    for (const r of t.rows) {
      if (r.region && typeof r.cells[0] === 'string') {
        const en = regionName(r.cells[0], 'en');
        names.set(r.cells[0], en);
        r.cells[0] = en;
      }
    }
  }
  for (const f of figures) if (f.chart) f.chart.categories = f.chart.categories.map((c) => names.get(c) ?? c);
  return figures;
}

async function loadSection(c: WebContext, section: Section, listSize: number, only?: TalentDimension): Promise<Loaded> {
  const loaded = await loadSectionIn(c, section, listSize, only);
  if (c.get('lang') === 'en') romaniseRegions(loaded.figures);
  return loaded;
}

async function loadSectionIn(c: WebContext, section: Section, listSize: number, only?: TalentDimension): Promise<Loaded> {
  const { deps, user, m } = page(c);
  const lang = (c.get('lang') ?? 'zh') as Lang;
  const T = messages(lang).statistics;
  const raw = queryOf(await regionQuery(c), ['region', 'from', 'to', 'page', 'tpage', 'spage']);
  if (section === 'placements') {
    const { data, errors } = parseFilters(m, MonthlyQuery, { region: raw.region, from: raw.from, to: raw.to } as Record<string, string>);
    const ctx = await stats.statContext(deps, user, data.region);
    const dto = await stats.monthlyPlacements(deps, ctx, data);
    const keep: Record<string, string> = data.from || data.to ? { from: dto.from, to: dto.to } : {};
    return { ctx, figures: monthlyFigures(dto, T), keep, errors, extra: dto };
  }
  const { data, errors } = parseFilters(m, RegionQuery, raw.region === undefined ? {} : { region: raw.region });
  const ctx = await stats.statContext(deps, user, data.region);
  const pageNo = (name: 'page' | 'tpage' | 'spage') => {
    const parsed = RegionPageQuery.safeParse({ page: raw[name] });
    return parsed.success ? parsed.data.page : 1;
  };
  switch (section) {
    case 'talents': {
      const all = await Promise.all((only ? [only] : TALENT_DIMENSIONS).map((d) => stats.talentBreakdown(deps, ctx, d)));
      return { ctx, figures: all.map((dto) => talentFigure(dto, T, lang)), keep: {}, errors };
    }
    case 'supply':
      return { ctx, figures: supplyFigures(await stats.supplyDemand(deps, ctx), T, lang), keep: {}, errors };
    case 'coverage': {
      const [town, school] = await Promise.all([
        stats.townshipCoverage(deps, ctx, { page: listSize === DOWNLOAD_ALL ? 1 : pageNo('tpage'), pageSize: listSize }),
        stats.schoolCoverage(deps, ctx, { page: listSize === DOWNLOAD_ALL ? 1 : pageNo('spage'), pageSize: listSize }),
      ]);
      return { ctx, figures: [townshipFigure(town, T), schoolFigure(school, T)], keep: {}, errors, extra: { town, school } };
    }
    case 'directed':
      return { ctx, figures: directedFigures(await stats.directedTraining(deps, ctx), T), keep: {}, errors };
    case 'lapsing': {
      const dto = await stats.lapsingRegistrations(deps, ctx, { page: listSize === DOWNLOAD_ALL ? 1 : pageNo('page'), pageSize: listSize });
      return { ctx, figures: lapsingFigures(dto, T, lang), keep: {}, errors, extra: dto };
    }
  }
  throw new AppError('not_found', 'No such section');
}

// ---------------------------------------------------------------- rendering

/** JSON for a <script type="application/json"> island: nothing in it can end the element. */
function island(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function cellText(v: Cell, pct = false): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return pct ? v.toFixed(1) : v.toLocaleString('en-US');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function Chart({ id, title, spec, T }: { id: string; title: string; spec: ChartSpec; T: StatisticsText }) {
  return (
    <>
      <div class="stat-chart" id={`chart-${id}`} data-chart={`chart-data-${id}`} role="img" aria-label={title} hidden></div>
      <script type="application/json" id={`chart-data-${id}`} dangerouslySetInnerHTML={{ __html: island(spec) }}></script>
      <noscript>
        <p class="muted small">{T.scriptNote}</p>
      </noscript>
    </>
  );
}

function Table({ table, drill, downloads, T }: { table: StatTable; drill: (code: string) => string; downloads: string; T: StatisticsText }) {
  return (
    <div class="stat-table-block">
      <p class="scroll-hint muted small" aria-hidden="true">
        {T.scrollHint}
      </p>
      <div class="table-wrap">
        <table class="stat-table" id={`table-${table.id}`}>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th scope="col" class={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colspan={table.header.length} class="muted">
                  {table.empty ?? T.noData}
                </td>
              </tr>
            )}
            {table.rows.map((r) => (
              <tr class={r.total ? 'total' : undefined}>
                {r.cells.map((v, i) =>
                  i === 0 ? (
                    <th scope="row">{r.region ? <a href={drill(r.region)}>{cellText(v)}</a> : cellText(v)}</th>
                  ) : (
                    <td class={typeof v === 'number' || v === null ? 'num' : undefined}>{cellText(v, table.pct?.includes(i))}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="stat-downloads small">
        {T.download} <a href={`/department/statistics/download/${table.id}.csv${downloads}`} download>{`${table.title} · ${T.csv}`}</a>
        {' · '}
        <a href={`/department/statistics/download/${table.id}.xlsx${downloads}`} download>
          {T.xlsx}
        </a>
      </p>
    </div>
  );
}

function FigureCard({ fig, drill, downloads, T, after }: { fig: Figure; drill: (code: string) => string; downloads: string; T: StatisticsText; after?: Record<string, Child> }) {
  const tableWith = (t: StatTable) => (
    <>
      <Table table={t} drill={drill} downloads={downloads} T={T} />
      {after?.[t.id]}
    </>
  );
  return (
    <section class="card stat-figure" id={`figure-${fig.id}`} aria-labelledby={`figure-${fig.id}-title`}>
      <h2 id={`figure-${fig.id}-title`}>{fig.title}</h2>
      {fig.note && <p class="muted small">{fig.note}</p>}
      {fig.chart && (
        // The chart with the figure's first table beside it; wider tables follow at full width.
        <div class="stat-figure-body">
          <Chart id={fig.id} title={fig.title} spec={fig.chart} T={T} />
          <div class="stat-tables">{tableWith(fig.tables[0])}</div>
        </div>
      )}
      <div class="stat-tables">{(fig.chart ? fig.tables.slice(1) : fig.tables).map(tableWith)}</div>
    </section>
  );
}

function Breadcrumbs({ ctx, T, href, lang }: { ctx: stats.StatContext; T: StatisticsText; href: (code: string | undefined) => string; lang: Lang }) {
  const items: { code: string; name: string }[] = [
    ...(ctx.scope === '' ? [{ code: '', name: T.root }] : []),
    ...ctx.region.path.map((p) => ({ code: p.code, name: regionName(p.name, lang) })),
  ];
  return (
    <nav class="breadcrumbs" aria-label={T.breadcrumbLabel}>
      <ol>
        {items.map((it, i) => {
          const current = i === items.length - 1;
          const reachable = it.code.startsWith(ctx.scope);
          return (
            <li>
              {current ? <span aria-current="page">{it.name}</span> : reachable ? <a href={href(it.code === '' ? undefined : it.code)}>{it.name}</a> : <span>{it.name}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

async function sectionPage(c: WebContext, section: Section) {
  const { m, lang } = page(c);
  const T = messages(lang).statistics;
  const loaded = await loadSection(c, section, LIST_PAGE);
  const { ctx, figures, keep, errors } = loaded;
  const regionPick = await loadRegionPick(c, 'region', ctx.region.code, { scoped: true });
  const region = ctx.region.code === ctx.scope ? undefined : ctx.region.code || undefined;
  const here = SECTION_PATH[section];
  const linkTo = (path: string, code: string | undefined, extra: Record<string, string> = {}) => `${path}${query({ region: code, ...extra })}`;
  const drill = (code: string) => linkTo(here, code, keep);
  const downloads = query({ region: ctx.region.code || undefined, ...keep });

  // Paged lists under their tables (coverage, lapsing).
  const after: Record<string, Child> = {};
  if (section === 'coverage') {
    const { town, school } = loaded.extra as { town: Awaited<ReturnType<typeof stats.townshipCoverage>>; school: Awaited<ReturnType<typeof stats.schoolCoverage>> };
    const tpage = town.uncovered.page;
    const spage = school.uncovered.page;
    after['townships-uncovered'] = (
      <Pager
        page={tpage}
        pageSize={LIST_PAGE}
        total={town.uncovered.total}
        href={(n) => `${linkTo(here, region, { tpage: String(n), spage: String(spage) })}#figure-townships`}
        m={m}
      />
    );
    after['schools-uncovered'] = (
      <Pager
        page={spage}
        pageSize={LIST_PAGE}
        total={school.uncovered.total}
        href={(n) => `${linkTo(here, region, { tpage: String(tpage), spage: String(n) })}#figure-schools`}
        m={m}
      />
    );
  }
  if (section === 'lapsing') {
    const dto = loaded.extra as Awaited<ReturnType<typeof stats.lapsingRegistrations>>;
    after['lapsing-list'] = (
      <Pager page={dto.list.page} pageSize={LIST_PAGE} total={dto.list.total} href={(n) => `${linkTo(here, region, { page: String(n) })}#figure-lapsing-list`} m={m} />
    );
  }

  const title = `${T.title} · ${T.sections[section]}`;
  return render(
    c,
    title,
    <>
      <div class="page-head">
        <h1>{title}</h1>
        <p>{T.lead}</p>
        <p class="small muted">{fmt(T.asOf, { date: ctx.today })}</p>
      </div>
      <nav class="stat-sections" aria-label={T.sectionsLabel}>
        <ul>
          {SECTIONS.map((s) => (
            <li>
              <a href={linkTo(SECTION_PATH[s], region)} aria-current={s === section ? 'page' : undefined}>
                {T.sections[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Breadcrumbs ctx={ctx} T={T} lang={lang} href={(code) => linkTo(here, code === ctx.scope ? undefined : code, keep)} />
      <section class="card filters">
        <form method="get" action={here}>
          <div class="form-grid">
            <RegionField name="region" label={T.regionCode} m={m} pick={regionPick} values={{ region: ctx.region.code }} errors={errors} hint="" />
            {section === 'placements' && (
              <>
                <TextField name="from" type="text" label={T.from} placeholder="YYYY-MM" maxlength={7} value={(loaded.extra as { from: string }).from} errors={errors} />
                <TextField name="to" type="text" label={T.to} placeholder="YYYY-MM" maxlength={7} value={(loaded.extra as { to: string }).to} errors={errors} />
              </>
            )}
            <div class="form-actions">
              <button type="submit">{T.show}</button>
            </div>
          </div>
        </form>
        {ctx.region.children.length === 0 && <p class="muted small">{T.noChildren}</p>}
      </section>
      {figures.map((fig) => (
        <FigureCard fig={fig} drill={drill} downloads={downloads} T={T} after={after} />
      ))}
      <section class="card">
        <details>
          <summary>{T.definitions}</summary>
          {HELP[section].map((k) => (
            <p class="small">{T.help[k]}</p>
          ))}
        </details>
      </section>
      <script src="/vendor/echarts/echarts.min.js" defer></script>
      <script src="/static/charts.js" defer></script>
    </>,
    200,
    `${here}${new URL(c.req.url).search}`,
  );
}

for (const s of SECTIONS) statisticsPages.get(SECTION_PATH[s], (c) => sectionPage(c, s));

// ---------------------------------------------------------------- downloads

/** Which section holds a table (ids from ./tables.ts). */
function sectionOfTable(id: string): Section | null {
  if (/^talents-[a-zA-Z]+(-regions)?$/.test(id)) return 'talents';
  if (id.startsWith('supply-')) return 'supply';
  if (id.startsWith('townships') || id.startsWith('schools')) return 'coverage';
  if (id.startsWith('months')) return 'placements';
  if (id.startsWith('directed-')) return 'directed';
  if (id.startsWith('lapsing-')) return 'lapsing';
  return null;
}

function contentDisposition(file: string, asciiFile = file): string {
  const ascii = asciiFile.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}

statisticsPages.get('/department/statistics/download/:file{[a-zA-Z-]+\\.(?:csv|xlsx)}', async (c) => {
  const file = c.req.param('file');
  const dot = file.lastIndexOf('.');
  const id = file.slice(0, dot);
  const format = file.slice(dot + 1) as 'csv' | 'xlsx';
  const section = sectionOfTable(id);
  if (!section) throw new AppError('not_found', `No such table: ${id}`);
  const { deps } = page(c);
  if (format === 'xlsx' && !deps.xlsx) throw new AppError('not_acceptable', 'xlsx is not available here; download CSV');
  const dimension = section === 'talents' ? (id.split('-')[1] as TalentDimension) : undefined;
  if (dimension && !TALENT_DIMENSIONS.includes(dimension)) throw new AppError('not_found', `No such table: ${id}`);
  const { ctx, figures } = await loadSection(c, section, DOWNLOAD_ALL, dimension);
  const table = figures.flatMap((f) => f.tables).find((t) => t.id === id);
  if (!table) throw new AppError('not_found', `No such table: ${id}`);
  // The region by name (pinyin in English and in the ASCII fallback), never its code.
  const lang = (c.get('lang') ?? 'zh') as Lang;
  const where = fileNamePart(
    ctx.region.path.map((p) => p.name),
    lang,
    messages(lang).common.allRegions,
  );
  const name = `${table.file}-${where.name}-${ctx.today}.${format}`;
  const rows = table.rows.map((r) => r.cells);
  c.header('Cache-Control', 'private, no-store');
  c.header('Content-Disposition', contentDisposition(name, `${table.file}-${where.ascii}-${ctx.today}.${format}`));
  if (format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(csvFile(table.header, rows));
  }
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return c.body(deps.xlsx!.write([{ name: table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), header: table.header, rows }]));
});
