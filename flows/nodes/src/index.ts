/** @huikuan/node-red-nodes: shared strategy types and the pure rules behind the nodes. */
export * from './types';
export { findCaseProblem, isStrategyCase } from './domain/strategy-case';
export {
  QUADRANT_OUTPUTS,
  REASON_OUTPUTS,
  quadrantOutput,
  reasonOutput,
  type QuadrantOutput,
  type ReasonOutput,
} from './domain/case-segments';
export {
  OUTCOME_OUTPUTS,
  STATE_OUTPUTS,
  collectionState,
  lastOutcome,
  type OutcomeOutput,
  type StateOutput,
} from './domain/collection-state';
export {
  DEFAULT_OFFENDER_CONFIG,
  OFFENDER_OUTPUTS,
  offenderOutput,
  parseOffenderConfig,
  type OffenderConfig,
  type OffenderOutput,
} from './domain/offender';
export {
  AmountBrackets,
  DEFAULT_AMOUNT_BOUNDS,
  currencyDigits,
  parseAmountConfig,
  type AmountConfig,
  type AmountField,
} from './domain/amount-brackets';
export {
  createSplitter,
  parseSplitConfig,
  splitHash,
  type SplitBranch,
  type SplitConfig,
} from './domain/split';
export {
  DEFAULT_BOUNDS,
  bracketIndex,
  bracketLabels,
  parseBounds,
  type BoundsProblem,
} from './domain/dpd-brackets';
export {
  PLAN_CHANNELS,
  decideStep,
  parseStepConfig,
  planStep,
  reminderChannel,
  resolveChannel,
  type PlanChannel,
  type ReminderChannel,
  type StepAction,
  type StepConfig,
} from './domain/step-plan';
export {
  DAY_TYPES,
  MAX_DAY_OFFSET,
  addBusinessDays,
  addCalendarDays,
  addDays,
  hasHolidayData,
  isBusinessDay,
  type DayType,
} from './domain/business-days';
export { ANCHORS, adaptInterval, type IntervalCaps, type StepAnchor } from './domain/step-timing';
export { decideWait, parseWaitConfig, type WaitConfig } from './domain/wait';
export {
  DEFAULT_ESCALATION_TEMPLATES,
  ESCALATION_TYPES,
  parseEscalationConfig,
  type EscalationConfig,
} from './domain/escalation';
export {
  OFFER_LIMITS,
  offerTerms,
  parseOfferConfig,
  resolveOfferChannel,
  writtenChannel,
  type WrittenChannel,
  type OfferConfig,
  type OfferSchedule,
} from './domain/offer';
