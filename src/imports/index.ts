import { createRouter } from '../lib/openapi';

// Routes are added by src/imports/imports.routes.ts (design.md §5 route triad).
export const importsRouter = createRouter();
