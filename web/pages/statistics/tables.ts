// Each statistic as figures: a chart spec (drawn by web/static/charts.js from a JSON island) and the
// tables shown beside it, which are also what the CSV and xlsx downloads hold (pure). Labels come
// from the page catalogue (web/i18n/statistics.ts) and the vocabularies.
import { fmt, type Lang } from '../../i18n';
import type { StatisticsText } from '../../i18n/statistics';
import type { Cell } from '../../../src/lib/spreadsheet';
import { ETHNICITIES, label, LANGUAGES, QUALIFICATION_LEVELS, SERVICE_AREAS, AVAILABILITY, EDUCATION_LEVELS, GENDERS } from '../../../src/lib/vocab';
import type { DirectedTrainingDto, LapsingDto, MonthlyPlacementsDto, SchoolCoverageDto, SupplyDemandDto, TalentBreakdownDto, TownshipCoverageDto } from '../../../src/statistics';
import { UNKNOWN, type TalentDimension } from '../../../src/statistics';

export interface StatRow {
  cells: Cell[];
  /** The child region this row is about: its first cell links to the drill-down. */
  region?: string;
  /** A total row, set apart. */
  total?: boolean;
}

export interface StatTable {
  /** Download id, e.g. `talents-qualification-regions`. */
  id: string;
  title: string;
  /** File name without extension. */
  file: string;
  header: string[];
  rows: StatRow[];
  /** Shown when there are no rows. */
  empty?: string;
  /** Columns holding percentages (shown with one decimal). */
  pct?: number[];
}

export interface ChartSpec {
  kind: 'bar' | 'pie' | 'line' | 'stacked';
  categories: string[];
  series: { name: string; data: number[] }[];
  horizontal?: boolean;
}

export interface Figure {
  id: string;
  title: string;
  note?: string;
  chart: ChartSpec | null;
  tables: StatTable[];
}

/** A rate as a percentage with one decimal, or null (shown empty) when nothing is below the line. */
export const pct = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
const share = (n: number, of: number) => pct(of > 0 ? n / of : null);
/** Placeholders and English plurals ({n|year|years}), as every page fills them. */
const fill = fmt;

function directLabel(T: StatisticsText, region: { code: string; name: string }): string {
  return region.code === '' ? T.directRoot : fill(T.direct, { name: region.name });
}

/** The label of one value of a talent dimension. */
export function valueLabel(T: StatisticsText, lang: Lang, dimension: TalentDimension, key: string): string {
  if (key === UNKNOWN) return T.unknown;
  switch (dimension) {
    case 'qualification':
      return label(QUALIFICATION_LEVELS, key, lang);
    case 'education':
      return label(EDUCATION_LEVELS, key, lang);
    case 'serviceArea':
      return label(SERVICE_AREAS, key, lang);
    case 'language':
      return label(LANGUAGES, key, lang);
    case 'ageBand':
      return T.ageBands[key as keyof StatisticsText['ageBands']] ?? key;
    case 'gender':
      return label(GENDERS, key, lang);
    case 'ethnicity':
      return label(ETHNICITIES, key, lang);
    case 'availability':
      return label(AVAILABILITY, key, lang);
  }
}

export function talentFigure(dto: TalentBreakdownDto, T: StatisticsText, lang: Lang): Figure {
  const d = dto.dimension;
  const name = T.dimensions[d];
  // Wide vocabularies (56 ethnic groups) show only the values anyone has.
  const keys = dto.keys.length > 15 ? dto.keys.filter((k) => dto.total.counts[k] > 0) : dto.keys;
  const labels = keys.map((k) => valueLabel(T, lang, d, k));
  const values: StatTable = {
    id: `talents-${d}`,
    title: name,
    file: fill(T.files.talents, { dim: name }),
    header: [name, T.count, T.share],
    pct: [2],
    rows: [
      ...keys.map((k, i) => ({ cells: [labels[i], dto.total.counts[k], share(dto.total.counts[k], dto.total.talents)] })),
      { cells: [T.talents, dto.total.talents, dto.total.talents ? 100 : null], total: true },
    ],
  };
  const regionRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, c.talents, ...keys.map((k) => c.counts[k])] }));
  if (dto.direct.talents > 0) regionRows.push({ cells: [directLabel(T, dto.region), dto.direct.talents, ...keys.map((k) => dto.direct.counts[k])] });
  regionRows.push({ cells: [T.total, dto.total.talents, ...keys.map((k) => dto.total.counts[k])], total: true });
  const regions: StatTable = {
    id: `talents-${d}-regions`,
    title: `${name} · ${T.byRegion}`,
    file: fill(T.files.talentsRegions, { dim: name }),
    header: [T.region, T.talents, ...labels],
    rows: regionRows,
  };
  const pie = d === 'gender' || d === 'availability';
  return {
    id: `talents-${d}`,
    title: name,
    note: dto.multiValued ? T.multiNote : undefined,
    chart: { kind: pie ? 'pie' : 'bar', categories: labels, series: [{ name: T.count, data: keys.map((k) => dto.total.counts[k]) }], horizontal: keys.length > 8 },
    tables: [values, regions],
  };
}

