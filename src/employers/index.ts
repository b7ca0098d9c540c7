import { createRouter } from '../lib/openapi';

export const employersRouter = createRouter();
