import type { IsoDate, Reason } from '../types';
import { fromDay, toDay } from './calendar';
import {
  DAYS_FEATURES,
  DISPUTE_PRIOR_INVOICES,
  MARGIN_DAYS,
  REGION_PRIOR_INVOICES,
  fitComponents,
  predictComponents,
  type Components,
  type ModelParams,
  type RowPrediction,
  type Sample,
} from './components';
import { atIssue, describeInvoices, openOn, rowRecord, type FeatureMatrix } from './features';
import { compileHistory, type CompiledHistory, type PaymentHistory } from './history';
import { mean, median } from './metrics';
import { MODEL_KIND, MODEL_VERSION, parseModel, type PaymentModel } from './model-file';
import { explain } from './reasons';
import { regionSnapshot } from './regions';
import { chooseParams, DEFAULTS, scoreRows, type Selection } from './tuning';

export { MODEL_KIND, MODEL_VERSION, parseModel, type PaymentModel } from './model-file';

/** Fewer labelled invoices than this are not enough to learn from. */
export const MIN_TRAINING_INVOICES = 50;
/**
 * The XGBoost WebAssembly build cannot grow its memory past some 1.2 million cells, and a
 * linear model of at most 98 inputs has learnt what it can from far fewer invoices: a
 * larger ledger trains on its latest ones (by issue date), which keeps the habits current.
 */
export const MAX_TRAINING_INVOICES = 10_000;
/**
 * Invoices issued in the last LABEL_WINDOW_DAYS before the as-of date are too recent to
 * learn from: of those, only the ones settled quickly would have a label yet.
 */
export const LABEL_WINDOW_DAYS = 180;
export const DEFAULT_SEED = 42;

/**
 * Settings of the two libraries. The days penalty and the shrinkage are chosen per
 * training run (`chooseParams`); these defaults apply only when no validation is possible.
 */
export const BASE_PARAMS: ModelParams = {
  days: { lambda: DEFAULTS.lambda, alpha: 0, eta: 0.5, iterations: 200, seed: DEFAULT_SEED },
  logistic: { steps: 400, rate: 1.5 },
  shrinkInvoices: DEFAULTS.shrinkInvoices,
};

export interface TrainOptions {
  /**
   * The day training looks from: only invoices settled on or before it have a label, and
   * only those issued LABEL_WINDOW_DAYS or more before it are learnt from.
   */
  asOf: IsoDate;
  /** Learn only from invoices issued before this date too (an evaluation split). */
  issuedBefore?: IsoDate;
  /** @defaultValue 42 */
  seed?: number;
  /**
   * Read each predicted invoice's own disputed flag. Without it the flag is never read
   * and the model weighs the disputed and undisputed outcomes by the chance of a dispute.
   * @defaultValue false
   */
  withDisputed?: boolean;
  /**
   * Fixed choices instead of the time-ordered validation: the days regression's L2 penalty
   * and the shrinkage of averages (`ColumnCode.shrink`).
   */
  fixed?: { lambda: number; shrinkInvoices: number };
}

/** One open invoice's prediction. */
export interface PaymentPrediction {
  invoiceNumber: string;
  debtorCode: string;
  asOf: IsoDate;
  /** P(paid after the due date); 1 for an invoice already past due on the as-of date. */
  lateProbability: number;
  /** Expected days from issue to settlement, never before the day after the as-of date. */
  expectedDaysToSettle: number;
  expectedSettlementDate: IsoDate;
  knownLate: boolean;
  /** P(the invoice gets disputed), when its own flag was not read. */
  disputeProbability: number | null;
  reasons: Reason[];
}

const componentsOf = (model: PaymentModel): Components => ({
  coding: model.coding,
  days: model.weights.days,
  late: model.weights.late,
  dispute: model.weights.dispute,
  disputeRate: model.weights.disputeRate,
});

/** The labels of invoices described at issue: days to settle, late, disputed. */
export const sampleOf = (history: CompiledHistory, matrix: FeatureMatrix): Sample => {
  const invoices = Array.from(matrix.invoices);
  return {
    matrix,
    days: invoices.map((invoice) => history.settleDay[invoice]! - history.issueDay[invoice]!),
    late: invoices.map((invoice) => Number(history.settleDay[invoice]! > history.dueDay[invoice]!)),
    disputed: invoices.map((invoice) => history.disputed[invoice]!),
  };
};

