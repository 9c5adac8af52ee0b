/** @huikuan/node-red-nodes: shared strategy types and the pure rules behind the nodes. */
export * from './types';
export { findCaseProblem, isStrategyCase } from './domain/strategy-case';
export {
  DEFAULT_BOUNDS,
  bracketIndex,
  bracketLabels,
  parseBounds,
  type BoundsProblem,
} from './domain/dpd-brackets';
export {
  PLAN_CHANNELS,
  parseStepConfig,
  planStep,
  reminderChannel,
  resolveChannel,
  type PlanChannel,
  type ReminderChannel,
  type StepConfig,
} from './domain/step-plan';
