import { createRouter } from '../lib/openapi';
import * as handlers from './exports.handlers';
import * as routes from './exports.routes';

export const exportsRouter = createRouter()
  .openapi(routes.talents, handlers.talents)
  .openapi(routes.placements, handlers.placements)
  .openapi(routes.agreements, handlers.agreements);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { DATASETS, type Dataset } from './exports.labels';
export { AgreementExportQuery, PlacementExportQuery, TalentExportQuery, type ExportParams } from './exports.schemas';
export { exportRegionChoices, mayReveal } from './exports.service';
export { exportDownload } from './exports.jobs';
