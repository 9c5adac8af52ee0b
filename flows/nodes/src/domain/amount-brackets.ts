/**
 * Amount brackets: ascending lower bounds in major currency units (e.g. 0, 10000, 100000 元)
 * split a case's overdue (or open) amount, which is kept in integer minor units. A bracket
 * runs from its bound (included) to the next bound (excluded); the last one has no end.
 */
import type { StrategyCase } from '../types';
import { bracketIndex, parseBounds, type BoundsProblem } from './dpd-brackets';

export const DEFAULT_AMOUNT_BOUNDS: readonly number[] = [0, 10_000, 100_000];

/** Which amount of the case is bracketed. */
export const AMOUNT_FIELDS = ['overdue', 'open'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

const CASE_FIELD: Readonly<Record<AmountField, 'overdueAmountMinor' | 'openAmountMinor'>> = {
  overdue: 'overdueAmountMinor',
  open: 'openAmountMinor',
};

export interface AmountConfig {
  /** Lower bounds in major units: whole numbers of at least 0, strictly ascending. */
  bounds: number[];
  amount: AmountField;
}

export type AmountProblem = BoundsProblem | 'amount-invalid';

export type AmountConfigResult =
  { config: AmountConfig; problem?: never } | { problem: AmountProblem };

/** Checks the bounds like the days-past-due brackets; the amount defaults to 'overdue'. */
export function parseAmountConfig(raw: { bounds?: unknown; amount?: unknown }): AmountConfigResult {
  const amount = raw.amount === undefined || raw.amount === '' ? 'overdue' : raw.amount;
  if (!AMOUNT_FIELDS.includes(amount as AmountField)) return { problem: 'amount-invalid' };

  const parsed = parseBounds(raw.bounds);
  if (parsed.problem !== undefined) return { problem: parsed.problem };
  return { config: { bounds: parsed.bounds, amount: amount as AmountField } };
}

/** The case field that holds the configured amount. */
export const amountField = (amount: AmountField): 'overdueAmountMinor' | 'openAmountMinor' =>
  CASE_FIELD[amount];

/**
 * Digits of the currency's minor unit (CNY 2, JPY 0, KWD 3), as Intl knows them; null when
 * `currency` is not a well-formed ISO 4217 code.
 */
export function currencyDigits(currency: string): number | null {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.resolvedOptions().maximumFractionDigits ?? null;
  } catch {
    return null;
  }
}

/**
 * The brackets of a strategy, converted to each currency's minor units on first use and
 * cached: building an Intl.NumberFormat per case would dominate a run of 100,000 cases.
 */
export class AmountBrackets {
  private readonly minorBounds = new Map<string, readonly number[]>();

  constructor(readonly bounds: readonly number[]) {}

  /** The bounds in minor units of `currency`, or null for a malformed currency code. */
  boundsIn(currency: string): readonly number[] | null {
    const cached = this.minorBounds.get(currency);
    if (cached !== undefined) return cached;

    const digits = currencyDigits(currency);
    if (digits === null) return null;
    const scale = 10 ** digits;
    const converted = this.bounds.map((bound) => bound * scale);
    this.minorBounds.set(currency, converted);
    return converted;
  }

  /**
   * The index of the amount's bracket, -1 below the first bound, null for a malformed
   * currency code.
   */
  indexOf(amountMinor: number, currency: string): number | null {
    const bounds = this.boundsIn(currency);
    return bounds === null ? null : bracketIndex(bounds, amountMinor);
  }
}

/** One bracket for labels: from its bound, up to (excluding) the next, or open-ended. */
export interface AmountRange {
  from: number;
  to: number | null;
}

export const amountRanges = (bounds: readonly number[]): AmountRange[] =>
  bounds.map((from, i) => ({ from, to: bounds[i + 1] ?? null }));

/** Short labels for status badges: "0-10,000", "10,000-100,000", "≥100,000". */
export function shortAmountLabels(bounds: readonly number[]): string[] {
  const format = (value: number): string => value.toLocaleString('en-US');
  return amountRanges(bounds).map(({ from, to }) =>
    to === null ? `≥${format(from)}` : `${format(from)}-${format(to)}`,
  );
}

/** The amount of the case the configuration looks at, in minor units. */
export const caseAmount = (
  strategyCase: Pick<StrategyCase, 'overdueAmountMinor' | 'openAmountMinor'>,
  amount: AmountField,
): number => strategyCase[CASE_FIELD[amount]];
