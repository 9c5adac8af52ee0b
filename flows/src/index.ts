/** @huikuan/flows: the strategy runtime, an embedded Node-RED 4 with the Huikuan nodes. */
export {
  DEFAULT_RUN_TIMEOUT_MS,
  startStrategyRuntime,
  type RunOptions,
  type StrategyRuntime,
  type StrategyRuntimeOptions,
} from './runtime';
export { RunTimeoutError } from './delivery-tracker';
export type { LogLevel } from './settings';
export type { ActionChannel, StepPlan, StrategyCase } from '@huikuan/node-red-nodes';
