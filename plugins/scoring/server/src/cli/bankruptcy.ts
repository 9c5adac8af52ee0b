/**
 * `npm run model:bankruptcy`: cross-validates the bankruptcy model against Altman Z'' on
 * the Polish data (1year.arff and 5year.arff), then trains the shipped model on both
 * files and writes it with its evaluation. Exit code 2 when the AUC bars are not met
 * (the files are still written, for inspection), 64 for a usage error.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  DEFAULT_PARAMS,
  DEFAULT_SEED,
  MODEL_FEATURES,
  type FileEvaluation,
  type ModelEvaluation,
  shippedModelPath,
  trainModel,
} from '../ability/bankruptcy-training';
import { crossValidate } from '../ability/evaluation';
import { POLISH_FILES, readPolishDataset } from '../ability/polish-dataset';

const USAGE =
  'npm run model:bankruptcy -- [--data DIR] [--out FILE] [--seed N] [--folds 5] [--json FILE]';

/** Each file's cross-validated AUC must reach this, and beat Altman Z''. */
export const MIN_AUC = 0.93;

export class UsageError extends Error {
  override name = 'UsageError';
}

const packageRoot = (): string => path.dirname(path.dirname(shippedModelPath()));
const repoRoot = (): string => path.resolve(packageRoot(), '../..');

export interface Options {
  dataDir: string;
  out: string;
  seed: number;
  folds: number;
  json: string | null;
}

const integerOption = (name: string, value: string | undefined, fallback: number, min: number) => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${value}"`);
  }
  return parsed;
};

/** Reads the command line; paths are resolved against the working directory. */
export const readOptions = (argv: string[]): Options => {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        folds: { type: 'string' },
        json: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  return {
    dataDir: path.resolve(values.data ?? path.join(repoRoot(), '../shared/data/polish-bankruptcy')),
    out: path.resolve(values.out ?? shippedModelPath()),
    seed: integerOption('seed', values.seed, DEFAULT_SEED, 0),
    folds: integerOption('folds', values.folds, 5, 2),
    json: values.json ? path.resolve(values.json) : null,
  };
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const describeFile = (result: FileEvaluation): string => {
  const { model, altmanZ } = result;
  const met = model.mean >= MIN_AUC && model.mean > altmanZ.mean;
  return (
    `${result.file}: ${result.rows} companies, ${result.bankrupt} bankrupt; ` +
    `AUC model ${model.mean.toFixed(4)} ± ${model.sd.toFixed(4)}, ` +
    `Altman Z'' ${altmanZ.mean.toFixed(4)} ± ${altmanZ.sd.toFixed(4)} ` +
    `(Z'' computable for ${altmanZ.rowsWithZ} rows) -> ${met ? 'bar met' : 'BAR NOT MET'}`
  );
};

const writeJson = async (file: string, content: unknown): Promise<void> => {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
};

const main = async (): Promise<number> => {
  const options = readOptions(process.argv.slice(2));
  const started = Date.now();
  const paths = POLISH_FILES.map((file) => path.join(options.dataDir, file));
  for (const file of paths) {
    await fs.access(file).catch(() => {
      throw new UsageError(`cannot read ${file}; point --data at the Polish bankruptcy folder`);
    });
  }
  const datasets = await Promise.all(paths.map((file) => readPolishDataset(file)));
  console.log(
    `features (${MODEL_FEATURES.length}): ${MODEL_FEATURES.join(', ')}\n` +
      `params: ${JSON.stringify(DEFAULT_PARAMS)}, seed ${options.seed}, ${options.folds} folds`,
  );

  const files: FileEvaluation[] = [];
  const timings: Record<string, number> = {};
  for (const dataset of datasets) {
    const fileStarted = Date.now();
    const result = await crossValidate(dataset, {
      folds: options.folds,
      seed: options.seed,
      params: DEFAULT_PARAMS,
      onFold: ({ index, modelAuc, altmanAuc, ms }) =>
        console.log(
          `  ${dataset.file} fold ${index + 1}/${options.folds}: ` +
            `model ${modelAuc.toFixed(4)}, Z'' ${altmanAuc.toFixed(4)} (${seconds(ms)})`,
        ),
    });
    timings[dataset.file] = Date.now() - fileStarted;
    files.push(result);
    console.log(describeFile(result));
  }

  const met = files.every(
    (file) => file.model.mean >= MIN_AUC && file.model.mean > file.altmanZ.mean,
  );
  const evaluation: ModelEvaluation = {
    method: `stratified ${options.folds}-fold cross-validation, per file`,
    folds: options.folds,
    seed: options.seed,
    params: DEFAULT_PARAMS,
    features: [...MODEL_FEATURES],
    bars: { minAuc: MIN_AUC, beatAltmanZ: true, met },
    files,
  };

  const trainingStarted = Date.now();
  const model = await trainModel(datasets, {
    params: DEFAULT_PARAMS,
    seed: options.seed,
    evaluation,
  });
  timings.finalTraining = Date.now() - trainingStarted;
  const evaluationFile = options.out.replace(/(\.json)?$/, '.evaluation.json');
  await writeJson(options.out, model);
  await writeJson(evaluationFile, evaluation);
  timings.total = Date.now() - started;
  if (options.json) await writeJson(options.json, { ...evaluation, timingsMs: timings });

  const size = (await fs.stat(options.out)).size;
  console.log(
    `final model trained on ${datasets.map((dataset) => dataset.file).join(' + ')} ` +
      `in ${seconds(timings.finalTraining)}; wrote ${options.out} (${size} bytes) ` +
      `and ${evaluationFile}; total ${seconds(timings.total)}`,
  );
  if (!met)
    console.error(`the bars (AUC >= ${MIN_AUC} and above Altman Z'' on each file) are not met`);
  return met ? 0 : 2;
};

const run = (): void => {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(
        error instanceof UsageError
          ? `usage error: ${error.message}`
          : `${error.name}: ${error.message}`,
      );
      process.exit(error instanceof UsageError ? 64 : 1);
    },
  );
};

if (require.main === module) run();
