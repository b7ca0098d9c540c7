import { createRouter } from '../lib/openapi';

export const positionsRouter = createRouter();
