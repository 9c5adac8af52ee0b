/**
 * Out-of-sample evaluation of the bankruptcy model: stratified k-fold cross-validation,
 * ROC AUC, and Altman Z'' (from Attr3, Attr6, Attr7, Attr8; lower Z'' = higher risk) on
 * the same folds as the baseline the model has to beat.
 */
import {
  type AucSummary,
  type FileEvaluation,
  type TrainingParams,
  MODEL_FEATURES,
  featureRows,
} from './bankruptcy-training';
import type { PolishDataset } from './polish-dataset';
import { POLISH_ATTRIBUTES, type PolishAttribute } from './polish-features';
import { altmanZDoublePrime } from './ratios';
import { Booster } from './xgboost-runtime';

/** Mulberry32: a small seeded generator in [0, 1), enough to deal folds reproducibly. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Area under the ROC curve: the chance that a random bankrupt company scores above a
 * random surviving one, ties counting half (Mann-Whitney U with average ranks).
 */
export const rocAuc = (scores: readonly number[], labels: ReadonlyArray<0 | 1>): number => {
  if (scores.length !== labels.length) throw new RangeError('one score per label is needed');
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('AUC needs both classes');
  if (scores.some((score) => !Number.isFinite(score)))
    throw new RangeError('a score is not finite');

  const order = scores
    .map((_, index) => index)
    .sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (
      end + 1 < order.length &&
      scores[order[end + 1] as number] === scores[order[start] as number]
    ) {
      end += 1;
    }
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k] as number] === 1) positiveRankSum += averageRank;
    }
    start = end + 1;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
};

/**
 * Test indices of `k` folds with each class spread evenly: each class is shuffled with
 * the seed and dealt round-robin, continuing where the previous class stopped.
 */
export const stratifiedFolds = (
  labels: ReadonlyArray<0 | 1>,
  k: number,
  seed: number,
): number[][] => {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('at least 2 folds are needed');
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [1, 0] as const) {
    const members = labels.flatMap((value, index) => (value === label ? [index] : []));
    if (members.length < k) throw new RangeError(`class ${label} has fewer than ${k} rows`);
    for (let i = members.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    for (const index of members) {
      folds[next % k]?.push(index);
      next += 1;
    }
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
};

const column = (name: PolishAttribute): number => POLISH_ATTRIBUTES.indexOf(name);
const ALTMAN_COLUMNS = (['Attr3', 'Attr6', 'Attr7', 'Attr8'] as const).map(column);

/** Z'' of a data set row, or null when one of its four attributes is missing. */
export const altmanZOfRow = (row: ReadonlyArray<number | null>): number | null => {
  const [x1, x2, x3, x4] = ALTMAN_COLUMNS.map((index) => row[index] ?? null);
  if (x1 == null || x2 == null || x3 == null || x4 == null) return null;
  return altmanZDoublePrime({ x1, x2, x3, x4 });
};

const summarize = (values: number[]): AucSummary => {
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  const variance =
    values.reduce((total, value) => total + (value - mean) ** 2, 0) /
    Math.max(1, values.length - 1);
  const round = (value: number): number => Number(value.toFixed(4));
  return { mean: round(mean), sd: round(Math.sqrt(variance)), folds: values.map(round) };
};

const pick = <T>(items: readonly T[], indices: readonly number[]): T[] =>
  indices.map((index) => items[index] as T);

const medianOf = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * Z'' risk scores of a test fold (−Z''). A row without Z'' gets the training folds'
 * median, so it is neither ranked risky nor safe.
 */
const altmanRisk = (train: Array<number | null>, test: Array<number | null>): number[] => {
  const fallback = medianOf(train.flatMap((z) => (z === null ? [] : [z])));
  return test.map((z) => -(z ?? fallback));
};

export interface CrossValidationOptions {
  folds: number;
  seed: number;
  params: TrainingParams;
  /** Called after each fold, e.g. to print progress. */
  onFold?: (fold: { index: number; modelAuc: number; altmanAuc: number; ms: number }) => void;
}

/** Cross-validates the model (MODEL_FEATURES) and Z'' on one data file. */
export const crossValidate = async (
  dataset: PolishDataset,
  options: CrossValidationOptions,
): Promise<FileEvaluation> => {
  const rows = featureRows(dataset, MODEL_FEATURES);
  const altman = dataset.rows.map(altmanZOfRow);
  const folds = stratifiedFolds(dataset.labels, options.folds, options.seed);
  const modelAucs: number[] = [];
  const altmanAucs: number[] = [];

  for (const [index, testIndices] of folds.entries()) {
    const started = Date.now();
    const inTest = new Set(testIndices);
    const trainIndices = dataset.labels.map((_, row) => row).filter((row) => !inTest.has(row));
    const testLabels = pick(dataset.labels, testIndices);

    const booster = await Booster.train(
      pick(rows, trainIndices),
      pick(dataset.labels, trainIndices),
      {
        ...options.params,
        seed: options.seed,
      },
    );
    try {
      modelAucs.push(rocAuc(booster.predict(pick(rows, testIndices)), testLabels));
    } finally {
      booster.free();
    }
    const risk = altmanRisk(pick(altman, trainIndices), pick(altman, testIndices));
    altmanAucs.push(rocAuc(risk, testLabels));

    const ms = Date.now() - started;
    options.onFold?.({
      index,
      modelAuc: modelAucs[index] ?? 0,
      altmanAuc: altmanAucs[index] ?? 0,
      ms,
    });
  }

  return {
    file: dataset.file,
    rows: dataset.rows.length,
    bankrupt: dataset.labels.filter((label) => label === 1).length,
    model: summarize(modelAucs),
    altmanZ: { ...summarize(altmanAucs), rowsWithZ: altman.filter((z) => z !== null).length },
  };
};
