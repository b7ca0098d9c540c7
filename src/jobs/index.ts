import { createRouter } from '../lib/openapi';
import * as handlers from './jobs.handlers';
import * as routes from './jobs.routes';

export const jobsRouter = createRouter().openapi(routes.getOne, handlers.getOne);
export { getJob, isJobLive, recoverJobs, runJob, startJob } from './jobs.service';
export { registerTask, type JobRunner, type TaskContext } from './jobs.registry';

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { startJobs } from './node-start';
