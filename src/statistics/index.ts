import { createRouter } from '../lib/openapi';

// Routes are added by src/statistics/statistics.routes.ts (design.md §5 route triad).
export const statisticsRouter = createRouter();
