import type { FeatureMatrix, FeatureName } from './features';

/** Standardised values are clipped to this many standard deviations. */
export const CLIP = 5;

/** Money spans orders of magnitude between debtors, so it is coded on a log scale. */
const LOG_SCALED: ReadonlySet<FeatureName> = new Set([
  'amountMinor',
  'openAmountMinor',
  'overdueAmountMinor',
]);

/** Averages over a debtor's settled invoices, and the count each one averages over. */
const AVERAGED_OVER: ReadonlyMap<FeatureName, FeatureName> = new Map<FeatureName, FeatureName>([
  ['lateShare', 'settledCount'],
  ['meanDaysLate', 'settledCount'],
  ['meanDaysToSettle', 'settledCount'],
  ['meanDaysFromDue', 'settledCount'],
  ['partialShare', 'settledCount'],
  ['creditedShare', 'settledCount'],
  ['paperShare', 'settledCount'],
  ['disputedShare', 'settledCount'],
  ['undisputedDaysToSettle', 'settledCount'],
  ['sameChannelDaysToSettle', 'sameChannelCount'],
  ['sameChannelLateShare', 'sameChannelCount'],
  ['regionLateShare', 'regionSettledCount'],
  ['regionDisputedShare', 'regionSettledCount'],
  ['regionDaysToSettle', 'regionSettledCount'],
]);

/**
 * One input column of a linear model: a feature's standardised value, or a 0/1 column that
 * says the feature is not known (its value column then holds 0, the training mean).
 * An average over few invoices says little, so it is first pulled towards the training
 * mean `toward` with the weight of `invoices` invoices (`shrink`).
 */
export interface ColumnCode {
  feature: FeatureName;
  part: 'value' | 'missing';
  log: boolean;
  center: number;
  scale: number;
  shrink: { by: FeatureName; invoices: number; toward: number } | null;
}

const signedLog = (value: number): number => Math.sign(value) * Math.log1p(Math.abs(value));

/** The value as coded before standardisation: log for money, shrunk for averages. */
const prepared = (code: Omit<ColumnCode, 'center' | 'scale'>, value: number, count: number) => {
  const { shrink } = code;
  if (shrink) {
    const known = Number.isNaN(value) ? 0 : Math.max(0, count);
    const sum = known > 0 ? value * known : 0;
    return (sum + shrink.invoices * shrink.toward) / (known + shrink.invoices);
  }
  if (Number.isNaN(value)) return NaN;
  return code.log ? signedLog(value) : value;
};

/** Reads one feature (and the count it averages over) of matrix rows. */
const reader = (matrix: FeatureMatrix, feature: FeatureName) => {
  const column = matrix.names.indexOf(feature);
  if (column < 0) throw new RangeError(`the feature matrix lacks ${feature}`);
  const width = matrix.names.length;
  return (row: number): number => matrix.values[row * width + column]!;
};

const meanOf = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Learns how to code `features` from the training rows: centre and scale of each one
 * (after the log for money and the shrinkage of averages), a missing-value column where
 * some rows lack the value, and nothing for features that never vary (no contact
 * history, one payment term). `shrinkInvoices` 0 leaves averages as they are.
 */
export function fitCoding(
  matrix: FeatureMatrix,
  rows: readonly number[],
  features: readonly FeatureName[],
  shrinkInvoices: number,
): ColumnCode[] {
  const coding: ColumnCode[] = [];
  for (const feature of features) {
    const read = reader(matrix, feature);
    const raw = rows.map(read);
    const known = raw.filter((value) => !Number.isNaN(value));
    if (known.length === 0) continue;

    const by = AVERAGED_OVER.get(feature);
    const shrink =
      by && shrinkInvoices > 0 ? { by, invoices: shrinkInvoices, toward: meanOf(known) } : null;
    const base = { feature, part: 'value' as const, log: LOG_SCALED.has(feature), shrink };
    const count = shrink ? reader(matrix, shrink.by) : () => 0;
    const values = rows
      .map((row, index) => prepared(base, raw[index]!, count(row)))
      .filter((value) => !Number.isNaN(value));
    const center = meanOf(values);
    const scale = Math.sqrt(meanOf(values.map((value) => (value - center) ** 2)));
    if (scale > 1e-9) coding.push({ ...base, center, scale });
    if (known.length < rows.length) {
      coding.push({ feature, part: 'missing', log: false, center: 0, scale: 1, shrink: null });
    }
  }
  return coding;
}

/** Codes one feature value (and, for a shrunk average, its count) for one column. */
export const codeValue = (code: ColumnCode, value: number, count = 0): number => {
  if (code.part === 'missing') return Number.isNaN(value) ? 1 : 0;
  const ready = prepared(code, value, count);
  if (Number.isNaN(ready)) return 0;
  return Math.max(-CLIP, Math.min(CLIP, (ready - code.center) / code.scale));
};

/** Codes matrix rows; `replace` substitutes feature values (e.g. the disputed flag). */
export function codeRows(
  matrix: FeatureMatrix,
  rows: readonly number[],
  coding: readonly ColumnCode[],
  replace: Partial<Record<FeatureName, number>> = {},
): number[][] {
  const readers = coding.map((code) => {
    const fixed = replace[code.feature];
    const value = fixed === undefined ? reader(matrix, code.feature) : () => fixed;
    const count = code.shrink ? reader(matrix, code.shrink.by) : () => 0;
    return { value, count };
  });
  return rows.map((row) =>
    coding.map((code, index) =>
      codeValue(code, readers[index]!.value(row), readers[index]!.count(row)),
    ),
  );
}
