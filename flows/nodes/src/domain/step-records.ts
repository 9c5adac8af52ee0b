/**
 * Checks of the stored step records a node reads from a case's history (findHistoryProblem
 * checks the history's own fields, not each record).
 */
import type { ActionOutcome, CaseStepRecord } from '../types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: ReadonlySet<unknown> = new Set<CaseStepRecord['status']>([
  'pending',
  'done',
  'failed',
  'cancelled',
]);
const OUTCOMES: ReadonlySet<unknown> = new Set<ActionOutcome>([
  'none',
  'sent',
  'failed',
  'no_answer',
  'wrong_number',
  'reached',
  'refused',
  'promised',
  'disputed',
  'paid',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first thing wrong with the step record at `path`, or null. */
export function findStepRecordProblem(value: unknown, path: string): string | null {
  if (!isRecord(value)) return `${path} must be an object`;
  if (!Number.isSafeInteger(value.round) || (value.round as number) < 0) {
    return `${path}.round must be a whole number of at least 0`;
  }
  if (typeof value.dueOn !== 'string' || !DAY.test(value.dueOn)) {
    return `${path}.dueOn must be a date written YYYY-MM-DD`;
  }
  if (value.doneOn !== null && (typeof value.doneOn !== 'string' || !DAY.test(value.doneOn))) {
    return `${path}.doneOn must be a date written YYYY-MM-DD or null`;
  }
  if (!STATUSES.has(value.status)) {
    return `${path}.status must be 'pending', 'done', 'failed' or 'cancelled'`;
  }
  if (!OUTCOMES.has(value.outcome)) return `${path}.outcome must be an action outcome`;
  return null;
}

/**
 * The first thing wrong with the records a node reads: `history.steps[key]` for each of
 * `stepKeys` that is there, and `history.lastAction` (when not null) if `withLastAction`.
 * Null when they are fine or there is no history. Expects a history that passed
 * findHistoryProblem.
 */
export function findStepRecordsProblem(
  history: unknown,
  stepKeys: readonly string[],
  withLastAction: boolean,
): string | null {
  if (!isRecord(history) || !isRecord(history.steps)) return null;

  for (const stepKey of stepKeys) {
    if (!Object.hasOwn(history.steps, stepKey)) continue;
    const problem = findStepRecordProblem(history.steps[stepKey], `history.steps.${stepKey}`);
    if (problem !== null) return problem;
  }
  if (withLastAction && history.lastAction !== null && history.lastAction !== undefined) {
    return findStepRecordProblem(history.lastAction, 'history.lastAction');
  }
  return null;
}
