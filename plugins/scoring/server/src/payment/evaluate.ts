import type { IsoDate } from '../types';
import { fromDay, toDay } from './calendar';
import type { Sample } from './components';
import { atIssue, describeInvoices, type FeatureMatrix, type FeatureName } from './features';
import { compileHistory, NEVER, type CompiledHistory, type PaymentHistory } from './history';
import { accuracy, auc, mean, meanAbsoluteError } from './metrics';
import { DEFAULT_SEED, predictRows, sampleOf, trainCompiled, type PaymentModel } from './model';

export interface EvaluationOptions {
  /** Train on invoices issued before this date; test on those issued on or after it. */
  splitDate: IsoDate;
  /** Read each test invoice's own disputed flag. @defaultValue false */
  withDisputed?: boolean;
  /** @defaultValue 42 */
  seed?: number;
}

export interface Figures {
  /** Null when the test invoices are all late or all on time. */
  auc: number | null;
  accuracy: number;
  maeDays: number;
}

export interface EvaluationReport {
  split: IsoDate;
  withDisputed: boolean;
  seed: number;
  train: { invoices: number; firstIssueDate: IsoDate; lastIssueDate: IsoDate; lateShare: number };
  test: { invoices: number; unsettled: number; lateShare: number };
  /** Allocations, credit notes, payments and contacts naming an unknown invoice or debtor. */
  ignored: CompiledHistory['skipped'];
  /** Distinct regions read, and how many of the debtors with invoices have one. */
  regions: { named: number; debtors: number; debtorsWithRegion: number };
  model: Figures & {
    lambda: number;
    shrinkInvoices: number;
    selection: string;
    validationFrom: string | null;
  };
  baselines: {
    /** Scores every invoice on time; days to settle: the training median. */
    alwaysOnTime: Figures & { predictedDays: number; daysFrom: 'training median' };
    /**
     * Scores the debtor's share of late invoices among those settled before the issue date;
     * days: the debtor's mean days to settle then. Both fall back to the training figures.
     */
    priorLateShare: Figures;
  };
}

const figures = (scores: number[], days: number[], sample: Sample): Figures => {
  const area = auc(scores, sample.late);
  return {
    auc: Number.isNaN(area) ? null : area,
    accuracy: accuracy(scores, sample.late),
    maeDays: meanAbsoluteError(days, sample.days),
  };
};

/** A feature of every row, with a fallback where it is not known yet. */
const featureOr = (matrix: FeatureMatrix, name: FeatureName, fallback: number): number[] => {
  const column = matrix.names.indexOf(name);
  return Array.from({ length: matrix.rows }, (_, row) => {
    const value = matrix.values[row * matrix.names.length + column]!;
    return Number.isNaN(value) ? fallback : value;
  });
};

function baselines(model: PaymentModel, test: Sample): EvaluationReport['baselines'] {
  const { trainedOn } = model;
  const onTime = test.days.map(() => 0);
  const medianDays = test.days.map(() => trainedOn.medianDaysToSettle);
  const share = featureOr(test.matrix, 'lateShare', trainedOn.lateShare);
  const priorDays = featureOr(test.matrix, 'meanDaysToSettle', trainedOn.meanDaysToSettle);
  return {
    alwaysOnTime: {
      ...figures(onTime, medianDays, test),
      predictedDays: trainedOn.medianDaysToSettle,
      daysFrom: 'training median',
    },
    priorLateShare: figures(share, priorDays, test),
  };
}

/** The last day the history knows anything about: the latest issue or settlement. */
const lastKnownDay = (history: CompiledHistory): number => {
  let last = -Infinity;
  history.issueDay.forEach((issued, invoice) => {
    const settled = history.settleDay[invoice]!;
    last = Math.max(last, issued, settled === NEVER ? issued : settled);
  });
  return last;
};

/**
 * Trains on the invoices issued before the split date (labelled by their settlement) and
 * tests on those issued on or after it, each described only by what was known on its
 * issue date; scores the model beside two baselines computed on the same invoices.
 * Throws RangeError when either side of the split is too small to say anything.
 */
export async function evaluateSplit(
  history: PaymentHistory,
  options: EvaluationOptions,
): Promise<{ report: EvaluationReport; model: PaymentModel }> {
  const compiled = compileHistory(history);
  const split = toDay(options.splitDate, 'split date');
  const seed = options.seed ?? DEFAULT_SEED;
  const withDisputed = options.withDisputed ?? false;
  const lastDay = lastKnownDay(compiled);
  const model = await trainCompiled(compiled, {
    asOf: fromDay(lastDay),
    issuedBefore: options.splitDate,
    seed,
    withDisputed,
  });

  const tested: number[] = [];
  let unsettled = 0;
  compiled.issueDay.forEach((issued, invoice) => {
    if (issued < split) return;
    if (compiled.settleDay[invoice] === NEVER) unsettled += 1;
    else tested.push(invoice);
  });
  if (tested.length === 0) {
    throw new RangeError(`no settled invoice is issued on or after ${options.splitDate}`);
  }
  const matrix = describeInvoices(compiled, atIssue(compiled, tested), { withDisputed: true });
  const test = sampleOf(compiled, matrix);
  const predictions = await predictRows(
    model,
    matrix,
    tested.map((_, row) => row),
  );
  const { selection } = model.params;

  const report: EvaluationReport = {
    split: options.splitDate,
    withDisputed,
    seed,
    train: {
      invoices: model.trainedOn.invoices,
      firstIssueDate: model.trainedOn.firstIssueDate,
      lastIssueDate: model.trainedOn.lastIssueDate,
      lateShare: model.trainedOn.lateShare,
    },
    test: { invoices: tested.length, unsettled, lateShare: mean(test.late) },
    ignored: compiled.skipped,
    regions: {
      named: compiled.regionNames.length,
      debtors: compiled.debtorCodes.length,
      debtorsWithRegion: compiled.regionOf.filter((region) => region >= 0).length,
    },
    model: {
      ...figures(
        predictions.map((prediction) => prediction.lateProbability),
        predictions.map((prediction) => prediction.expectedDays),
        test,
      ),
      lambda: selection.lambda,
      shrinkInvoices: selection.shrinkInvoices,
      selection: selection.method,
      validationFrom: selection.validationFrom,
    },
    baselines: baselines(model, test),
  };
  return { report, model };
}
