/**
 * The gradient-boosted trees runtime: ml-xgboost, a WebAssembly build of XGBoost. This
 * file is the only one that touches it, and it checks every number before the WASM sees
 * one, because a bad cell aborts the WASM instead of throwing.
 *
 * Missing values: the build creates its DMatrix with missing = −1, so a cell equal to −1
 * (as a float32) is a missing value, and XGBoost learns for each split which way missing
 * values go. We encode a missing value as −1 and move a genuine −1 (or anything that
 * rounds to it in float32) to the next float32 below, −1.0000001. NaN would abort.
 */
interface NativeModelJson {
  name: 'ml-xgboost';
  model: ArrayLike<number>;
  options: Record<string, string | number>;
}

interface NativeBooster {
  train(rows: number[][], labels: number[]): void;
  predict(rows: number[][]): number[];
  toJSON(): NativeModelJson;
  free(): void;
}

interface NativeBoosterClass {
  new (options: Record<string, string | number>): NativeBooster;
  load(model: NativeModelJson): NativeBooster;
}

interface EmscriptenModule {
  printErr: (message: unknown) => void;
}

/** The cell value the WASM build reads as missing. */
export const MISSING_CELL = -1;
/** Where a genuine −1 goes: the float32 just below it (−1 − 2^−23). */
const JUST_BELOW_MISSING = -1 - 2 ** -23;
/** Magnitudes beyond this are clamped: float32 overflows near 3.4e38. */
const FLOAT32_LIMIT = 1e38;

/** Emscripten's notice that it loads the .wasm from a file rather than by fetch(). */
const STREAMING_FALLBACK = /^(wasm streaming compile failed|falling back to ArrayBuffer)/;

let runtime: Promise<NativeBoosterClass> | null = null;

/**
 * Loads the WASM once per process. The Emscripten glue would print a harmless
 * streaming-compile fallback notice on stderr and install a process-wide
 * uncaughtException handler; we filter those two notices only and remove the handler,
 * so the host (Strapi, a CLI) keeps its own error handling.
 */
const loadNative = (): Promise<NativeBoosterClass> => {
  runtime ??= (async () => {
    const before = new Set(process.listeners('uncaughtException'));
    const glue = require('ml-xgboost/dist/wasm/xgboost') as EmscriptenModule;
    const printErr = glue.printErr;
    glue.printErr = (message) => {
      if (!STREAMING_FALLBACK.test(String(message))) printErr(message);
    };
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.has(listener)) process.removeListener('uncaughtException', listener);
    }
    return (await require('ml-xgboost')) as NativeBoosterClass;
  })();
  return runtime;
};

/** One cell as the WASM must see it; throws on NaN or ±Infinity (a bug, never data). */
export const encodeCell = (value: number | null): number => {
  if (value === null) return MISSING_CELL;
  if (!Number.isFinite(value)) throw new RangeError(`a model input is ${value}`);
  const clamped = Math.max(-FLOAT32_LIMIT, Math.min(FLOAT32_LIMIT, value));
  return Math.fround(clamped) === MISSING_CELL ? JUST_BELOW_MISSING : clamped;
};

const encodeRows = (rows: ReadonlyArray<ReadonlyArray<number | null>>, columns: number) =>
  rows.map((row, index) => {
    if (row.length !== columns) {
      throw new RangeError(`row ${index} has ${row.length} cells, the model takes ${columns}`);
    }
    return row.map(encodeCell);
  });

/** Tree-booster settings, as XGBoost names them. */
export interface BoosterParams {
  /** @defaultValue 5 */
  max_depth: number;
  /** Learning rate. @defaultValue 0.05 */
  eta: number;
  /** Share of rows each tree sees. @defaultValue 0.8 */
  subsample: number;
  /** Share of features each tree sees. @defaultValue 0.8 */
  colsample_bytree: number;
  /** @defaultValue 1 */
  min_child_weight: number;
  /** Number of boosting rounds (trees). @defaultValue 300 */
  iterations: number;
  /** Seed of XGBoost's row and column sampling: same data and seed, same model. */
  seed: number;
}

const callNative = <T>(what: string, call: () => T): T => {
  try {
    return call();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`XGBoost ${what} failed: ${detail}`);
  }
};

/** A trained binary:logistic booster over a fixed number of columns. */
export class Booster {
  private freed = false;

  private constructor(
    private readonly native: NativeBooster,
    readonly columns: number,
  ) {}

  static async train(
    rows: ReadonlyArray<ReadonlyArray<number | null>>,
    labels: ReadonlyArray<0 | 1>,
    params: BoosterParams,
  ): Promise<Booster> {
    const columns = rows[0]?.length ?? 0;
    if (rows.length === 0 || columns === 0) throw new RangeError('no training rows');
    if (labels.length !== rows.length) throw new RangeError('one label per row is needed');
    const matrix = encodeRows(rows, columns);
    const XGBoost = await loadNative();
    const native = new XGBoost({
      booster: 'gbtree',
      objective: 'binary:logistic',
      silent: 1,
      ...params,
    });
    callNative('training', () => native.train(matrix, [...labels]));
    return new Booster(native, columns);
  }

  /** Rebuilds a booster from the bytes `save()` returned. */
  static async load(bytes: Uint8Array, columns: number): Promise<Booster> {
    const XGBoost = await loadNative();
    const native = callNative('loading', () =>
      XGBoost.load({ name: 'ml-xgboost', model: bytes, options: {} }),
    );
    return new Booster(native, columns);
  }

  /** Probabilities of class 1, one per row. */
  predict(rows: ReadonlyArray<ReadonlyArray<number | null>>): number[] {
    this.assertLive();
    if (rows.length === 0) return [];
    const matrix = encodeRows(rows, this.columns);
    return callNative('prediction', () => [...this.native.predict(matrix)]);
  }

  /** XGBoost's binary model format. */
  save(): Buffer {
    this.assertLive();
    const { model } = callNative('saving', () => this.native.toJSON());
    return Buffer.from(Int8Array.from(model).buffer);
  }

  /** Frees the WASM memory (not garbage-collected); the booster is unusable afterwards. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.native.free();
  }

  private assertLive(): void {
    if (this.freed) throw new Error('this booster was freed');
  }
}
