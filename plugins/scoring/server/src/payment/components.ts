import { codeRows, fitCoding, type ColumnCode } from './coding';
import { featureNames, type FeatureMatrix, type FeatureName } from './features';
import {
  dot,
  fitLinear,
  fitLogistic,
  predictLinear,
  sigmoid,
  type LinearBooster,
  type LinearParams,
  type LogisticParams,
} from './learners';

/**
 * The three fitted parts of the payment model and how they combine:
 *
 * - days: a linear regression of days to settle on every feature, the invoice's own
 *   disputed flag included (training invoices are settled, so their flags are known);
 * - late: P(paid late) from the expected margin over the payment term, a logistic on
 *   (expected days - term) / MARGIN_DAYS with its own intercept and slope for disputed
 *   invoices, whose settlement is less predictable;
 * - dispute: P(the invoice gets disputed) from the debtor's past disputes and the amount.
 *
 * When the invoice's own flag may be read, it goes into the days part directly. When it
 * may not, both outcomes are predicted and weighed by P(dispute): disputes lengthen
 * settlement a lot, and a mixture describes that better than one averaged line.
 */

/** Days of margin per unit of the late model's slope input. */
export const MARGIN_DAYS = 10;
/** Weight, in invoices, of the region's dispute rate in a debtor's smoothed rate. */
export const DISPUTE_PRIOR_INVOICES = 2;
/** Weight, in invoices, of the portfolio's dispute rate in a region's smoothed rate. */
export const REGION_PRIOR_INVOICES = 20;
/**
 * How many invoices the region's figures average over: it only grows with the portfolio's
 * age, so it weighs those figures (`ColumnCode.shrink`) and is no input of its own.
 */
export const WEIGHT_ONLY_FEATURES: readonly FeatureName[] = ['regionSettledCount'];
/**
 * Every other feature feeds the days part; the disputed flag is replaced when it may not
 * be read.
 */
export const DAYS_FEATURES: readonly FeatureName[] = featureNames(true).filter(
  (name) => !WEIGHT_ONLY_FEATURES.includes(name),
);

export interface ModelParams {
  days: LinearParams;
  logistic: LogisticParams;
  /** Invoices' weight of the training mean in a debtor's averages (`ColumnCode.shrink`). */
  shrinkInvoices: number;
}

/** The days part and the dispute part: enough to predict days to settle. */
export interface DaysParts {
  coding: ColumnCode[];
  days: LinearBooster;
  /** Logistic weights on the dispute inputs (see `disputeInputs`). */
  dispute: number[];
  /** Share of training invoices that were disputed. */
  disputeRate: number;
}

export interface Components extends DaysParts {
  /** Logistic weights on [1, margin, disputed, disputed × margin], margin in MARGIN_DAYS. */
  late: number[];
}

/** Labelled training rows of a feature matrix described at issue. */
export interface Sample {
  matrix: FeatureMatrix;
  days: number[];
  late: number[];
  disputed: number[];
}

/** Expected days to settle of one row, with the parts the late part and explanation read. */
export interface DaysPrediction {
  expectedDays: number;
  /** Coded inputs of the days part (own flag as read, or 0 when it may not be read). */
  coded: number[];
  /** Expected days if not disputed / if disputed (equal when the flag was read). */
  daysIfClear: number;
  daysIfDisputed: number;
  /** P(dispute) weighing the two; the flag itself (0 or 1) when it was read. */
  disputeProbability: number;
}

