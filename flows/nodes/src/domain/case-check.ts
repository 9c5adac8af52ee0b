import type { StrategyCase } from '../types';
import { findCaseProblem, findHistoryProblem } from './strategy-case';

/**
 * The first problem of `value` with the case fields a node reads, or null. Like
 * findCaseProblem, but a bad history names the history field at fault
 * (e.g. "history.promise.state must be ...") instead of the whole history.
 */
export function findRoutingProblem(
  value: unknown,
  fields: ReadonlyArray<keyof StrategyCase>,
): string | null {
  const problem = findCaseProblem(value, fields);
  if (problem === null || !problem.startsWith('history ')) return problem;
  return findHistoryProblem((value as { history: unknown }).history) ?? problem;
}
