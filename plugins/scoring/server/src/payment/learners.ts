import { Matrix } from 'ml-matrix';

/**
 * The learning libraries behind the payment model, behind small typed seams: XGBoost
 * (WebAssembly) fits the linear days-to-settle regression, ml-logistic-regression the two
 * small logistic models. Neither ships TypeScript types, so the parts used are typed here.
 */

interface XGBoostOptions {
  booster: 'gbtree' | 'gblinear';
  objective: 'reg:linear' | 'binary:logistic';
  [param: string]: string | number;
}

interface XGBoostBooster {
  train(rows: number[][], labels: number[]): void;
  predict(rows: number[][]): number[];
  toJSON(): { name: string; model: number[]; options: Record<string, unknown> };
  free(): void;
}

interface XGBoostClass {
  new (options: XGBoostOptions): XGBoostBooster;
  load(model: { name: string; model: number[]; options: Record<string, unknown> }): XGBoostBooster;
}

interface TwoClassLogistic {
  weights: Matrix;
  testScores(features: Matrix): number[];
}

interface LogisticRegressionClass {
  new (options: { numSteps: number; learningRate: number }): {
    classifiers: TwoClassLogistic[];
    train(features: Matrix, labels: Matrix): void;
  };
}

/** Emscripten's notes when Node has no streaming WebAssembly for a file path; harmless. */
const LOADER_NOTES = /^(wasm streaming compile failed|falling back to ArrayBuffer instantiation)/;

let xgboost: Promise<XGBoostClass> | null = null;

/**
 * Loads the XGBoost WebAssembly once. Its Emscripten glue reports through `printErr`
 * (console.warn): the two loader notes are dropped, anything else still reaches stderr.
 * The glue also installs a process-wide uncaughtException handler, which is removed so
 * the host (Strapi, a CLI) keeps its own error handling.
 */
export const loadXGBoost = (): Promise<XGBoostClass> => {
  if (!xgboost) {
    const before = new Set(process.listeners('uncaughtException'));
    const wasm = require('ml-xgboost/dist/wasm/xgboost') as { printErr?: (text: string) => void };
    const warn = wasm.printErr ?? console.warn;
    wasm.printErr = (text: string) => {
      if (!LOADER_NOTES.test(String(text))) warn(text);
    };
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.has(listener)) process.removeListener('uncaughtException', listener);
    }
    xgboost = require('ml-xgboost') as Promise<XGBoostClass>;
  }
  return xgboost;
};

/** Parameters of the XGBoost linear booster, as the model file records them. */
export interface LinearParams {
  /** L2 penalty on the weights. */
  lambda: number;
  /** L1 penalty on the weights. */
  alpha: number;
  /** Step size of the coordinate updates. */
  eta: number;
  iterations: number;
  seed: number;
}

/** A fitted linear booster: its bytes for XGBoost and its weights read from them. */
export interface LinearBooster {
  /** The XGBoost model file, base64. */
  model: string;
  intercept: number;
  weights: number[];
}

/** Every value must be finite: a NaN or an infinity aborts the WebAssembly for good. */
const assertFinite = (rows: number[][], labels?: number[]): void => {
  rows.forEach((row, index) => {
    if (!row.every(Number.isFinite)) throw new RangeError(`row ${index} has a non-finite value`);
  });
  if (labels && !labels.every(Number.isFinite)) throw new RangeError('a label is not finite');
};

/**
 * The build reads a float32 cell equal to -1 as missing (the linear booster then skips
 * it, as if it were 0), so an input of exactly -1 moves to the float32 just below it.
 */
export const MISSING_CELL = -1;
const JUST_BELOW_MISSING = -1 - 2 ** -23;

const toCells = (rows: number[][]): number[][] => {
  assertFinite(rows);
  return rows.map((row) =>
    row.map((value) => (Math.fround(value) === MISSING_CELL ? JUST_BELOW_MISSING : value)),
  );
};

/**
 * Reads the weights out of a saved XGBoost gblinear model: the learner header (base
 * score, then 33 more 32-bit fields), the objective and booster names, the linear model
 * header (34 fields), then the weight vector with the bias last.
 */
