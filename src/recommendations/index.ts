import { createRouter } from '../lib/openapi';
import * as handlers from './recommendations.handlers';
import * as routes from './recommendations.routes';

export const recommendationsRouter = createRouter().openapi(routes.forMe, handlers.forMe).openapi(routes.candidates, handlers.candidates);

/** For rounds: the same scoring inputs as recommendations. */
export { toMatchPosition, toMatchTalent } from './match-input';

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { recommendCandidates, recommendPositions } from './recommendations.service';
export { type CandidateDto, type RecommendedPositionDto } from './recommendations.schemas';
