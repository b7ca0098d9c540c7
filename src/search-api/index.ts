import { createRouter } from '../lib/openapi';
import * as handlers from './search.handlers';
import * as routes from './search.routes';
import * as tuningHandlers from './tuning.handlers';
import * as tuningRoutes from './tuning.routes';

export const searchRouter = createRouter()
  .openapi(routes.searchPositions, handlers.searchPositions)
  .openapi(routes.searchTalents, handlers.searchTalents)
  .openapi(routes.searchStatus, handlers.searchStatus)
  .openapi(routes.reindex, handlers.reindex)
  .openapi(tuningRoutes.getTuning, tuningHandlers.getTuning)
  .openapi(tuningRoutes.addSynonym, tuningHandlers.addSynonym)
  .openapi(tuningRoutes.deleteSynonym, tuningHandlers.deleteSynonym)
  .openapi(tuningRoutes.addDictionaryWord, tuningHandlers.addDictionaryWord)
  .openapi(tuningRoutes.deleteDictionaryWord, tuningHandlers.deleteDictionaryWord)
  .openapi(tuningRoutes.zeroResults, tuningHandlers.zeroResults);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { NewDictionaryWordBody, NewSynonymBody } from './tuning.routes';
export { PositionSearchParams, TalentSearchParams, PositionSearchResult, TalentSearchResult, toListBody } from './search.schemas';
export {
  positionSearchScope,
  talentSearchScope,
  publicPositionScope,
  administeredPositionScope,
  ownPositionsScope,
  talentScopeFor,
  toPositionQuery,
  toTalentQuery,
  searchPositions,
  searchTalents,
  positionSearchView,
  talentSearchView,
  type SearchView,
} from './search.service';
export * as searchTuning from './tuning.service';
export { startReindexJob } from './search.jobs';
