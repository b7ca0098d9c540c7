import { createRouter } from '../lib/openapi';
import * as handlers from './statistics.handlers';
import * as routes from './statistics.routes';

// Department statistics (issue #5): src/statistics/statistics.service.ts says who sees what.
export const statisticsRouter = createRouter()
  .openapi(routes.talents, handlers.talents)
  .openapi(routes.supplyDemand, handlers.supplyDemand)
  .openapi(routes.townshipCoverage, handlers.townshipCoverage)
  .openapi(routes.schoolCoverage, handlers.schoolCoverage)
  .openapi(routes.placementsMonthly, handlers.placementsMonthly)
  .openapi(routes.directedTraining, handlers.directedTraining)
  .openapi(routes.lapsingRegistrations, handlers.lapsingRegistrations);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { coveredTownships, townships } from './statistics.repository';
export { MonthlyQuery, RegionPageQuery, RegionQuery } from './statistics.schemas';
export { TALENT_DIMENSIONS, type TalentDimension } from './talents';
export * as statisticsService from './statistics.service';
export type { DirectedTrainingDto, LapsingDto, MonthlyPlacementsDto, SchoolCoverageDto, SupplyDemandDto, TalentBreakdownDto, TownshipCoverageDto } from './statistics.schemas';
export { UNKNOWN } from './talents';