/** Invoices with a label on `asOf`, issued before `issuedBefore`, in issue order. */
export function labelledInvoices(history: CompiledHistory, asOf: number, issuedBefore: number) {
  const invoices: number[] = [];
  history.issueDay.forEach((issued, invoice) => {
    if (issued < issuedBefore && history.settleDay[invoice]! <= asOf) invoices.push(invoice);
  });
  return invoices.sort((a, b) => history.issueDay[a]! - history.issueDay[b]! || a - b);
}

function summary(
  history: CompiledHistory,
  sample: Sample,
  labelled: number,
  period: { asOf: number; issuedBefore: number },
) {
  const invoices = Array.from(sample.matrix.invoices);
  const debtors = new Set(invoices.map((invoice) => history.debtorOf[invoice]));
  return {
    asOf: fromDay(period.asOf),
    issuedBefore: fromDay(period.issuedBefore),
    invoices: invoices.length,
    labelledInvoices: labelled,
    debtors: debtors.size,
    firstIssueDate: fromDay(history.issueDay[invoices[0]!]!),
    lastIssueDate: fromDay(history.issueDay[invoices[invoices.length - 1]!]!),
    lateShare: mean(sample.late),
    disputedShare: mean(sample.disputed),
    meanDaysToSettle: mean(sample.days),
    medianDaysToSettle: median(sample.days),
  };
}

/** The training period's labelled invoices (the latest MAX_TRAINING_INVOICES of them). */
function trainingInvoices(history: CompiledHistory, options: TrainOptions) {
  const asOf = toDay(options.asOf, 'asOf');
  const mature = asOf - LABEL_WINDOW_DAYS + 1;
  const asked = options.issuedBefore ? toDay(options.issuedBefore, 'issuedBefore') : mature;
  const issuedBefore = Math.min(asked, mature);
  const labelled = labelledInvoices(history, asOf, issuedBefore);
  if (labelled.length < MIN_TRAINING_INVOICES) {
    throw new RangeError(
      `only ${labelled.length} invoices are settled and issued in the training period; ` +
        `the payment model needs at least ${MIN_TRAINING_INVOICES}`,
    );
  }
  return { asOf, issuedBefore, labelled, invoices: labelled.slice(-MAX_TRAINING_INVOICES) };
}

/** The fixed choices, or the ones the time-ordered validation makes. */
const selectionFor = (
  options: TrainOptions,
  sample: Sample,
  params: ModelParams,
  readDisputed: boolean,
): Promise<Selection> => {
  if (!options.fixed) {
    const rows = sample.days.map((_, row) => row);
    return chooseParams(sample, rows, sample.matrix.days, params, readDisputed);
  }
  return Promise.resolve({
    method: 'fixed',
    validationFrom: null,
    candidates: [],
    ...options.fixed,
    validation: null,
  });
};

/**
 * Learns the payment model from a compiled history: invoices settled by `asOf`, issued
 * LABEL_WINDOW_DAYS before it or earlier (and before `issuedBefore`), each described as
 * of its own issue date. Throws RangeError when too few invoices have a label.
 */
