import { Booster } from '../xgboost-runtime';

const params = {
  max_depth: 3,
  eta: 0.3,
  subsample: 1,
  colsample_bytree: 1,
  min_child_weight: 1,
  iterations: 20,
  seed: 1,
};

describe('the XGBoost runtime', () => {
  const warn = jest.spyOn(console, 'warn');
  const listenersBefore = process.listeners('uncaughtException').length;
  let booster: Booster;

  beforeAll(async () => {
    // Row k: class 1 when the first cell is missing, else class 0 with -5 or 5 (and -1).
    const rows = Array.from({ length: 300 }, (_, k) => [k % 3 === 0 ? null : k % 3 === 1 ? -5 : 5]);
    const labels = rows.map(([cell]) => (cell === null ? 1 : 0));
    booster = await Booster.train(rows, labels, params);
  });
  afterAll(() => {
    booster?.free();
    warn.mockRestore();
  });

  it('loads without the streaming-compile notice or a process-wide exception handler', () => {
    const notices = warn.mock.calls.filter(([message]) =>
      /wasm streaming|ArrayBuffer/.test(String(message)),
    );
    expect(notices).toEqual([]);
    expect(process.listeners('uncaughtException')).toHaveLength(listenersBefore);
  });

  it('learns where missing cells go, and keeps a genuine -1 apart from them', () => {
    const [missing = 0, minusOne = 1, five = 1] = booster.predict([[null], [-1], [5]]);
    expect(missing).toBeGreaterThan(0.9);
    expect(minusOne).toBeLessThan(0.1);
    expect(five).toBeLessThan(0.1);
  });

  it('refuses NaN and rows of the wrong width before the WASM sees them', async () => {
    expect(() => booster.predict([[Number.NaN]])).toThrow('a model input is NaN');
    expect(() => booster.predict([[1, 2]])).toThrow('row 0 has 2 cells, the model takes 1');
    await expect(Booster.train([[1], [Infinity]], [0, 1], params)).rejects.toThrow('Infinity');
    expect(booster.predict([])).toEqual([]);
  });
});
