import { createRouter } from '../lib/openapi';

export const talentsRouter = createRouter();
