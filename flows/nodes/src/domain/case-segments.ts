/**
 * Segments the scoring plugin puts on a case: the ability x willingness quadrant and the
 * reason the account is overdue. A case the scoring has not reached yet has neither.
 */
import type { StrategyCase } from '../types';

/** Outputs of hk-quadrant-switch, in port order. */
export const QUADRANT_OUTPUTS = ['HH', 'HL', 'LH', 'LL', 'unscored'] as const;
export type QuadrantOutput = (typeof QUADRANT_OUTPUTS)[number];

/** Outputs of hk-reason-switch, in port order. */
export const REASON_OUTPUTS = ['cash_flow', 'oversight', 'dispute', 'wilful', 'unknown'] as const;
export type ReasonOutput = (typeof REASON_OUTPUTS)[number];

/** The case's quadrant, or 'unscored' when it has none. */
export const quadrantOutput = (strategyCase: Pick<StrategyCase, 'quadrant'>): QuadrantOutput =>
  strategyCase.quadrant ?? 'unscored';

/** The case's overdue reason; a case without one counts as 'unknown'. */
export const reasonOutput = (strategyCase: Pick<StrategyCase, 'reason'>): ReasonOutput =>
  strategyCase.reason ?? 'unknown';
