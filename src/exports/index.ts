import { createRouter } from '../lib/openapi';

// Routes are added by src/exports/exports.routes.ts (design.md §5 route triad).
export const exportsRouter = createRouter();
