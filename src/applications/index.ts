import { createRouter } from '../lib/openapi';

export const applicationsRouter = createRouter();
