// Issue #12 item 5: facet counts agree with the filter. A multi-select (checkbox) facet counts its
// values with its own filter left out (disjunctive facets), so each count is what ticking that value
// gives, on a real Meilisearch and on the SQL fallback alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryCopy } from '../../db/sqlite';
import { createSearch, PUBLIC_POSITION_SCOPE, type PositionFilters, type SearchRuntime, type SearchEngine, type TalentFilters, type TalentScope } from '../../search/index';
import { NOW, seedFixtures, startTestMeili, type TestMeili } from './fixtures';

let meili: TestMeili;
let search: SearchRuntime;
let close: () => void;

beforeAll(async () => {
  meili = await startTestMeili();
  const { sqlite, database } = openMemoryCopy();
  close = () => sqlite.close();
  await seedFixtures(database);
  search = createSearch({ database, now: () => NOW, log: () => undefined, meili: { host: meili.sidecar.url, apiKey: meili.sidecar.masterKey, indexPrefix: 'facet_' } });
  await search.start({ drainLoop: false });
  await search.drain!.drainAll();
}, 120_000);

afterAll(async () => {
  await search?.stop();
  await meili?.dispose();
  close?.();
});

const DEPT: TalentScope = { regionPrefix: '15', visibleToEmployers: false };
type Key = 'kinds' | 'employerTypes' | 'serviceAreas' | 'languages' | 'employmentTypes';
const POSITION_FACET_FILTER: [facet: string, filter: Key][] = [
  ['kind', 'kinds'],
  ['employerType', 'employerTypes'],
  ['serviceAreas', 'serviceAreas'],
  ['languages', 'languages'],
  ['employmentType', 'employmentTypes'],
];

describe.each(['Meilisearch', 'SQL fallback'])('%s', (name) => {
  const engine = (): SearchEngine => (name === 'Meilisearch' ? search.meili! : search.sql);
  const positions = (q: string, filters: PositionFilters) => engine().searchPositions({ q, filters, scope: PUBLIC_POSITION_SCOPE, pageSize: 1 });

  it.each(['', '社工'])('positions (q=%j): with a box ticked, every value shown counts what ticking it alone or as well gives', async (q) => {
    for (const [facet, key] of POSITION_FACET_FILTER) {
      const unfiltered = await positions(q, {});
      const values = Object.keys(unfiltered.facets[facet]).sort();
      if (q === '') expect(values.length).toBeGreaterThan(1);
      const first = values[0];
      const selected = await positions(q, { [key]: [first] });
      // The facet's own filter is left out of its counts: the same counts as before ticking.
      expect(selected.facets[facet]).toEqual(unfiltered.facets[facet]);
      for (const v of values) {
        const alone = await positions(q, { [key]: [v] });
        expect(alone.total, `${facet}=${v}`).toBe(selected.facets[facet][v]);
        if (v === first) continue;
        const both = await positions(q, { [key]: [first, v] });
        // Scalar facets add up; a list facet (service areas, languages) counts each post once.
        if (facet === 'kind' || facet === 'employerType' || facet === 'employmentType')
          expect(both.total, `${facet}=${first}+${v}`).toBe(selected.total + selected.facets[facet][v]);
        else expect(both.total).toBeGreaterThanOrEqual(Math.max(selected.total, selected.facets[facet][v]));
      }
    }
  });

  it('another facet still counts within the ticked boxes (AND between facets)', async () => {
    const r = await positions('', { kinds: ['community_worker'] });
    const sum = Object.values(r.facets.employerType).reduce((a, b) => a + b, 0);
    expect(sum).toBe(r.total);
    expect(sum).toBeLessThan(Object.values((await positions('', {})).facets.employerType).reduce((a, b) => a + b, 0));
  });

  it('talents: availability and service areas count without their own filter', async () => {
    const talents = (filters: TalentFilters) => engine().searchTalents({ filters, scope: DEPT, pageSize: 1 });
    const all = await talents({});
    const values = Object.keys(all.facets.availability);
    expect(values.length).toBeGreaterThan(1);
    const selected = await talents({ availability: [values[0]] });
    expect(selected.facets.availability).toEqual(all.facets.availability);
    for (const v of values) expect((await talents({ availability: [v] })).total).toBe(selected.facets.availability[v]);
    const area = Object.keys(all.facets.serviceAreas)[0];
    const byArea = await talents({ serviceAreas: [area], availability: [values[0]] });
    // Service-area counts are within the availability filter, and without the service-area filter.
    for (const [a, count] of Object.entries(byArea.facets.serviceAreas)) expect((await talents({ serviceAreas: [a], availability: [values[0]] })).total).toBe(count);
  });
});
