// The import-graph counts (scripts/import-graph.ts) on small doctored cruise results.
import { describe, expect, it } from 'vitest';
import { importGraph, type CruiseResult } from '../../scripts/import-graph';

function cruiseOf(edges: [string, string, string[]?][], cycles: CruiseResult['summary']['violations'] = []): CruiseResult {
  const modules = new Map<string, CruiseResult['modules'][number]>();
  for (const [from, to, types] of edges) {
    const m = modules.get(from) ?? { source: from, dependencies: [] };
    m.dependencies.push({ resolved: to, dependencyTypes: types ?? ['local', 'import'] });
    modules.set(from, m);
  }
  return { modules: [...modules.values()], summary: { violations: cycles } };
}

describe('import graph counts', () => {
  it('counts cross-feature imports, those past the front door and those to a repository', () => {
    const g = importGraph(
      cruiseOf([
        ['src/rounds/rounds.service.ts', 'src/talents/index.ts'],
        ['src/rounds/rounds.service.ts', 'src/talents/talents.repository.ts'],
        ['src/rounds/rounds.service.ts', 'src/talents/talents.repository.ts'], // same edge twice
        ['src/rounds/rounds.service.ts', 'src/employers/access.ts'],
        ['src/rounds/rounds.service.ts', 'src/rounds/rounds.repository.ts'], // own feature
        ['src/rounds/rounds.service.ts', 'src/lib/errors.ts'], // kernel
        ['src/lib/context.ts', 'src/jobs/jobs.registry.ts'],
        ['src/app.ts', 'src/talents/talents.repository.ts'], // composition root, not a feature
      ]),
    );
    expect(g.crossFeature.map((e) => e.to)).toEqual(['src/talents/index.ts', 'src/talents/talents.repository.ts', 'src/employers/access.ts']);
    expect(g.crossFeatureNotFrontDoor.map((e) => e.to)).toEqual(['src/talents/talents.repository.ts', 'src/employers/access.ts']);
    expect(g.crossFeatureRepository).toEqual([{ from: 'src/rounds/rounds.service.ts', to: 'src/talents/talents.repository.ts' }]);
    expect(g.kernelToFeature).toEqual([{ from: 'src/lib/context.ts', to: 'src/jobs/jobs.registry.ts' }]);
  });

  it('counts web, search and src edges across the layers', () => {
    const g = importGraph(
      cruiseOf([
        ['web/pages/a.tsx', 'src/talents/index.ts'],
        ['web/pages/a.tsx', 'src/lib/context.ts'],
        ['web/pages/a.tsx', 'src/talents/talents.service.ts'],
        ['web/pages/a.tsx', 'src/talents/talents.repository.ts'],
        ['web/pages/a.tsx', 'db/schema.ts'],
        ['web/pages/b.tsx', 'node_modules/kysely/dist/esm/index.js'],
        ['search/engine.ts', 'src/lib/vocab.ts'],
        ['search/reindex-cli.ts', 'src/env.ts'],
        ['src/search-api/search.service.ts', 'search/engine.ts'],
        ['src/statistics/tables.ts', 'web/i18n/statistics.ts'],
      ]),
    );
    expect(g.webNotFrontDoor.map((e) => e.to)).toEqual(['src/talents/talents.service.ts', 'src/talents/talents.repository.ts']);
    expect(g.webToRepository).toHaveLength(1);
    expect(g.webToDatabase.map((e) => e.to)).toEqual(['db/schema.ts', 'node_modules/kysely/dist/esm/index.js']);
    expect(g.searchToSrc).toHaveLength(2);
    expect(g.searchToSrcNotKernel).toEqual([{ from: 'search/reindex-cli.ts', to: 'src/env.ts' }]);
    expect(g.srcToSearch).toHaveLength(1);
    expect(g.srcToWeb).toEqual([{ from: 'src/statistics/tables.ts', to: 'web/i18n/statistics.ts' }]);
  });

  it('counts each cycle once, whichever file reports it, and tells the type-only ones', () => {
    const step = (name: string, typeOnly = false) => ({ name, dependencyTypes: typeOnly ? ['local', 'type-only', 'import'] : ['local', 'import'] });
    const g = importGraph(
      cruiseOf(
        [],
        [
          { type: 'cycle', from: 'src/r/a.ts', to: 'src/r/b.ts', rule: { name: 'no-circular' }, cycle: [step('src/r/b.ts'), step('src/r/a.ts')] },
          { type: 'cycle', from: 'src/r/b.ts', to: 'src/r/a.ts', rule: { name: 'no-circular' }, cycle: [step('src/r/a.ts'), step('src/r/b.ts')] },
          { type: 'cycle', from: 'src/m/x.ts', to: 'src/m/y.ts', rule: { name: 'no-circular' }, cycle: [step('src/m/y.ts', true), step('src/m/x.ts')] },
          { from: 'web/a.tsx', to: 'db/schema.ts', rule: { name: 'web-no-database' } },
        ],
      ),
    );
    expect(g.cycles).toEqual([
      { files: ['src/m/x.ts', 'src/m/y.ts'], typeOnly: true },
      { files: ['src/r/a.ts', 'src/r/b.ts'], typeOnly: false },
    ]);
  });
});
