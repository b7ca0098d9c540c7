// Pure parts of the search layer: document builders, query validation and filter building.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { ageBand, buildTalentDocument, dateToTimestamp, regionFields, type TalentSourceRow } from '../../search/documents';
import { markedToHtml, MARK_CLOSE, MARK_OPEN, normalizePositionQuery, normalizeTalentQuery, PUBLIC_POSITION_SCOPE } from '../../search/engine';
import { quoteFilterValue, toMeiliFilter } from '../../search/meili';
import { expandTerm, meiliSynonyms } from '../../search/synonyms';
import { markText } from '../../search/sql-fallback';

const NOW = Date.parse('2026-06-01T08:00:00Z');

function expect422(fn: () => unknown, path: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    expect((e as AppError).errors?.[0].path).toBe(path);
    return;
  }
  throw new Error(`expected a 422 on ${path}`);
}

describe('documents', () => {
  it('derives a five-year age band and never the birth date', () => {
    expect(ageBand('1995-03-10', NOW)).toBe('30-34'); // 31 on 2026-06-01
    expect(ageBand('1996-06-02', NOW)).toBe('25-29'); // turns 30 tomorrow
    expect(ageBand('1996-06-01', NOW)).toBe('30-34'); // turns 30 today
    expect(ageBand('1950-01-01', NOW)).toBe('65+');
    expect(ageBand('2015-01-01', NOW)).toBeNull();
    expect(ageBand(null, NOW)).toBeNull();
  });

  it('splits a region code into every level', () => {
    const names = new Map([
      ['15', '内蒙古自治区'],
      ['1501', '呼和浩特市'],
      ['150102', '新城区'],
      ['150102001', '海拉尔东路街道'],
    ]);
    expect(regionFields('150102001', names)).toEqual({
      regionProvince: '15',
      regionCity: '1501',
      regionCounty: '150102',
      regionTownship: '150102001',
      // The province is left out; city and county also without their suffix.
      regionNames: ['呼和浩特市', '呼和浩特', '新城区', '新城', '海拉尔东路街道'],
    });
    expect(regionFields('1501', names)).toMatchObject({ regionCity: '1501', regionCounty: null, regionTownship: null });
    expect(regionFields(null, names)).toMatchObject({ regionProvince: null, regionNames: [] });
  });

  it('builds a talent document from the allowed columns only, dropping unknown codes', () => {
    const row: TalentSourceRow = {
      id: 't1',
      name: '张伟',
      birth_date: '1995-03-10',
      region_code: '1501',
      education_level: 'bachelor',
      school: '内蒙古大学',
      major: '社会工作',
      graduation_year: 2017,
      qualification_level: 'intermediate',
      service_areas: '["elderly","nonsense","elderly"]',
      languages: 'not json',
      availability: 'available',
      visibility: 'employers',
      updated_at: 5,
    };
    const doc = buildTalentDocument(row, new Map([['1501', '呼和浩特市']]), NOW);
    expect(doc.serviceAreas).toEqual(['elderly']);
    expect(doc.serviceAreaNames).toEqual(['老年', 'Elderly']);
    expect(doc.languages).toEqual([]);
    expect(doc.qualificationRank).toBe(2);
    expect(doc.educationRank).toBe(2);
    expect(doc.ageBand).toBe('30-34');
    expect(JSON.stringify(doc)).not.toContain('1995');
  });

  it('stores calendar dates as UTC midnight', () => {
    expect(dateToTimestamp('2026-06-01')).toBe(Date.UTC(2026, 5, 1));
  });
});

