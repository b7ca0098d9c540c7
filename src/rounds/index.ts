import { createRouter } from '../lib/openapi';

// Routes are added by src/rounds/rounds.routes.ts (design.md §5 route triad).
export const roundsRouter = createRouter();
