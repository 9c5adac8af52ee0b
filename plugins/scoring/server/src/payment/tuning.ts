import { fromDay } from './calendar';
import {
  fitDays,
  fitDispute,
  fitLate,
  predictComponents,
  predictDays,
  type ModelParams,
  type RowPrediction,
  type Sample,
} from './components';
import { accuracy, auc, meanAbsoluteError } from './metrics';

/** The latest quarter of the training invoices (by issue date) validates the choices. */
export const VALIDATION_SHARE = 0.25;
/** L2 penalties tried for the days regression. */
export const LAMBDA_GRID: readonly number[] = [1, 10, 100];
/** Weights (in invoices) of the training mean in a debtor's averages, tried. */
export const SHRINK_GRID: readonly number[] = [0, 2, 5];
/** Used when the training period is too short to hold a validation quarter. */
export const DEFAULTS = { lambda: 10, shrinkInvoices: 2 } as const;
/** Fewer validation invoices than this (or one class only) cannot choose anything. */
export const MIN_VALIDATION_INVOICES = 30;

export interface Scores {
  invoices: number;
  /** Null when the invoices are all late or all on time. */
  auc: number | null;
  accuracy: number;
  maeDays: number;
}

export interface Candidate {
  lambda: number;
  shrinkInvoices: number;
  /** MAE of days to settle on the validation invoices. */
  maeDays: number;
}

export interface Selection {
  method: 'time-ordered-validation' | 'default' | 'fixed';
  /** First issue date of the validation invoices; everything before it was fitted. */
  validationFrom: string | null;
  candidates: Candidate[];
  lambda: number;
  shrinkInvoices: number;
  /** The chosen pair's scores on the validation invoices. */
  validation: Scores | null;
}

/** AUC of late vs on time, accuracy at P = 0.5 and MAE of days to settle. */
export function scoreRows(predictions: RowPrediction[], sample: Sample, rows: number[]): Scores {
  const late = rows.map((row) => sample.late[row]!);
  const probability = predictions.map((prediction) => prediction.lateProbability);
  const area = auc(probability, late);
  return {
    invoices: rows.length,
    auc: Number.isNaN(area) ? null : area,
    accuracy: accuracy(probability, late),
    maeDays: meanAbsoluteError(
      predictions.map((prediction) => prediction.expectedDays),
      rows.map((row) => sample.days[row]!),
    ),
  };
}

/**
 * Chooses the days regression's penalty and the shrinkage of averages without looking past
 * the training period: fits each pair on the earlier invoices, scores it on the latest
 * quarter (by issue date, never splitting a day) and keeps the lowest MAE of days to
 * settle; ties go to the pair listed first. `rows` must be in issue order.
 */
export async function chooseParams(
  sample: Sample,
  rows: number[],
  issueDays: Int32Array,
  params: ModelParams,
  readDisputed: boolean,
): Promise<Selection> {
  const cut = issueDays[rows[Math.floor(rows.length * (1 - VALIDATION_SHARE))] ?? 0];
  const fit = rows.filter((row) => cut !== undefined && issueDays[row]! < cut);
  const check = rows.filter((row) => cut !== undefined && issueDays[row]! >= cut);
  const classes = new Set(check.map((row) => sample.late[row]));
  const enough = check.length >= MIN_VALIDATION_INVOICES && fit.length >= check.length;
  if (cut === undefined || !enough || classes.size < 2) {
    return {
      method: 'default',
      validationFrom: null,
      candidates: [],
      ...DEFAULTS,
      validation: null,
    };
  }

  const dispute = fitDispute(sample, fit, params.logistic);
  const actual = check.map((row) => sample.days[row]!);
  const candidates: Candidate[] = [];
  for (const shrinkInvoices of SHRINK_GRID) {
    for (const lambda of LAMBDA_GRID) {
      const tried = { ...params, shrinkInvoices, days: { ...params.days, lambda } };
      const parts = await fitDays(sample, fit, tried, dispute);
      const predicted = await predictDays(parts, sample.matrix, check, readDisputed);
      const expected = predicted.map((prediction) => prediction.expectedDays);
      candidates.push({ lambda, shrinkInvoices, maeDays: meanAbsoluteError(expected, actual) });
    }
  }
  const best = candidates.reduce((kept, next) => (next.maeDays < kept.maeDays ? next : kept));
  const chosen: ModelParams = {
    ...params,
    shrinkInvoices: best.shrinkInvoices,
    days: { ...params.days, lambda: best.lambda },
  };
  const parts = await fitDays(sample, fit, chosen, dispute);
  const late = await fitLate(sample, fit, parts, params.logistic);
  const predictions = await predictComponents(
    { ...parts, late },
    sample.matrix,
    check,
    readDisputed,
  );
  return {
    method: 'time-ordered-validation',
    validationFrom: fromDay(cut),
    candidates,
    lambda: best.lambda,
    shrinkInvoices: best.shrinkInvoices,
    validation: scoreRows(predictions, sample, check),
  };
}