describe('query validation', () => {
  it('rejects filter-expression injection in every typed field', () => {
    const scope = PUBLIC_POSITION_SCOPE;
    expect422(() => normalizePositionQuery({ scope, filters: { regionCode: '15 OR 1=1' } }), 'regionCode');
    expect422(() => normalizePositionQuery({ scope, filters: { regionCode: '15" OR status = "draft' } }), 'regionCode');
    expect422(() => normalizePositionQuery({ scope, filters: { kinds: ['community_worker"] OR status IN ["draft'] } }), 'kinds.0');
    expect422(() => normalizePositionQuery({ scope, filters: { employerId: 'x" OR 1=1' } }), 'employerId');
    expect422(() => normalizePositionQuery({ scope, filters: { salaryAtLeast: Number.NaN } }), 'salaryAtLeast');
    expect422(() => normalizePositionQuery({ scope, filters: { openOn: '2026-06-01 OR 1=1' } }), 'openOn');
    expect422(() => normalizeTalentQuery({ scope: { visibleToEmployers: true }, filters: { ageBands: ['25-29 OR 1=1'] } }), 'ageBands.0');
    expect422(() => normalizeTalentQuery({ scope: { visibleToEmployers: true }, filters: { qualificationAtLeast: 'senior OR 1' } }), 'qualificationAtLeast');
  });

  it('rejects oversize queries, bad pages and unknown sorts and facets', () => {
    const scope = PUBLIC_POSITION_SCOPE;
    expect422(() => normalizePositionQuery({ scope, q: '老'.repeat(101) }), 'q');
    expect422(() => normalizePositionQuery({ scope, page: 0 }), 'page');
    expect422(() => normalizePositionQuery({ scope, page: -1 }), 'page');
    expect422(() => normalizePositionQuery({ scope, page: 1.5 }), 'page');
    expect422(() => normalizePositionQuery({ scope, pageSize: 101 }), 'pageSize');
    expect422(() => normalizePositionQuery({ scope, sort: 'salary; DROP' as never }), 'sort');
    expect422(() => normalizePositionQuery({ scope, facets: ['title' as never] }), 'facets.0');
  });

  it('keeps the public scope to open posts whatever statuses are asked for', () => {
    const n = normalizePositionQuery({ scope: PUBLIC_POSITION_SCOPE, filters: { statuses: ['draft', 'closed'] } });
    expect(n.empty).toBe(true);
    const m = normalizePositionQuery({ scope: PUBLIC_POSITION_SCOPE, filters: { statuses: ['open', 'draft'] } });
    expect(m.clauses[0]).toEqual({ op: 'in', field: 'status', values: ['open'] });
  });

  it("ANDs an employer's fixed visibility with any visibility filter", () => {
    const n = normalizeTalentQuery({ scope: { visibleToEmployers: true }, filters: { visibility: ['department'] } });
    expect(n.empty).toBe(true);
    expect(n.withNames).toBe(false);
    expect(n.facets).not.toContain('visibility');
    const d = normalizeTalentQuery({ scope: { regionPrefix: '1501', visibleToEmployers: false }, filters: { regionCode: '13' } });
    expect(toMeiliFilter(d.clauses)).toEqual(['regionCity = "1501"', 'regionProvince = "13"']);
  });

  it('strips control characters and collapses spaces in the query text', () => {
    expect(normalizePositionQuery({ scope: PUBLIC_POSITION_SCOPE, q: '  老年\u0000 \n 社工  ' }).text).toBe('老年 社工');
  });
});

describe('filters and highlighting', () => {
  it('quotes filter values so none can end the literal', () => {
    expect(quoteFilterValue('a"b\\')).toBe('"a\\"b\\\\"');
    expect(
      toMeiliFilter([
        { op: 'in', field: 'kind', values: ['a', 'b'] },
        { op: 'gte', field: 'salaryMax', value: 3000 },
      ]),
    ).toEqual(['kind IN ["a", "b"]', 'salaryMax >= 3000']);
    expect(() => toMeiliFilter([{ op: 'in', field: 'title', values: ['x'] }])).toThrow(/not a filterable/);
  });

  it('escapes everything but the marks', () => {
    expect(markedToHtml(`<b>${MARK_OPEN}老年${MARK_CLOSE}</b> & "x"`)).toBe('&lt;b&gt;<mark>老年</mark>&lt;/b&gt; &amp; &quot;x&quot;');
    expect(markedToHtml(markText('为老人服务', [['老人']]))).toBe('为<mark>老人</mark>服务');
    // Without a match: plain text as it is, and the same dropping and escaping as with one.
    expect(markedToHtml('为老人服务')).toBe('为老人服务');
    expect(markedToHtml(`a & <b>${MARK_CLOSE}c\u0001d`)).toBe('a &amp; &lt;b&gt;cd');
    expect(markedToHtml(`${MARK_OPEN}x${MARK_CLOSE} & y`)).toBe('<mark>x</mark> &amp; y');
  });

  it('makes every synonym group symmetric', () => {
    const syn = meiliSynonyms();
    expect(syn['老人']).toEqual(expect.arrayContaining(['老年', '养老', '长者']));
    expect(syn['长者']).toContain('老人');
    expect(syn['残疾']).toContain('残障');
    expect(syn['小孩']).toContain('儿童');
    expect(expandTerm('社工')).toEqual(expect.arrayContaining(['社工', '社会工作', '社会工作者']));
  });
});
