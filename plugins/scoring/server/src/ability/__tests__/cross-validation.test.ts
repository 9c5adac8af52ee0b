import path from 'node:path';

import { DEFAULT_PARAMS, DEFAULT_SEED } from '../bankruptcy-training';
import { crossValidate } from '../evaluation';
import { POLISH_FILES, readPolishDataset } from '../polish-dataset';

import { polishDataDir } from './paths';

/**
 * The shipped model's cross-validation on both Polish files, at CI speed: 100 rounds at
 * eta 0.15 instead of 300 at 0.05 (about 20 s per file here, AUC within 0.005 of the
 * full settings). The bar is the shipped one: AUC ≥ 0.93 and above Altman Z''.
 */
const CI_PARAMS = { ...DEFAULT_PARAMS, iterations: 100, eta: 0.15 };

describe.each(POLISH_FILES)('cross-validation on %s', (file) => {
  it("reaches AUC 0.93 and beats Altman Z'' on the same folds", async () => {
    const dataset = await readPolishDataset(path.join(polishDataDir, file));
    const result = await crossValidate(dataset, {
      folds: 5,
      seed: DEFAULT_SEED,
      params: CI_PARAMS,
    });

    expect(result.rows).toBe(file === '1year.arff' ? 7027 : 5910);
    expect(result.bankrupt).toBe(file === '1year.arff' ? 271 : 410);
    expect(result.model.folds).toHaveLength(5);
    expect(result.model.mean).toBeGreaterThanOrEqual(0.93);
    expect(result.model.mean).toBeGreaterThan(result.altmanZ.mean);
    // Z'' alone sits where the data set's documentation measured it (0.690 and 0.764)
    expect(result.altmanZ.mean).toBeGreaterThan(0.6);
    expect(result.altmanZ.mean).toBeLessThan(0.85);
  }, 120_000);
});
