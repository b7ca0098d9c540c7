import { createRouter } from '../lib/openapi';
import * as handlers from './talents.handlers';
import * as routes from './talents.routes';

// /talents/me before /talents/{id}, so "me" is never taken for an id.
export const talentsRouter = createRouter();

talentsRouter
  .openapi(routes.getMine, handlers.getMine)
  .openapi(routes.putMine, handlers.putMine)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.revealIdNumber, handlers.revealIdNumber);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { findTalentById, findTalentByUserId } from './talents.repository';
export {
  MAX_PURPOSE_NOTE,
  RevealIdNumberBody,
  type TalentRecord,
  TalentSchema,
  toEmployerDto,
  toFullDto,
  type TalentDto,
  TalentListQuery,
  TalentProfileInput,
} from './talents.schemas';
export { findTalentsByName, talentNameInScope } from './talents.queries';
export { getOwnProfile, getTalent, listTalents, revealIdNumber, saveOwnProfile } from './talents.service';
export { DISPLAY_COLUMNS as TALENT_DISPLAY_COLUMNS } from './talents.repository';
export { notifyLapsingRegistrations, startLapsingSweep, LAPSING_NOTICE } from './lapsing-notices';
