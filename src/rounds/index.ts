import { createRouter } from '../lib/openapi';
import * as handlers from './rounds.handlers';
import * as routes from './rounds.routes';
import * as auditHandlers from './rounds.audit.handlers';
import * as auditRoutes from './rounds.audit.routes';
import * as extHandlers from './rounds.extensions.handlers';
import * as extRoutes from './rounds.extensions.routes';

// Placement rounds (issue #4 part 5); the lifecycle and acceptance rule are in rounds.service.ts.
export const roundsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.update, handlers.update)
  .openapi(routes.setPositions, handlers.setPositions)
  .openapi(routes.listPositions, handlers.listPositions)
  .openapi(routes.setTalents, handlers.setTalents)
  .openapi(routes.listTalents, handlers.listTalents)
  .openapi(routes.open, handlers.open)
  .openapi(routes.run, handlers.run)
  .openapi(routes.result, handlers.result)
  .openapi(routes.roundProposals, handlers.roundProposals)
  .openapi(routes.publish, handlers.publish)
  .openapi(routes.close, handlers.close)
  .openapi(auditRoutes.refreshInputs, auditHandlers.refreshInputs)
  .openapi(auditRoutes.exportFile, auditHandlers.exportFile)
  .openapi(auditRoutes.report, auditHandlers.report)
  .openapi(auditRoutes.followUp, auditHandlers.followUp)
  .openapi(auditRoutes.fillRate, auditHandlers.fillRate)
  .openapi(extRoutes.listPins, extHandlers.listPins)
  .openapi(extRoutes.addPin, extHandlers.addPin)
  .openapi(extRoutes.removePin, extHandlers.removePin)
  .openapi(extRoutes.getAdjustment, extHandlers.getAdjustment)
  .openapi(extRoutes.putAdjustment, extHandlers.putAdjustment)
  .openapi(extRoutes.myNotices, extHandlers.myNotices)
  .openapi(extRoutes.dismissNotice, extHandlers.dismissNotice)
  .openapi(routes.getChoices, handlers.getChoices)
  .openapi(routes.putChoices, handlers.putChoices)
  .openapi(routes.deleteChoices, handlers.deleteChoices)
  .openapi(routes.myRounds, handlers.myRounds)
  .openapi(routes.myProposals, handlers.myProposals)
  .openapi(routes.employerProposals, handlers.employerProposals)
  .openapi(routes.getProposal, handlers.getProposal)
  .openapi(routes.respond, handlers.respond);

// For other features and pages (their front door; ARCHITECTURE.md, "Features").
export {
  createRound,
  setRoundPositions,
  setRoundTalents,
  openRound,
  runRoundById,
  publishRound,
  respondToProposal,
  closeRound,
  getMyChoices,
  getRound,
  getRoundResult,
  listEmployerProposals,
  listMyProposals,
  listMyRounds,
  listRoundPositions,
  listRoundTalents,
  listRounds,
  submitChoices,
  updateRound,
  withdrawChoices,
} from './rounds.service';
export {
  CreateRoundBody,
  MAX_CHOICES,
  ProposalListQuery,
  ResponseBody,
  RoundListQuery,
  RunRoundBody,
  ROUND_STATUSES,
  SetRoundPositionsBody,
  SetRoundTalentsBody,
  UpdateRoundBody,
  ChoicesBody,
  EDITABLE_STATUSES,
  FollowUpBody,
  type ProposalDto,
  type RefusalDto,
  type RoundDto,
  type RoundPositionDto,
  type RoundResultDto,
  type RoundTalentDto,
  type TalentRoundDto,
} from './rounds.schemas';
export { refreshInputs } from './rounds.audit.service';
export { createFollowUp } from './rounds.followup';
export { earlyRunDeadline, runRoundJob } from './rounds.jobs';
export { listPins, pinOptions, addPin, removePin, PIN_QUERY_MAX } from './rounds.pins';
export { getMyAdjustment, setMyAdjustment } from './rounds.adjustment';
export { myNotices, dismissNotice, type RoundNoticeDto } from './rounds.notices';
export { allPages, departmentRoundView, myRoundsView, type DepartmentRoundView, type MyRoundView } from './rounds.views';
export { type AdjustmentDto, type PinDto, AdjustmentBody, PinBody } from './rounds.extensions.schemas';