export async function trainCompiled(
  history: CompiledHistory,
  options: TrainOptions,
): Promise<PaymentModel> {
  const period = trainingInvoices(history, options);
  const seed = options.seed ?? DEFAULT_SEED;
  const readDisputed = options.withDisputed ?? false;
  const matrix = describeInvoices(history, atIssue(history, period.invoices), {
    withDisputed: true,
  });
  const sample = sampleOf(history, matrix);
  const rows = period.invoices.map((_, row) => row);

  const params: ModelParams = { ...BASE_PARAMS, days: { ...BASE_PARAMS.days, seed } };
  const selection = await selectionFor(options, sample, params, readDisputed);
  const chosen: ModelParams = {
    ...params,
    shrinkInvoices: selection.shrinkInvoices,
    days: { ...params.days, lambda: selection.lambda },
  };
  const parts = await fitComponents(sample, rows, chosen);
  const fitted = await predictComponents(parts, matrix, rows, readDisputed);

  return {
    version: MODEL_VERSION,
    kind: MODEL_KIND,
    features: [...DAYS_FEATURES],
    withDisputed: readDisputed,
    params: {
      days: { booster: 'gblinear', objective: 'reg:linear', ...chosen.days },
      logistic: chosen.logistic,
      shrinkInvoices: chosen.shrinkInvoices,
      marginDays: MARGIN_DAYS,
      disputePriorInvoices: DISPUTE_PRIOR_INVOICES,
      regionPriorInvoices: REGION_PRIOR_INVOICES,
      selection,
    },
    seed,
    trainedOn: summary(history, sample, period.labelled.length, period),
    metrics: { training: scoreRows(fitted, sample, rows), validation: selection.validation },
    regions: regionSnapshot(history, period.asOf),
    coding: parts.coding,
    weights: {
      days: parts.days,
      late: parts.late,
      dispute: parts.dispute,
      disputeRate: parts.disputeRate,
    },
  };
}

/** `trainCompiled` straight from a history. */
export const train = (history: PaymentHistory, options: TrainOptions): Promise<PaymentModel> =>
  trainCompiled(compileHistory(history), options);

/** Predictions for rows of a feature matrix built with the disputed column. */
export const predictRows = (
  model: PaymentModel,
  matrix: FeatureMatrix,
  rows: number[],
): Promise<RowPrediction[]> =>
  predictComponents(componentsOf(parseModel(model)), matrix, rows, model.withDisputed);

/**
 * Predicts every invoice open on `asOf` (issued by then, not settled by then) from what is
 * known on that day, with its strongest reasons. An invoice already past due is late for
 * certain; its expected settlement is never earlier than the day after `asOf`.
 *
 * The history may hold only the debtors to predict: each debtor's own figures come from
 * it, the region figures from the model's totals on its training day. Asked about an
 * earlier day, when those totals were not known yet, the history's own regions are read.
 */
export async function predict(
  model: PaymentModel,
  history: PaymentHistory,
  asOf: IsoDate,
): Promise<PaymentPrediction[]> {
  const checked = parseModel(model);
  const compiled = compileHistory(history);
  const day = toDay(asOf, 'asOf');
  const regions = day >= toDay(checked.regions.asOf) ? checked.regions : undefined;
  const matrix = describeInvoices(compiled, openOn(compiled, day), { withDisputed: true, regions });
  const rows = Array.from(matrix.invoices, (_, row) => row);
  const parts = componentsOf(checked);
  const predictions = await predictComponents(parts, matrix, rows, checked.withDisputed);

  return predictions.map((prediction, row) => {
    const invoice = matrix.invoices[row]!;
    const record = compiled.source.invoices[invoice]!;
    const age = day - compiled.issueDay[invoice]!;
    const knownLate = day > compiled.dueDay[invoice]!;
    const days = Math.max(prediction.expectedDays, age + 1);
    const reasons = explain(parts, prediction, rowRecord(matrix, row), {
      readDisputed: checked.withDisputed,
      currency: record.currency,
    });
    if (knownLate) reasons.unshift(pastDueReason(day - compiled.dueDay[invoice]!, prediction));
    return {
      invoiceNumber: record.number,
      debtorCode: record.debtorCode,
      asOf,
      lateProbability: knownLate ? 1 : prediction.lateProbability,
      expectedDaysToSettle: days,
      expectedSettlementDate: fromDay(compiled.issueDay[invoice]! + Math.round(days)),
      knownLate,
      disputeProbability: checked.withDisputed ? null : prediction.disputeProbability,
      reasons,
    };
  });
}

/** The log-odds an invoice already past due adds to reach (nearly) certain lateness. */
const pastDueReason = (days: number, prediction: RowPrediction): Reason => {
  const logit = (p: number): number => Math.log(p / (1 - p));
  const model = Math.min(0.999, Math.max(0.001, prediction.lateProbability));
  return {
    code: 'payment.invoice.past_due',
    weight: Number((logit(0.999) - logit(model)).toFixed(4)),
    text: { 'zh-CN': `已逾期 ${days} 天`, en: `already ${days} days past due` },
  };
};
