// npm run import-graph — the import-graph figures of ARCHITECTURE.md ("Rules that are checked"):
// cross-feature imports, web → repository and web → db imports, search ↔ src edges and the cycles,
// read from dependency-cruiser's JSON output (with .dependency-cruiser.cjs). An edge is one importing
// file → one imported file. `tsx scripts/import-graph.ts saved.json` reads a saved cruise instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of dependency-cruiser's JSON output read here. */
export interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: {
    violations: { type?: string; from: string; to: string; rule: { name: string }; cycle?: { name: string; dependencyTypes: string[] }[] }[];
  };
}

export interface Edge {
  from: string;
  to: string;
}

export interface ImportGraph {
  /** A file in src/A imports a file in src/B (A ≠ B, neither the kernel src/lib). */
  crossFeature: Edge[];
  /** …of which not through B's front door src/B/index.ts. */
  crossFeatureNotFrontDoor: Edge[];
  /** …of which to B's repository. */
  crossFeatureRepository: Edge[];
  /** The kernel src/lib importing a feature. */
  kernelToFeature: Edge[];
  /** web/ → src/ other than a front door or src/lib. */
  webNotFrontDoor: Edge[];
  webToRepository: Edge[];
  /** web/ → db/ or Kysely. */
  webToDatabase: Edge[];
  /** search/ → src/ (any), and of those not src/lib. */
  searchToSrc: Edge[];
  searchToSrcNotKernel: Edge[];
  srcToSearch: Edge[];
  /** src/ → search/ from other than the composition roots that build the search layer. */
  srcToSearchNotRoot: Edge[];
  webToSearch: Edge[];
  srcToWeb: Edge[];
  /** Each cycle once, as its files in import order; typeOnly when a type-only import closes it. */
  cycles: { files: string[]; typeOnly: boolean }[];
}

const FEATURE = /^src\/([^/]+)\//;
const isFrontDoor = (path: string) => /^src\/[^/]+\/index\.tsx?$/.test(path);
const isKernel = (path: string) => path.startsWith('src/lib/');
const isRepository = (path: string) => /\.repository\.ts$/.test(path);
/** The entry points that build the search layer (createSearch / startNodeSearch); the rest of src/ uses src/lib/search.ts. */
const SEARCH_ROOTS = new Set(['src/server.ts', 'src/worker.ts', 'src/jobs/jobs.worker.ts', 'src/reindex-cli.ts', 'src/ops/restore.ts']);

function featureOf(path: string): string | null {
  const m = FEATURE.exec(path);
  return m && m[1] !== 'lib' ? m[1] : null;
}

/** Rotates a cycle to start at its smallest file name, so each cycle is counted once. */
function normalise(files: string[]): string[] {
  let start = 0;
  files.forEach((f, i) => {
    if (f < files[start]) start = i;
  });
  return [...files.slice(start), ...files.slice(0, start)];
}

export function importGraph(result: CruiseResult): ImportGraph {
  const edges: Edge[] = [];
  for (const m of result.modules) {
    const seen = new Set<string>();
    for (const d of m.dependencies) {
      if (!d.resolved || seen.has(d.resolved)) continue;
      seen.add(d.resolved);
      edges.push({ from: m.source, to: d.resolved });
    }
  }
  const crossFeature = edges.filter((e) => {
    const a = featureOf(e.from);
    const b = featureOf(e.to);
    return a !== null && b !== null && a !== b;
  });
  const web = edges.filter((e) => e.from.startsWith('web/'));
  const search = edges.filter((e) => e.from.startsWith('search/'));
  const src = edges.filter((e) => e.from.startsWith('src/'));

  const cycles = new Map<string, { files: string[]; typeOnly: boolean }>();
  for (const v of result.summary.violations) {
    if (v.type !== 'cycle' || !v.cycle) continue;
    // The cycle lists the files after `from`, ending with `from` itself.
    const files = normalise(v.cycle.map((c) => c.name));
    const typeOnly = v.cycle.some((c) => c.dependencyTypes.includes('type-only'));
    cycles.set(files.join(' → '), { files, typeOnly });
  }

  return {
    crossFeature,
    crossFeatureNotFrontDoor: crossFeature.filter((e) => !isFrontDoor(e.to)),
    crossFeatureRepository: crossFeature.filter((e) => isRepository(e.to)),
    kernelToFeature: edges.filter((e) => isKernel(e.from) && featureOf(e.to) !== null),
    webNotFrontDoor: web.filter((e) => e.to.startsWith('src/') && !isFrontDoor(e.to) && !isKernel(e.to)),
    webToRepository: web.filter((e) => isRepository(e.to)),
    webToDatabase: web.filter((e) => e.to.startsWith('db/') || /^node_modules\/kysely(-d1)?\//.test(e.to)),
    searchToSrc: search.filter((e) => e.to.startsWith('src/')),
    searchToSrcNotKernel: search.filter((e) => e.to.startsWith('src/') && !isKernel(e.to)),
    srcToSearch: src.filter((e) => e.to.startsWith('search/')),
    srcToSearchNotRoot: src.filter((e) => e.to.startsWith('search/') && !SEARCH_ROOTS.has(e.from)),
    webToSearch: web.filter((e) => e.to.startsWith('search/')),
    srcToWeb: src.filter((e) => e.to.startsWith('web/')),
    cycles: [...cycles.values()].sort((a, b) => a.files[0].localeCompare(b.files[0])),
  };
}

/** The figures as text: one line per count; `verbose` lists each edge under its count. */
export function formatImportGraph(g: ImportGraph, verbose = false): string {
  const lines: string[] = [];
  const row = (label: string, list: Edge[]) => {
    lines.push(`${String(list.length).padStart(4)}  ${label}`);
    if (verbose) for (const e of list) lines.push(`        ${e.from} → ${e.to}`);
  };
  row('cross-feature imports (src/A → src/B)', g.crossFeature);
  row('  not through src/B/index.ts', g.crossFeatureNotFrontDoor);
  row('  to a repository of another feature', g.crossFeatureRepository);
  row('kernel (src/lib) → feature', g.kernelToFeature);
  row('web → src other than a front door or src/lib', g.webNotFrontDoor);
  row('web → repository', g.webToRepository);
  row('web → db/ or Kysely', g.webToDatabase);
  row('search → src', g.searchToSrc);
  row('  not src/lib', g.searchToSrcNotKernel);
  row('src → search', g.srcToSearch);
  row('  not from a composition root', g.srcToSearchNotRoot);
  row('web → search', g.webToSearch);
  row('src → web', g.srcToWeb);
  const typeOnly = g.cycles.filter((c) => c.typeOnly).length;
  lines.push(`${String(g.cycles.length).padStart(4)}  cycles (${typeOnly} closed only by type imports)`);
  for (const c of g.cycles) lines.push(`        ${[...c.files, c.files[0]].join(' → ')}${c.typeOnly ? '  (type-only)' : ''}`);
  return lines.join('\n');
}

/** The folders cruised, as `npm run lint:deps` does. */
export const CRUISED = ['src', 'web', 'search', 'db', 'spreadsheet', 'scripts'];

function cruise(): CruiseResult {
  const bin = join('node_modules', '.bin', 'depcruise');
  const run = spawnSync(bin, [...CRUISED, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // depcruise exits with the number of rule violations; only missing output is a failure.
  if (!run.stdout) throw new Error(`depcruise failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const file = args.find((a) => !a.startsWith('--'));
  const result = file ? (JSON.parse(readFileSync(file, 'utf8')) as CruiseResult) : cruise();
  console.log(formatImportGraph(importGraph(result), verbose));
}
