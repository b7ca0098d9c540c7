import { createRouter } from '../lib/openapi';

export const adminRouter = createRouter();
