import { createRouter } from '../lib/openapi';
import * as handlers from './employers.handlers';
import * as routes from './employers.routes';

// /employers/me before /employers/{id}: routes match in the order they are added.
export const employersRouter = createRouter()
  .openapi(routes.register, handlers.register)
  .openapi(routes.getMine, handlers.getMine)
  .openapi(routes.patchMine, handlers.patchMine)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.verify, handlers.verify)
  .openapi(routes.reject, handlers.reject)
  .openapi(routes.internshipBase, handlers.internshipBase);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { findEmployerById, findEmployerByUser } from './employers.repository';
export { employerIsVerified, assertVerified, isVerified } from './standing';
export { RegionCode, EMPLOYER_STATUSES, EmployerListQuery, RejectBody, VerifyBody, type EmployerDto, EmployerInput, EmployerUpdate, toFullEmployerDto } from './employers.schemas';
export { findOwnEmployer, listEmployersForReview, rejectEmployer, verifyEmployer, registerEmployer, updateOwnEmployer, setInternshipBase } from './employers.service';
export { type EmployerChoice, employerChoiceInScope, findEmployersInScope } from './employers.queries';
