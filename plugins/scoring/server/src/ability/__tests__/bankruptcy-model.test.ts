import fs from 'node:fs/promises';
import path from 'node:path';

import type { Unavailable } from '../../types';
import { BankruptcyModel, TOP_FACTORS, type BankruptcyPrediction } from '../bankruptcy-model';
import {
  DEFAULT_PARAMS,
  MODEL_FEATURES,
  type BankruptcyModelFile,
  shippedModelPath,
  trainModel,
} from '../bankruptcy-training';
import { type PolishDataset, readPolishDataset } from '../polish-dataset';

import { polishDataDir } from './paths';
import { strongPrevious, strongStatement, weakStatement } from './statements';

const scored = (result: BankruptcyPrediction | Unavailable): BankruptcyPrediction => {
  if (!result.available) throw new Error(`${result.code}: ${result.message.en}`);
  return result;
};

describe('the shipped bankruptcy model', () => {
  let model: BankruptcyModel;
  let content: BankruptcyModelFile;

  beforeAll(async () => {
    content = JSON.parse(await fs.readFile(shippedModelPath(), 'utf8')) as BankruptcyModelFile;
    model = await BankruptcyModel.fromFile(content);
  });
  afterAll(() => model?.free());

  it('is v1 on our 48 statement attributes, trained on both files, under 3 MB', async () => {
    expect(model.version).toBe('bankruptcy-v1');
    expect(content.features).toEqual(MODEL_FEATURES);
    expect(content.features).toHaveLength(48);
    expect(content.trainedOn.map((file) => [file.file, file.rows, file.bankrupt])).toEqual([
      ['1year.arff', 7027, 271],
      ['5year.arff', 5910, 410],
    ]);
    expect(content.params).toEqual(DEFAULT_PARAMS);
    expect((await fs.stat(shippedModelPath())).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('ships an evaluation that met the bars, the same as its evaluation file', async () => {
    const evaluationFile = shippedModelPath().replace(/\.json$/, '.evaluation.json');
    const evaluation = JSON.parse(await fs.readFile(evaluationFile, 'utf8')) as unknown;
    expect(content.evaluation).toEqual(evaluation);
    expect(content.evaluation?.bars.met).toBe(true);
    for (const file of content.evaluation?.files ?? []) {
      expect(file.model.mean).toBeGreaterThanOrEqual(0.93);
      expect(file.model.mean).toBeGreaterThan(file.altmanZ.mean);
    }
  });

  it('gives a distressed debtor a higher probability than a healthy one', () => {
    const strong = scored(model.predict(strongStatement(), strongPrevious()));
    const weak = scored(model.predict(weakStatement()));
    expect(strong.probability).toBeGreaterThan(0);
    expect(weak.probability).toBeLessThan(1);
    expect(weak.probability).toBeGreaterThan(strong.probability);
    expect(weak.probability - strong.probability).toBeGreaterThan(0.2);
  });

  it('says which features it used and why the others are missing', () => {
    const strong = scored(model.predict(strongStatement()));
    const absent = [...strong.missingFeatures, ...strong.imputedFeatures].map((m) => m.feature);
    expect([...strong.featuresUsed, ...absent].sort()).toEqual([...MODEL_FEATURES].sort());
    expect(strong.missingFeatures).toEqual([
      { feature: 'Attr21', reason: expect.objectContaining({ code: 'no_previous_statement' }) },
    ]);
    expect(strong.imputedFeatures).toEqual([]);
    expect(strong.modelVersion).toBe('bankruptcy-v1');
  });

  it('leaves an undefined ratio missing, as the data set does', () => {
    const result = scored(model.predict(strongStatement({ financialExpensesMinor: 0 })));
    expect(result.missingFeatures.map((m) => [m.feature, m.reason.code])).toContainEqual([
      'Attr27',
      'zero_denominator',
    ]);
    expect(result.imputedFeatures).toEqual([]);
  });

  it('imputes the training median for an unreported line, still telling weak from strong', () => {
    const weak = scored(model.predict(weakStatement({ depreciationMinor: null })));
    const strong = scored(model.predict(strongStatement({ depreciationMinor: null })));
    const imputed = weak.imputedFeatures.map((m) => m.feature);
    expect(imputed).toEqual(expect.arrayContaining(['Attr5', 'Attr13', 'Attr16', 'Attr48']));
    expect(weak.imputedFeatures.every((m) => m.reason.code === 'missing_line')).toBe(true);
    expect(weak.featuresUsed).not.toContain('Attr13');
    expect(weak.factors.map((factor) => factor.code)).not.toContain('bankruptcy.Attr13');
    expect(weak.probability - strong.probability).toBeGreaterThan(0.2);
  });

  it('explains a score by the features that move it most, in both languages', () => {
    const weak = scored(model.predict(weakStatement()));
    expect(weak.factors.length).toBeGreaterThan(0);
    expect(weak.factors.length).toBeLessThanOrEqual(TOP_FACTORS);
    const sizes = weak.factors.map((factor) => Math.abs(factor.weight));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(weak.factors.some((factor) => factor.weight > 0)).toBe(true);
    for (const factor of weak.factors) {
      expect(factor.code).toMatch(/^bankruptcy\.Attr\d+$/);
      expect(factor.text.en).toMatch(
        /(raises|lowers) the probability of bankruptcy by [\d.]+ points/,
      );
      expect(factor.text['zh-CN']).toMatch(/使破产概率(上升|下降) [\d.]+ 个百分点/);
    }
  });

  it('refuses to score a statement with too few lines', () => {
    const balanceOnly = weakStatement({
      salesMinor: null,
      ebitMinor: null,
      netProfitMinor: null,
      operatingProfitMinor: null,
      costOfSalesMinor: null,
    });
    const result = model.predict(balanceOnly);
    expect(result.available).toBe(false);
    expect(!result.available && result.code).toBe('insufficient_lines');
  });

  it('rejects a damaged or foreign model file', async () => {
    const data = content.booster.data;
    const flipped = `${data.slice(0, 100)}${data[100] === 'A' ? 'B' : 'A'}${data.slice(101)}`;
    await expect(
      BankruptcyModel.fromFile({ ...content, booster: { ...content.booster, data: flipped } }),
    ).rejects.toThrow('damaged');
    await expect(BankruptcyModel.fromFile({ ...content, format: 'other' })).rejects.toThrow(
      'not a bankruptcy model file',
    );
  });
});

describe('training the bankruptcy model', () => {
  const params = { ...DEFAULT_PARAMS, iterations: 15 };
  let sample: PolishDataset;

  beforeAll(async () => {
    const full = await readPolishDataset(path.join(polishDataDir, '1year.arff'));
    sample = { ...full, rows: full.rows.slice(0, 1500), labels: full.labels.slice(0, 1500) };
  });

  it('writes the same model for the same data and seed, another for another seed', async () => {
    const first = await trainModel([sample], { params, seed: 3, evaluation: null });
    const second = await trainModel([sample], { params, seed: 3, evaluation: null });
    const reseeded = await trainModel([sample], { params, seed: 4, evaluation: null });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(reseeded.booster.sha256).not.toBe(first.booster.sha256);
  });

  it('loads what it wrote and predicts the same after a JSON round trip', async () => {
    const content = await trainModel([sample], { params, seed: 3, evaluation: null });
    const model = await BankruptcyModel.fromFile(JSON.parse(JSON.stringify(content)));
    const again = await BankruptcyModel.fromFile(content);
    const rows = [MODEL_FEATURES.map(() => 0.1), MODEL_FEATURES.map(() => null)];
    expect(model.predictRows(rows)).toEqual(again.predictRows(rows));
    model.free();
    expect(() => model.predictRows(rows)).toThrow('freed');
    again.free();
  });
});
