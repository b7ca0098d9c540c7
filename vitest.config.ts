import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two forks on the 2-core CI machine: much of the suite waits on Meilisearch, child processes,
    // wrangler and Chromium, so two files overlap well (vitest's default here would be one).
    maxWorkers: 2,
  },
});
