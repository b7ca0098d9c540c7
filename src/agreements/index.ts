import { createRouter } from '../lib/openapi';
import * as handlers from './agreements.handlers';
import * as routes from './agreements.routes';

export const agreementsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.move, handlers.move);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { AGREEMENT_STATUSES, INITIAL_STATUSES, NOTE_REQUIRED } from './agreements.states';
export { type AgreementDto, type AgreementWithHistoryDto, AgreementListQuery, AgreementStatusBody, CreateAgreementBody } from './agreements.schemas';
export { createAgreement, getAgreement, listAgreementsWithin, moveAgreement, servingWithoutPlacement, listAgreements } from './agreements.service';
