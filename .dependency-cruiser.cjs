// The import rules of ARCHITECTURE.md ("Rules that are checked"), checked by `npm run lint:deps`.
// A feature is a folder src/<feature>/ other than src/lib/ (the kernel); its front door is
// src/<feature>/index.ts. scripts/import-graph.ts prints the counts behind these rules.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-through-front-doors',
      comment: 'web/ reaches src/ only through a feature front door (src/<feature>/index.ts) or the kernel (src/lib/).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: ['^src/lib/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'web-no-database',
      comment: 'Pages are thin views over services: nothing under web/ imports db/ or Kysely.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: ['^db/', '^node_modules/kysely(-d1)?/'] },
    },
    {
      name: 'repository-private-to-feature',
      comment: 'A repository (*.repository.ts) is imported only from inside its own feature folder.',
      severity: 'error',
      from: { path: '^(?:src/([^/]+)/|web/|search/|db/|scripts/|spreadsheet/)' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'src-never-imports-web',
      comment: 'Features and the kernel never import web/. Only the composition root (src/app.ts, which mounts the pages) may.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app\\.ts$' },
      to: { path: '^web/' },
    },
    {
      name: 'search-only-kernel',
      comment: 'search/ (the engine behind the interface in src/lib) imports only src/lib/, itself and packages.',
      severity: 'error',
      from: { path: '^search/' },
      to: { pathNot: ['^search/', '^src/lib/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'search-behind-interface',
      comment:
        'src/ and web/ use search through the interface in src/lib/search.ts (AppDeps.search). Only the composition roots that build it import search/: src/server.ts, src/worker.ts, src/jobs/jobs.worker.ts, src/reindex-cli.ts, src/ops/restore.ts.',
      severity: 'error',
      from: {
        path: '^(src|web)/',
        pathNot: ['^src/server\\.ts$', '^src/worker\\.ts$', '^src/jobs/jobs\\.worker\\.ts$', '^src/reindex-cli\\.ts$', '^src/ops/restore\\.ts$'],
      },
      to: { path: '^search/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (type-only imports included: they still tie the modules together).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: ['^node_modules/', '^test/', '^public/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
