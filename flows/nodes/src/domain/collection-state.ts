/**
 * Where a case stands from its stored history: handed to an agency, disputed, under a promise
 * to pay, and what the last action brought. Absent history means a new case: none of these.
 */
import type { ActionOutcome, CaseHistory, StrategyCase } from '../types';

/** Outputs of hk-state-switch, in port order, which is also the order of priority. */
export const STATE_OUTPUTS = [
  'frozen',
  'disputed',
  'promise_broken',
  'promise_open',
  'none',
] as const;
export type StateOutput = (typeof STATE_OUTPUTS)[number];

/** Outputs of hk-outcome-switch, in port order. */
export const OUTCOME_OUTPUTS = [
  'no_action',
  'no_answer',
  'refused',
  'promised',
  'paid',
  'other',
] as const;
export type OutcomeOutput = (typeof OUTCOME_OUTPUTS)[number];

/** Every recorded outcome and its output; typed as a full Record so none is forgotten. */
const OUTPUT_OF_OUTCOME: Readonly<Record<ActionOutcome, OutcomeOutput>> = {
  none: 'other',
  sent: 'other',
  failed: 'other',
  no_answer: 'no_answer',
  // The number did not reach the debtor: no answer from them, and the contact needs fixing.
  wrong_number: 'other',
  reached: 'other',
  refused: 'refused',
  promised: 'promised',
  disputed: 'other',
  paid: 'paid',
};

const ACTION_OUTCOMES = Object.keys(OUTPUT_OF_OUTCOME);

/**
 * The first state that applies, in this priority: frozen (handed to an external agency),
 * disputed (an overdue invoice on hold), the latest promise broken, the latest promise open,
 * else none. `history.promise` is the latest promise of the case, so an older broken promise
 * followed by a new open one counts as open.
 */
export function collectionState(
  strategyCase: Pick<StrategyCase, 'disputedInvoices' | 'history'>,
): StateOutput {
  const { history } = strategyCase;
  if (history?.frozen === true) return 'frozen';
  if ((strategyCase.disputedInvoices ?? 0) > 0) return 'disputed';
  if (history?.promise.state === 'broken') return 'promise_broken';
  if (history?.promise.state === 'open') return 'promise_open';
  return 'none';
}

/**
 * What the last action done on the case brought: 'no_action' without one, the outcomes a
 * strategy reacts to (no answer, refused, promised, paid) by name, everything else as 'other'.
 */
export function lastOutcome(history: CaseHistory | undefined): OutcomeOutput {
  const lastAction = history?.lastAction;
  if (lastAction === null || lastAction === undefined) return 'no_action';
  return OUTPUT_OF_OUTCOME[lastAction.outcome] ?? 'other';
}

/** What is wrong with the recorded outcome of the last action, or null. */
export function findLastOutcomeProblem(history: CaseHistory | undefined): string | null {
  const lastAction = history?.lastAction;
  if (lastAction === null || lastAction === undefined) return null;
  return Object.hasOwn(OUTPUT_OF_OUTCOME, lastAction.outcome)
    ? null
    : `history.lastAction.outcome must be one of ${ACTION_OUTCOMES.join(', ')}`;
}
