import { createRouter } from '../lib/openapi';
import * as handlers from './positions.handlers';
import * as routes from './positions.routes';

export const positionsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.update, handlers.update)
  .openapi(routes.publish, handlers.publish)
  .openapi(routes.close, handlers.close)
  .openapi(routes.listMine, handlers.listMine);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { listColumnsOf } from './list-columns';
export {
  PositionIdParam,
  parseList,
  PositionInput,
  PositionUpdate,
  OwnPositionsQuery,
  type PositionDto,
  OPEN_POSITION_SORTS,
  OpenPositionsQuery,
  type PositionSummaryDto,
} from './positions.schemas';
export { findPositionById } from './positions.repository';
export {
  loadVisiblePosition,
  listOwnPositions,
  closePosition,
  createPosition,
  publishPosition,
  updatePosition,
  getPositionForViewer,
  listOpenPositions,
} from './positions.service';
export { totalsGeneration } from './total-cache';
export { getOwnPosition, openPositionsOf } from './positions.queries';
export { jobPostingScript } from './job-posting';
