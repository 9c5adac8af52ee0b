/**
 * The bankruptcy model: gradient-boosted trees (XGBoost) trained on the Polish companies
 * data, restricted to the attributes our statements can produce, so that it applies to
 * our debtors. It scores a statement as the probability of bankruptcy and explains the
 * score by the features that move it most.
 *
 * Explanation, kept simple: for each feature the statement has, the feature is set to
 * its training median and the probability is predicted again. The change (actual minus
 * median-substituted probability) is that feature's weight; the largest ones, by size,
 * become the reasons. It is a one-at-a-time sensitivity, not an additive decomposition:
 * it says what the model reacts to, not what causes distress, and with correlated
 * features a reason can point the other way than the feature alone would suggest.
 */
import fs from 'node:fs/promises';

import type { FinancialStatementRecord, Reason, Unavailable } from '../types';

import {
  type BankruptcyModelFile,
  modelFileSchema,
  sha256,
  shippedModelPath,
} from './bankruptcy-training';
import {
  type FeatureValues,
  type PolishAttribute,
  attributeLabel,
  polishFeatures,
} from './polish-features';
import { Booster } from './xgboost-runtime';

/**
 * Why a feature is absent decides what the model sees. Where the data set has no value
 * either (a zero denominator; no prior year for Attr21) the cell is missing, as in
 * training. Where a line was not reported or is wrong, the training median stands in:
 * the data set seldom lacks whole lines, and its learnt way for missing cells would
 * speak for companies unlike the debtor.
 */
const MISSING_AS_IN_DATA: ReadonlySet<string> = new Set([
  'zero_denominator',
  'no_previous_statement',
  'currency_mismatch',
  'previous_not_comparable',
]);

/** At least this share of the model's features must be known (not imputed) to score. */
export const MIN_FEATURE_SHARE = 0.5;

/** How many features the explanation names. */
export const TOP_FACTORS = 5;

export interface AbsentFeature {
  feature: PolishAttribute;
  reason: Unavailable;
}

export type BankruptcyPrediction = {
  available: true;
  modelVersion: string;
  /** Probability of bankruptcy as the model learnt it (within 1 to 5 years in the data). */
  probability: number;
  /** Features computed from the statement. */
  featuresUsed: PolishAttribute[];
  /** Undefined ratios (zero denominator, no comparable prior year): missing, as in training. */
  missingFeatures: AbsentFeature[];
  /** Features whose line is absent or wrong: set to the training median. */
  imputedFeatures: AbsentFeature[];
  /** The features that move the probability most; weight is the change they cause. */
  factors: Reason[];
};

const formatNumber = (value: number): string => String(Number(value.toPrecision(3)));

const factorReason = (
  feature: PolishAttribute,
  value: number,
  typical: number,
  weight: number,
): Reason => {
  const label = attributeLabel(feature);
  const points = formatNumber(Math.abs(weight) * 100);
  const shown = formatNumber(value);
  const median = formatNumber(typical);
  const up = weight > 0;
  return {
    code: `bankruptcy.${feature}`,
    weight: Number(weight.toFixed(4)),
    text: {
      'zh-CN':
        `${label['zh-CN']} = ${shown}（训练样本中位数 ${median}），` +
        `使破产概率${up ? '上升' : '下降'} ${points} 个百分点`,
      en:
        `${label.en} = ${shown} (training median ${median}) ` +
        `${up ? 'raises' : 'lowers'} the probability of bankruptcy by ${points} points`,
    },
  };
};

/** A loaded model; call `free()` when done, the WASM memory is not garbage-collected. */
export class BankruptcyModel {
  private constructor(
    private readonly booster: Booster,
    readonly file: BankruptcyModelFile,
  ) {}

  /** Checks a parsed model file and loads its booster. */
  static async fromFile(content: unknown): Promise<BankruptcyModel> {
    const parsed = modelFileSchema.safeParse(content);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`not a bankruptcy model file: ${first?.path.join('.')} ${first?.message}`);
    }
    const file = parsed.data as BankruptcyModelFile;
    const bytes = Buffer.from(file.booster.data, 'base64');
    if (bytes.length !== file.booster.bytes || sha256(bytes) !== file.booster.sha256) {
      throw new Error('the model file is damaged: the booster does not match its checksum');
    }
    const missingMedian = file.features.find((name) => !(name in file.medians));
    if (missingMedian) throw new Error(`the model file has no median for ${missingMedian}`);
    return new BankruptcyModel(await Booster.load(bytes, file.features.length), file);
  }

  static async load(file: string): Promise<BankruptcyModel> {
    return BankruptcyModel.fromFile(JSON.parse(await fs.readFile(file, 'utf8')));
  }

  static async loadShipped(): Promise<BankruptcyModel> {
    return BankruptcyModel.load(shippedModelPath());
  }

  get version(): string {
    return this.file.version;
  }

  /** Probabilities for rows already in the model's feature order (null = missing). */
  predictRows(rows: ReadonlyArray<ReadonlyArray<number | null>>): number[] {
    return this.booster.predict(rows);
  }

  /** Scores a statement; Unavailable when it has too few lines for the model. */
  predict(
    statement: FinancialStatementRecord,
    previous?: FinancialStatementRecord | null,
  ): BankruptcyPrediction | Unavailable {
    const { values, missing } = polishFeatures(statement, previous);
    const features = this.file.features;
    const absent = (name: PolishAttribute): AbsentFeature => ({
      feature: name,
      reason: missing[name] as Unavailable,
    });
    const used = features.filter((name) => values[name] !== undefined);
    const unused = features.filter((name) => values[name] === undefined).map(absent);
    const missingFeatures = unused.filter(({ reason }) => MISSING_AS_IN_DATA.has(reason.code));
    const imputedFeatures = unused.filter(({ reason }) => !MISSING_AS_IN_DATA.has(reason.code));
    const known = used.length + missingFeatures.length;
    if (known < Math.ceil(features.length * MIN_FEATURE_SHARE)) {
      return insufficientLines(known, features.length);
    }

    const inputs: FeatureValues = { ...values };
    for (const { feature } of imputedFeatures) inputs[feature] = this.file.medians[feature];
    const [probability = 0, ...substituted] = this.predictRows([
      this.row(inputs),
      ...used.map((name) => this.row({ ...inputs, [name]: this.file.medians[name] })),
    ]);
    const factors = used
      .map((name, index) => ({ name, weight: probability - (substituted[index] ?? probability) }))
      .filter(({ weight }) => weight !== 0)
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, TOP_FACTORS)
      .map(({ name, weight }) =>
        factorReason(name, values[name] as number, this.file.medians[name] as number, weight),
      );

    return {
      available: true,
      modelVersion: this.file.version,
      probability,
      featuresUsed: used,
      missingFeatures,
      imputedFeatures,
      factors,
    };
  }

  free(): void {
    this.booster.free();
  }

  private row(values: FeatureValues): Array<number | null> {
    return this.file.features.map((name) => values[name] ?? null);
  }
}

const insufficientLines = (known: number, total: number): Unavailable => ({
  available: false,
  code: 'insufficient_lines',
  message: {
    'zh-CN': `报表项目不足：模型的 ${total} 个指标中只能确定 ${known} 个，至少需要一半，无法给出破产概率`,
    en:
      `the statement has too few lines: only ${known} of the model's ${total} ratios are ` +
      'known and at least half are needed, so no bankruptcy probability is given',
  },
});