export function supplyFigures(dto: SupplyDemandDto, T: StatisticsText, lang: Lang): Figure[] {
  const S = T.supply;
  const areaLabel = (k: string) => (k === 'unspecified' ? S.unspecified : label(SERVICE_AREAS, k, lang));
  const byArea: StatTable = {
    id: 'supply-areas',
    title: S.title,
    file: T.files.supply,
    header: [S.area, S.seats, S.supply, S.gap],
    rows: [
      ...dto.keys.map((k) => ({ cells: [areaLabel(k), dto.total.areas[k].seats, dto.total.areas[k].supply, dto.total.areas[k].gap] })),
      { cells: [T.total, dto.total.seats, dto.total.supply, dto.total.gap], total: true },
    ],
  };
  const cells = (c: SupplyDemandDto['total']) => [c.seats, c.supply, c.gap];
  const regionRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, ...cells(c)] }));
  if (dto.direct.seats || dto.direct.supply) regionRows.push({ cells: [directLabel(T, dto.region), ...cells(dto.direct)] });
  regionRows.push({ cells: [T.total, ...cells(dto.total)], total: true });
  const byRegion: StatTable = { id: 'supply-regions', title: S.regionTitle, file: T.files.supplyRegions, header: [T.region, S.seats, S.supply, S.gap], rows: regionRows };
  const gapRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, ...dto.keys.map((k) => c.areas[k].gap)] }));
  if (dto.direct.seats || dto.direct.supply) gapRows.push({ cells: [directLabel(T, dto.region), ...dto.keys.map((k) => dto.direct.areas[k].gap)] });
  gapRows.push({ cells: [T.total, ...dto.keys.map((k) => dto.total.areas[k].gap)], total: true });
  const gap: StatTable = { id: 'supply-gap', title: S.gapTitle, file: T.files.supplyGap, header: [T.region, ...dto.keys.map(areaLabel)], rows: gapRows };
  return [
    {
      id: 'supply-areas',
      title: S.title,
      chart: {
        kind: 'bar',
        categories: dto.keys.map(areaLabel),
        series: [
          { name: S.seats, data: dto.keys.map((k) => dto.total.areas[k].seats) },
          { name: S.supply, data: dto.keys.map((k) => dto.total.areas[k].supply) },
        ],
        horizontal: true,
      },
      tables: [byArea],
    },
    {
      id: 'supply-regions',
      title: S.regionTitle,
      chart: dto.children.length
        ? {
            kind: 'bar',
            categories: dto.children.map((c) => c.name),
            series: [
              { name: S.seats, data: dto.children.map((c) => c.seats) },
              { name: S.supply, data: dto.children.map((c) => c.supply) },
            ],
          }
        : null,
      tables: [byRegion, gap],
    },
  ];
}

type CoverageCell = { units: number; covered: number; rate: number | null };

function coverageRows(
  T: StatisticsText,
  dto: { region: { code: string; name: string }; children: (CoverageCell & { code: string; name: string })[]; total: CoverageCell; direct?: CoverageCell },
): StatRow[] {
  const cells = (c: CoverageCell) => [c.units, c.covered, c.units - c.covered, pct(c.rate)];
  const rows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, ...cells(c)] }));
  if (dto.direct && dto.direct.units > 0) rows.push({ cells: [directLabel(T, dto.region), ...cells(dto.direct)] });
  rows.push({ cells: [T.total, ...cells(dto.total)], total: true });
  return rows;
}

