import { createRouter } from '../lib/openapi';
import * as handlers from './applications.handlers';
import * as routes from './applications.routes';

export const applicationsRouter = createRouter()
  .openapi(routes.apply, handlers.apply)
  .openapi(routes.listMine, handlers.listMine)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.withdraw, handlers.withdraw)
  .openapi(routes.move, handlers.move)
  .openapi(routes.listForPosition, handlers.listForPosition)
  .openapi(routes.reschedule, handlers.reschedule)
  .openapi(routes.invite, handlers.invite)
  .openapi(routes.listInvitations, handlers.listInvitations);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export { ApplicationListQuery, MoveBody, WithdrawBody, ApplyBody, RescheduleBody, INTERVIEW_LIMITS, type ApplicationDto } from './applications.schemas';
export { getApplicationWithHistory, listApplicants, moveApplication, listMyApplications, withdraw, apply, rescheduleInterview } from './applications.service';
export { ALL_STATUSES, CONTACT_STAGES, SEEKING } from './applications.states';
export { InviteBody, INVITATION_LIMITS, type InvitationDto } from './applications.schemas';
export { invite, listInvitations, invitationChoices, type InvitablePosition } from './applications.invitations';