export const readLinearModel = (bytes: Buffer): { intercept: number; weights: number[] } => {
  let offset = 0;
  const baseScore = bytes.readFloatLE(offset);
  offset += 4 * 34;
  const text = (): string => {
    const length = Number(bytes.readBigUInt64LE(offset));
    offset += 8 + length;
    return bytes.toString('utf8', offset - length, offset);
  };
  const objective = text();
  const booster = text();
  if (booster !== 'gblinear' || objective !== 'reg:linear') {
    throw new RangeError(`expected a gblinear reg:linear model, got ${booster} ${objective}`);
  }
  const features = bytes.readUInt32LE(offset);
  offset += 4 * 34;
  const count = Number(bytes.readBigUInt64LE(offset));
  offset += 8;
  if (count !== features + 1) throw new RangeError('unexpected gblinear weight count');
  const values = Array.from({ length: count }, (_, index) => bytes.readFloatLE(offset + 4 * index));
  const bias = values.pop() as number;
  return { intercept: baseScore + bias, weights: values };
};

const boosterOptions = (params: LinearParams): XGBoostOptions => ({
  booster: 'gblinear',
  objective: 'reg:linear',
  lambda: params.lambda,
  alpha: params.alpha,
  lambda_bias: 0,
  eta: params.eta,
  base_score: 0,
  silent: 1,
  iterations: params.iterations,
  seed: params.seed,
});

/**
 * Cells the WebAssembly build holds for training: it cannot grow its memory, and 30,000
 * rows of 50 columns already run out of it (an unrecoverable abort, not an exception).
 */
export const MAX_TRAINING_CELLS = 1_000_000;

/** Fits a linear regression with XGBoost's linear booster (coordinate descent). */
export async function fitLinear(
  rows: number[][],
  labels: number[],
  params: LinearParams,
): Promise<LinearBooster> {
  assertFinite(rows, labels);
  const cells = rows.length * (rows[0]?.length ?? 0);
  if (cells > MAX_TRAINING_CELLS) {
    throw new RangeError(`${cells} training cells exceed the ${MAX_TRAINING_CELLS} XGBoost holds`);
  }
  const XGBoost = await loadXGBoost();
  const booster = new XGBoost(boosterOptions(params));
  try {
    booster.train(toCells(rows), labels);
    const bytes = Buffer.from(Int8Array.from(booster.toJSON().model).buffer);
    return { model: bytes.toString('base64'), ...readLinearModel(bytes) };
  } finally {
    booster.free();
  }
}

/** Predicts with XGBoost itself from a saved linear booster. */
export async function predictLinear(fitted: LinearBooster, rows: number[][]): Promise<number[]> {
  if (rows.length === 0) return [];
  const cells = toCells(rows);
  const XGBoost = await loadXGBoost();
  const bytes = Buffer.from(fitted.model, 'base64');
  const model = Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  const booster = XGBoost.load({ name: 'ml-xgboost', model, options: {} });
  try {
    return booster.predict(cells);
  } finally {
    booster.free();
  }
}

/** Gradient-descent settings of ml-logistic-regression. */
export interface LogisticParams {
  steps: number;
  /**
   * Step per row on standardised inputs: the library sums the gradient over rows, so the
   * rate it gets is this divided by the row count. Below 2 / columns it cannot diverge.
   */
  rate: number;
}

/** Centre and scale of each input column; the intercept column (first) stays as it is. */
const standardise = (rows: number[][]) => {
  const width = rows[0]!.length;
  const center = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  for (let column = 1; column < width; column += 1) {
    const values = rows.map((row) => row[column]!);
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    const spread = Math.sqrt(
      values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length,
    );
    center[column] = average;
    scale[column] = spread > 1e-9 ? spread : 1;
  }
  const coded = rows.map((row) =>
    row.map((value, column) => (value - center[column]!) / scale[column]!),
  );
  return { coded, center, scale };
};

/**
 * Fits P(label = 1) with ml-logistic-regression. Rows carry their own intercept column
 * first. Inputs are standardised for the fit and the weights mapped back, so they apply to
 * the raw rows. A single-class sample has no slope to learn and gets null.
 */
export function fitLogistic(
  rows: number[][],
  labels: number[],
  params: LogisticParams,
): number[] | null {
  assertFinite(rows, labels);
  if (new Set(labels).size < 2) return null;
  const LogisticRegression = require('ml-logistic-regression') as LogisticRegressionClass;
  const { coded, center, scale } = standardise(rows);
  const model = new LogisticRegression({
    numSteps: params.steps,
    learningRate: params.rate / rows.length,
  });
  model.train(new Matrix(coded), Matrix.columnVector(labels));
  // One-vs-all: classifier 0 scores "not class 0", i.e. class 1 of a 0/1 label.
  const weights = model.classifiers[0]!.weights.to1DArray().map((w, column) => w / scale[column]!);
  weights[0] =
    weights[0]! - weights.reduce((sum, w, column) => sum + (column ? w * center[column]! : 0), 0);
  return weights;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const dot = (weights: readonly number[], row: readonly number[]): number =>
  row.reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0);
