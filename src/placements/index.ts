import { createRouter } from '../lib/openapi';
import * as handlers from './placements.handlers';
import * as routes from './placements.routes';

export const placementsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.end, handlers.end);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { DAYS_PER_SERVICE_YEAR, placementDays, placementsOfAgreements, insertPlacementForHiredApplication, startServiceQueries } from './placements.repository';
export { PLACEMENT_KINDS, type PlacementDto, CreatePlacementBody, EndPlacementBody, PlacementListQuery } from './placements.schemas';
export { listPlacements, createPlacement, endPlacement, getPlacement, closeOtherApplicationsQueries } from './placements.service';
