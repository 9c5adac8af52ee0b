import { altmanZOfRow, rocAuc, seededRandom, stratifiedFolds } from '../evaluation';
import { encodeCell } from '../xgboost-runtime';

describe('ROC AUC', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when all scores tie', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1])).toBe(0.5);
  });

  it('counts pairs by hand, ties as half', () => {
    // positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ranked right
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // positive 0.4 ties negative 0.4 and beats 0.1: (1 + 0.5) / 2
    expect(rocAuc([0.1, 0.4, 0.4], [0, 0, 1])).toBe(0.75);
  });

  it('refuses one class only, or a score that is not finite', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow('both classes');
    expect(() => rocAuc([Number.NaN, 0.2], [0, 1])).toThrow('not finite');
  });
});

describe('stratified folds', () => {
  const labels = Array.from({ length: 103 }, (_, index) => (index % 10 === 0 ? 1 : 0)) as Array<
    0 | 1
  >;

  it('partitions the rows and spreads each class evenly', () => {
    const folds = stratifiedFolds(labels, 5, 42);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(labels.map((_, index) => index));
    const positives = folds.map((fold) => fold.filter((index) => labels[index] === 1).length);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
    const sizes = folds.map((fold) => fold.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('deals the same folds for the same seed and others for another seed', () => {
    expect(stratifiedFolds(labels, 5, 42)).toEqual(stratifiedFolds(labels, 5, 42));
    expect(stratifiedFolds(labels, 5, 42)).not.toEqual(stratifiedFolds(labels, 5, 43));
  });

  it('needs at least two folds and enough rows of each class', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow('at least 2 folds');
    expect(() => stratifiedFolds([1, 0, 0, 0, 0, 0], 3, 1)).toThrow(
      'class 1 has fewer than 3 rows',
    );
  });

  it('draws from [0, 1) reproducibly', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe("Altman Z'' of a data set row", () => {
  const row = (values: Record<number, number | null>): Array<number | null> =>
    Array.from({ length: 64 }, (_, index) =>
      index + 1 in values ? (values[index + 1] ?? null) : 0,
    );

  it('combines Attr3, Attr6, Attr7 and Attr8', () => {
    expect(altmanZOfRow(row({ 3: 0.35, 6: 0.3, 7: 0.2, 8: 1.5 }))).toBeCloseTo(6.193, 12);
  });

  it('is null when one of them is missing', () => {
    expect(altmanZOfRow(row({ 3: 0.35, 6: 0.3, 7: 0.2, 8: null }))).toBeNull();
  });
});

describe('cells handed to the WASM', () => {
  it('encodes missing as -1 and moves a genuine -1 just below it', () => {
    expect(encodeCell(null)).toBe(-1);
    expect(encodeCell(-1)).toBeLessThan(-1);
    expect(Math.fround(encodeCell(-1))).not.toBe(-1);
    expect(Math.fround(encodeCell(-0.99999999))).not.toBe(-1);
    expect(encodeCell(0.25)).toBe(0.25);
  });

  it('clamps what float32 cannot hold and refuses NaN and Infinity', () => {
    expect(Number.isFinite(Math.fround(encodeCell(1e300)))).toBe(true);
    expect(Number.isFinite(Math.fround(encodeCell(-1e300)))).toBe(true);
    expect(() => encodeCell(Number.NaN)).toThrow(RangeError);
    expect(() => encodeCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
