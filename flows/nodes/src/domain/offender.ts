/**
 * First-time versus repeated offenders: a debtor with earlier cases, a broken promise to pay or
 * a long-overdue invoice is treated as repeated; the thresholds are configurable.
 */
import type { StrategyCase } from '../types';

/** Outputs of hk-offender-switch, in port order. */
export const OFFENDER_OUTPUTS = ['first_time', 'repeated'] as const;
export type OffenderOutput = (typeof OFFENDER_OUTPUTS)[number];

export interface OffenderConfig {
  /** Earlier closed cases of the debtor that make it a repeated offender. */
  minPriorCases: number;
  /** Broken promises to pay (this case) that make it a repeated offender. */
  minBrokenPromises: number;
  /** Days past due from which a case counts as long overdue. */
  longDays: number;
}

export const DEFAULT_OFFENDER_CONFIG: Readonly<OffenderConfig> = {
  minPriorCases: 1,
  minBrokenPromises: 1,
  longDays: 30,
};

export type OffenderProblem =
  'min-prior-cases-invalid' | 'min-broken-promises-invalid' | 'long-days-invalid';

export type OffenderConfigResult =
  { config: OffenderConfig; problem?: never } | { problem: OffenderProblem };

export type RawOffenderConfig = Partial<Record<keyof OffenderConfig, unknown>>;

/** A whole number of at least `min`; the editor may store digit strings. Absent: default. */
function readThreshold(raw: unknown, fallback: number, min: number): number | null {
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return Number.isSafeInteger(value) && (value as number) >= min ? (value as number) : null;
}

/** Checks the thresholds: whole numbers of at least 0, and `longDays` at least 1. */
export function parseOffenderConfig(raw: RawOffenderConfig): OffenderConfigResult {
  const defaults = DEFAULT_OFFENDER_CONFIG;
  const minPriorCases = readThreshold(raw.minPriorCases, defaults.minPriorCases, 0);
  if (minPriorCases === null) return { problem: 'min-prior-cases-invalid' };
  const minBrokenPromises = readThreshold(raw.minBrokenPromises, defaults.minBrokenPromises, 0);
  if (minBrokenPromises === null) return { problem: 'min-broken-promises-invalid' };
  const longDays = readThreshold(raw.longDays, defaults.longDays, 1);
  if (longDays === null) return { problem: 'long-days-invalid' };

  return { config: { minPriorCases, minBrokenPromises, longDays } };
}

/**
 * 'repeated' when any threshold is reached: prior cases, broken promises or days past due;
 * else 'first_time'. Without history the debtor has no prior cases and no broken promise.
 */
export function offenderOutput(
  config: OffenderConfig,
  strategyCase: Pick<StrategyCase, 'maxDaysPastDue' | 'history'>,
): OffenderOutput {
  const priorCases = strategyCase.history?.priorCases ?? 0;
  const brokenPromises = strategyCase.history?.promise.broken ?? 0;
  const repeated =
    priorCases >= config.minPriorCases ||
    brokenPromises >= config.minBrokenPromises ||
    strategyCase.maxDaysPastDue >= config.longDays;
  return repeated ? 'repeated' : 'first_time';
}

/** What is wrong with the broken-promise count the rule reads, or null. */
export function findBrokenPromisesProblem(
  strategyCase: Pick<StrategyCase, 'history'>,
): string | null {
  const { history } = strategyCase;
  if (history === undefined) return null;
  const broken: unknown = history.promise.broken;
  return Number.isSafeInteger(broken) && (broken as number) >= 0
    ? null
    : 'history.promise.broken must be a whole number of at least 0';
}
