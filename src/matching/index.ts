// The matching core: pure functions over plain data (no I/O, no node:* imports), for Node and Workers.
export * from './types';
export { MatchContext, type PreparedPosition, type PreparedTalent } from './prepared';
export { scorePair, explainPair, quickScore, isEligible, eligibilityReasons } from './score';
export { PositionIndex, rankPositionsForTalent, MAX_LIST_LENGTH, type RankedList } from './rank';
export { deferredAcceptance, type DeferredAcceptanceInput, type DeferredAcceptanceResult } from './deferred-acceptance';
export * from './round';
export { ancestorsOrSelf, commonLevel } from './regions';