export interface RowPrediction extends DaysPrediction {
  lateProbability: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const clampShare = (p: number): number => Math.min(0.99, Math.max(0.01, p));
const signedLog = (value: number): number => Math.sign(value) * Math.log1p(Math.abs(value));

/** A logistic that could not be fitted (one class only): its smoothed rate, no slope. */
const constantLogistic = (labels: number[], width: number): number[] => {
  const rate = (labels.reduce((sum, label) => sum + label, 0) + 0.5) / (labels.length + 1);
  return [logit(rate), ...new Array<number>(width - 1).fill(0)];
};

const positions = new WeakMap<FeatureMatrix, Map<FeatureName, number>>();

/** One feature of one row; throws when the matrix was built without it. */
const column = (matrix: FeatureMatrix, row: number, name: FeatureName): number => {
  let index = positions.get(matrix);
  if (!index) {
    index = new Map(matrix.names.map((feature, position) => [feature, position]));
    positions.set(matrix, index);
  }
  const position = index.get(name);
  if (position === undefined) throw new RangeError(`the feature matrix lacks ${name}`);
  return matrix.values[row * matrix.names.length + position]!;
};

/** A share of `count` invoices pulled towards `toward` with the weight of `prior` invoices. */
const smooth = (share: number, count: number, toward: number, prior: number): number => {
  const known = Number.isNaN(count) ? 0 : count;
  const part = Number.isNaN(share) ? 0 : share * known;
  return (part + prior * toward) / (known + prior);
};

/**
 * The dispute share a debtor is expected to have before its own history: its region's
 * (the other debtors' settled invoices) smoothed towards the portfolio rate, or the
 * portfolio rate itself where the region is not known.
 */
const regionDisputeRate = (matrix: FeatureMatrix, row: number, rate: number): number =>
  smooth(
    column(matrix, row, 'regionDisputedShare'),
    column(matrix, row, 'regionSettledCount'),
    rate,
    REGION_PRIOR_INVOICES,
  );

/**
 * Inputs of the dispute part: intercept, the log-odds of the debtor's past dispute share
 * smoothed towards its region's (which is smoothed towards the portfolio rate), the
 * amount against the debtor's usual one, and the log of the amount.
 */
function disputeInputs(matrix: FeatureMatrix, row: number, rate: number): number[] {
  const smoothed = clampShare(
    smooth(
      column(matrix, row, 'disputedShare'),
      column(matrix, row, 'settledCount'),
      regionDisputeRate(matrix, row, rate),
      DISPUTE_PRIOR_INVOICES,
    ),
  );
  const relative = column(matrix, row, 'relativeAmount');
  return [
    1,
    logit(smoothed),
    Number.isNaN(relative) ? 0 : Math.max(-3, Math.min(3, relative - 1)),
    signedLog(column(matrix, row, 'amountMinor')),
  ];
}

const lateInput = (days: number, term: number, disputed: number): number[] => {
  const margin = (days - term) / MARGIN_DAYS;
  return [1, margin, disputed, disputed * margin];
};

/** Log-odds of late per expected day for an invoice disputed with this probability. */
export const lateSlope = (parts: Components, disputed: number): number =>
  ((parts.late[1] ?? 0) + disputed * (parts.late[3] ?? 0)) / MARGIN_DAYS;

/** The dispute part; it does not depend on the days part's settings. */
export function fitDispute(sample: Sample, rows: number[], params: LogisticParams) {
  const labels = rows.map((row) => sample.disputed[row]!);
  const disputeRate = clampShare(labels.reduce((sum, label) => sum + label, 0) / rows.length);
  const inputs = rows.map((row) => disputeInputs(sample.matrix, row, disputeRate));
  const dispute = fitLogistic(inputs, labels, params) ?? constantLogistic(labels, 4);
  return { dispute, disputeRate };
}

/** The days part on `rows`, beside a dispute part fitted on the same rows. */
export async function fitDays(
  sample: Sample,
  rows: number[],
  params: ModelParams,
  dispute: { dispute: number[]; disputeRate: number },
): Promise<DaysParts> {
  const { matrix } = sample;
  const coding = fitCoding(matrix, rows, DAYS_FEATURES, params.shrinkInvoices);
  if (coding.length === 0) throw new RangeError('no feature varies among the training invoices');
  const coded = codeRows(matrix, rows, coding);
  const days = await fitLinear(
    coded,
    rows.map((row) => sample.days[row]!),
    params.days,
  );
  return { coding, days, ...dispute };
}

/**
 * Expected days to settle of `rows`. With `readDisputed` the invoice's own flag goes into
 * the days part; without it the flag is never read and both outcomes are weighed by
 * P(dispute).
 */
export async function predictDays(
  parts: DaysParts,
  matrix: FeatureMatrix,
  rows: number[],
  readDisputed: boolean,
): Promise<DaysPrediction[]> {
  if (readDisputed) {
    const coded = codeRows(matrix, rows, parts.coding);
    const days = await predictLinear(parts.days, coded);
    return rows.map((row, index) => ({
      expectedDays: days[index]!,
      coded: coded[index]!,
      daysIfClear: days[index]!,
      daysIfDisputed: days[index]!,
      disputeProbability: column(matrix, row, 'disputed'),
    }));
  }

  const clear = codeRows(matrix, rows, parts.coding, { disputed: 0 });
  const disputed = codeRows(matrix, rows, parts.coding, { disputed: 1 });
  const daysClear = await predictLinear(parts.days, clear);
  const daysDisputed = await predictLinear(parts.days, disputed);
  return rows.map((row, index) => {
    const chance = sigmoid(dot(parts.dispute, disputeInputs(matrix, row, parts.disputeRate)));
    const [ifClear, ifDisputed] = [daysClear[index]!, daysDisputed[index]!];
    return {
      expectedDays: chance * ifDisputed + (1 - chance) * ifClear,
      coded: clear[index]!,
      daysIfClear: ifClear,
      daysIfDisputed: ifDisputed,
      disputeProbability: chance,
    };
  });
}

/** P(late) of a row from its days prediction: one logistic per outcome, weighed. */
const lateOf = (late: number[], term: number, days: DaysPrediction, readDisputed: boolean) => {
  const given = (expected: number, disputed: number): number =>
    sigmoid(dot(late, lateInput(expected, term, disputed)));
  if (readDisputed) return given(days.expectedDays, days.disputeProbability);
  const chance = days.disputeProbability;
  return chance * given(days.daysIfDisputed, 1) + (1 - chance) * given(days.daysIfClear, 0);
};

/** The late part, from the days part's in-sample expectations and the true flags. */
export async function fitLate(
  sample: Sample,
  rows: number[],
  parts: DaysParts,
  params: LogisticParams,
): Promise<number[]> {
  const fitted = await predictDays(parts, sample.matrix, rows, true);
  const labels = rows.map((row) => sample.late[row]!);
  const inputs = rows.map((row, index) =>
    lateInput(
      fitted[index]!.expectedDays,
      column(sample.matrix, row, 'termDays'),
      sample.disputed[row]!,
    ),
  );
  return fitLogistic(inputs, labels, params) ?? constantLogistic(labels, 4);
}

/** Fits the three parts on `rows` of the sample. */
export async function fitComponents(
  sample: Sample,
  rows: number[],
  params: ModelParams,
): Promise<Components> {
  const parts = await fitDays(sample, rows, params, fitDispute(sample, rows, params.logistic));
  return { ...parts, late: await fitLate(sample, rows, parts, params.logistic) };
}

/** Days to settle and P(late) of `rows` (see `predictDays` for `readDisputed`). */
export async function predictComponents(
  parts: Components,
  matrix: FeatureMatrix,
  rows: number[],
  readDisputed: boolean,
): Promise<RowPrediction[]> {
  const days = await predictDays(parts, matrix, rows, readDisputed);
  return days.map((prediction, index) => ({
    ...prediction,
    lateProbability: lateOf(
      parts.late,
      column(matrix, rows[index]!, 'termDays'),
      prediction,
      readDisputed,
    ),
  }));
}
