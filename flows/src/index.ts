/** @huikuan/flows: the strategy runtime, an embedded Node-RED 4 with the Huikuan nodes. */
export {
  DEFAULT_RUN_TIMEOUT_MS,
  startStrategyRuntime,
  StrategyFlowError,
  type RunOptions,
  type StrategyRunResult,
  type StrategyRuntime,
  type StrategyRuntimeOptions,
} from './runtime';
export type { EditorServices } from './run-bridge';
export { RunTimeoutError, type NodeFailure } from './delivery-tracker';
export type { LogLevel } from './settings';
export {
  activeCaseSources,
  findFlowProblem,
  findStrategyProblem,
  NO_CASE_SOURCE,
} from './flow-check';
export type {
  ActionChannel,
  ActionOutcome,
  BranchAssignment,
  CaseHistory,
  CaseStepRecord,
  DryRunSummary,
  OfferTerms,
  StepPlan,
  StrategyCase,
} from '@huikuan/node-red-nodes';