function coverageChart(T: StatisticsText, children: (CoverageCell & { name: string })[]): ChartSpec | null {
  if (children.length === 0) return null;
  return {
    kind: 'stacked',
    categories: children.map((c) => c.name),
    series: [
      { name: T.coverage.covered, data: children.map((c) => c.covered) },
      { name: T.coverage.uncovered, data: children.map((c) => c.units - c.covered) },
    ],
  };
}

export function townshipFigure(dto: TownshipCoverageDto, T: StatisticsText): Figure {
  const C = T.coverage;
  return {
    id: 'townships',
    title: C.townshipTitle,
    chart: coverageChart(T, dto.children),
    tables: [
      { id: 'townships', title: C.townshipTitle, file: T.files.townships, header: [T.region, C.townships, C.covered, C.uncovered, C.rate], pct: [4], rows: coverageRows(T, dto) },
      {
        id: 'townships-uncovered',
        title: C.uncoveredTownships,
        file: T.files.uncoveredTownships,
        header: [C.code, C.name, C.fullName],
        rows: dto.uncovered.items.map((x) => ({ cells: [x.code, x.name, x.fullName] })),
        empty: C.none,
      },
    ],
  };
}

export function schoolFigure(dto: SchoolCoverageDto, T: StatisticsText): Figure {
  const C = T.coverage;
  return {
    id: 'schools',
    title: C.schoolTitle,
    chart: coverageChart(T, dto.children),
    tables: [
      { id: 'schools', title: C.schoolTitle, file: T.files.schools, header: [T.region, C.schools, C.covered, C.uncovered, C.rate], pct: [4], rows: coverageRows(T, dto) },
      {
        id: 'schools-uncovered',
        title: C.uncoveredSchools,
        file: T.files.uncoveredSchools,
        header: [C.name, C.fullName],
        rows: dto.uncovered.items.map((x) => ({ cells: [x.name, x.regionName] })),
        empty: C.none,
      },
    ],
  };
}

export function monthlyFigures(dto: MonthlyPlacementsDto, T: StatisticsText): Figure[] {
  const P = T.placements;
  const kinds = (c: { employment: number; internship: number }) => [c.employment, c.internship, c.employment + c.internship];
  const regionRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, ...kinds(c)] }));
  if (dto.direct.employment + dto.direct.internship > 0) regionRows.push({ cells: [directLabel(T, dto.region), ...kinds(dto.direct)] });
  regionRows.push({ cells: [T.total, ...kinds(dto.total)], total: true });
  return [
    {
      id: 'months',
      title: P.title,
      chart: {
        kind: 'line',
        categories: dto.months.map((m) => m.month),
        series: [
          { name: P.employment, data: dto.months.map((m) => m.employment) },
          { name: P.internship, data: dto.months.map((m) => m.internship) },
        ],
      },
      tables: [
        {
          id: 'months',
          title: P.title,
          file: T.files.months,
          header: [P.month, P.employment, P.internship, P.total],
          rows: [...dto.months.map((m) => ({ cells: [m.month, ...kinds(m)] })), { cells: [T.total, ...kinds(dto.total)], total: true }],
        },
      ],
    },
    {
      id: 'months-regions',
      title: P.regionTitle,
      chart: dto.children.length
        ? {
            kind: 'stacked',
            categories: dto.children.map((c) => c.name),
            series: [
              { name: P.employment, data: dto.children.map((c) => c.employment) },
              { name: P.internship, data: dto.children.map((c) => c.internship) },
            ],
          }
        : null,
      tables: [{ id: 'months-regions', title: P.regionTitle, file: T.files.monthsRegions, header: [T.region, P.employment, P.internship, P.total], rows: regionRows }],
    },
  ];
}

export function directedFigures(dto: DirectedTrainingDto, T: StatisticsText): Figure[] {
  const D = T.directed;
  const statuses = Object.keys(D.statuses) as (keyof typeof D.statuses)[];
  const t = dto.total;
  const rate = (r: { numerator: number; denominator: number; rate: number | null }) => [r.numerator, r.denominator, pct(r.rate)];
  const measures: [string, { numerator: number; denominator: number; rate: number | null }][] = [
    [D.fulfilment, t.fulfilment],
    [D.earlyLeave, t.earlyLeave],
    ...t.retention.map((r) => [fill(D.retention, { n: r.years }), r] as [string, typeof r]),
  ];
  type Cell_ = DirectedTrainingDto['total'];
  const regionCells = (c: Cell_) => [c.agreements, c.started, pct(c.fulfilment.rate), pct(c.earlyLeave.rate), ...c.retention.map((r) => pct(r.rate))];
  const regionRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, ...regionCells(c)] }));
  if (dto.direct.agreements > 0) regionRows.push({ cells: [directLabel(T, dto.region), ...regionCells(dto.direct)] });
  regionRows.push({ cells: [T.total, ...regionCells(t)], total: true });
  return [
    {
      id: 'directed-status',
      title: D.statusTitle,
      chart: { kind: 'bar', categories: statuses.map((s) => D.statuses[s]), series: [{ name: D.agreements, data: statuses.map((s) => t.byStatus[s] ?? 0) }] },
      tables: [
        {
          id: 'directed-status',
          title: D.statusTitle,
          file: T.files.directedStatus,
          header: [D.status, D.agreements, T.share],
          pct: [2],
          rows: [
            ...statuses.map((s) => ({ cells: [D.statuses[s], t.byStatus[s] ?? 0, share(t.byStatus[s] ?? 0, t.agreements)] })),
            { cells: [T.total, t.agreements, t.agreements ? 100 : null], total: true },
          ],
        },
      ],
    },
    {
      id: 'directed-rates',
      title: D.ratesTitle,
      chart: { kind: 'bar', categories: measures.map(([n]) => n), series: [{ name: D.rate, data: measures.map(([, r]) => pct(r.rate) ?? 0) }], horizontal: true },
      tables: [
        {
          id: 'directed-rates',
          title: D.ratesTitle,
          file: T.files.directedRates,
          header: [D.measure, D.numerator, D.denominator, D.rate],
          pct: [3],
          rows: measures.map(([n, r]) => ({ cells: [n, ...rate(r)] })),
        },
      ],
    },
    {
      id: 'directed-regions',
      title: D.regionTitle,
      chart: null,
      tables: [
        {
          id: 'directed-regions',
          title: D.regionTitle,
          file: T.files.directedRegions,
          header: [T.region, D.agreements, D.started, `${D.fulfilment}(%)`, `${D.earlyLeave}(%)`, ...t.retention.map((r) => `${fill(D.retention, { n: r.years })}(%)`)],
          pct: [3, 4, 5, 6, 7],
          rows: regionRows,
        },
      ],
    },
  ];
}

export function lapsingFigures(dto: LapsingDto, T: StatisticsText, lang: Lang): Figure[] {
  const L = T.lapsing;
  const regionRows: StatRow[] = dto.children.map((c) => ({ region: c.code, cells: [c.name, c.n] }));
  if (dto.direct > 0) regionRows.push({ cells: [directLabel(T, dto.region), dto.direct] });
  regionRows.push({ cells: [T.total, dto.total], total: true });
  return [
    {
      id: 'lapsing-regions',
      title: L.regionTitle,
      chart: dto.children.length ? { kind: 'bar', categories: dto.children.map((c) => c.name), series: [{ name: T.count, data: dto.children.map((c) => c.n) }] } : null,
      tables: [{ id: 'lapsing-regions', title: L.regionTitle, file: T.files.lapsingRegions, header: [T.region, T.count], rows: regionRows }],
    },
    {
      id: 'lapsing-list',
      title: L.listTitle,
      chart: null,
      tables: [
        {
          id: 'lapsing-list',
          title: L.listTitle,
          file: T.files.lapsingList,
          header: [L.name, L.certificate, L.idNumber, L.qualification, T.region, L.validUntil, L.daysLeft],
          rows: dto.list.items.map((x) => ({
            cells: [x.name, x.certificateNumber, x.idNumberMasked, label(QUALIFICATION_LEVELS, x.qualification, lang), x.regionName ?? x.regionCode, x.validUntil, x.daysLeft],
          })),
          empty: L.none,
        },
      ],
    },
  ];
}
