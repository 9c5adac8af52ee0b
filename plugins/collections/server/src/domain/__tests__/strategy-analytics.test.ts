import {
  AnalyticsInputError,
  BACKTEST_CAVEAT,
  attributeOutcomes,
  chiSquareIndependence,
  chiSquareUpperTail,
  compareBranches,
  studentTwoSided,
  welchTTest,
  type BacktestAction,
  type BranchCase,
  type ChiSquareResult,
  type ExperimentReport,
  type Settlement,
  type StrategyOutcome,
  type TestNotRun,
  type UnitCosts,
  type WelchResult,
} from '../strategy-analytics';

/*
 * Reference values come from outside this module: printed critical-value tables,
 * closed forms (chi-square with 2 df: p = e^(−x/2); Student t with 1 and 2 df),
 * hand calculations written out below, R's documented t.test(extra ~ group, sleep)
 * and SciPy 1.17.1 (scipy.stats.ttest_ind(equal_var=False), chi2_contingency(correction=False)).
 * Student t p-values are checked to 7 decimals: jstat's incomplete beta stops its continued
 * fraction at a relative step of 3e-7, which leaves errors up to about 2e-8.
 */

const COSTS: UnitCosts = { currency: 'CNY', perChannel: { email: 10, sms: 5, letter: 300 } };

const action = (overrides: Partial<BacktestAction>): BacktestAction => ({
  strategy: 'gentle',
  branch: null,
  caseId: 'C1',
  debtorCode: 'D1',
  day: '2024-03-01',
  channel: 'email',
  stepKey: 'reminder-1',
  currency: 'CNY',
  overdueMinor: 100000,
  ...overrides,
});

const settlement = (overrides: Partial<Settlement>): Settlement => ({
  debtorCode: 'D1',
  invoiceNumber: 'INV-1',
  day: '2024-03-06',
  amountMinor: 10000,
  currency: 'CNY',
  dueOn: '2024-02-01',
  ...overrides,
});

const outcomeOf = (
  outcomes: StrategyOutcome[],
  strategy: string,
  branch: string | null = null,
): StrategyOutcome => {
  const found = outcomes.find((item) => item.strategy === strategy && item.branch === branch);
  if (!found) throw new Error(`no outcome for ${strategy} / ${String(branch)}`);
  return found;
};

describe('p-values against printed tables and closed forms', () => {
  it.each([
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [10.828, 1, 0.001],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [18.307, 10, 0.05],
  ])('chi-square %p with %p df has p ≈ %p', (statistic, df, p) => {
    expect(chiSquareUpperTail(statistic, df)).toBeCloseTo(p, 4);
  });

  it.each([0.5, 3, 12, 40])('chi-square with 2 df at %p has p = e^(−x/2)', (statistic) => {
    expect(chiSquareUpperTail(statistic, 2)).toBeCloseTo(Math.exp(-statistic / 2), 12);
  });

  it('reads chi-square with 1 df as a squared standard normal', () => {
    // Two-sided normal quantiles: 1.959964 → 0.05, 2.575829 → 0.01.
    expect(chiSquareUpperTail(1.959964 ** 2, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareUpperTail(2.575829 ** 2, 1)).toBeCloseTo(0.01, 6);
  });

  it.each([
    [2.228, 10, 0.05],
    [3.169, 10, 0.01],
    [2.086, 20, 0.05],
    [12.706, 1, 0.05],
    [1.959964, 1e7, 0.05],
  ])('Student t %p with %p df has a two-sided p ≈ %p', (t, df, p) => {
    expect(studentTwoSided(t, df)).toBeCloseTo(p, 4);
    expect(studentTwoSided(-t, df)).toBeCloseTo(p, 4);
  });

  it.each([0.3, 1, 2.5, 9])('Student t %p matches the closed forms for 1 and 2 df', (t) => {
    // 1 df is the Cauchy distribution; 2 df has P(|T| ≥ t) = 1 − t / √(2 + t²).
    expect(studentTwoSided(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 7);
    expect(studentTwoSided(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 7);
  });
});

describe('Pearson chi-square test of independence', () => {
  it('computes a 2 × 2 table by hand and equals the two-proportion z-test squared', () => {
    // Paid 30 of 100 vs 45 of 100. Expected counts: paid 37.5 and 37.5, not paid 62.5 and 62.5.
    // χ² = 2·7.5²/37.5 + 2·7.5²/62.5 = 3 + 1.8 = 4.8.
    const figures = chiSquareIndependence([
      [30, 70],
      [45, 55],
    ]);
    const pooled = 75 / 200;
    const z = (0.45 - 0.3) / Math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 100));
    expect(z).toBeCloseTo(2.19089, 5);
    expect(figures).not.toBeNull();
    expect(figures!.statistic).toBeCloseTo(4.8, 12);
    expect(figures!.statistic).toBeCloseTo(z * z, 12);
    expect(figures!.degreesOfFreedom).toBe(1);
    expect(figures!.minExpectedCount).toBe(37.5);
    // 2·(1 − Φ(2.19089)); SciPy: 0.028459736916310638.
    expect(figures!.pValue).toBeCloseTo(0.028459736916, 9);
  });

  it('handles a 3 × 2 table with 2 degrees of freedom', () => {
    // Column totals 80 and 70 of 150; each row has 50, so expected 26.67 and 23.33.
    const figures = chiSquareIndependence([
      [20, 30],
      [35, 15],
      [25, 25],
    ]);
    expect(figures!.statistic).toBeCloseTo(9.375, 12);
    expect(figures!.degreesOfFreedom).toBe(2);
    expect(figures!.pValue).toBeCloseTo(Math.exp(-9.375 / 2), 12);
  });

  it('has nothing to test when a column or row is empty or there is one row', () => {
    expect(
      chiSquareIndependence([
        [5, 0],
        [7, 0],
      ]),
    ).toBeNull();
    expect(chiSquareIndependence([[5, 3]])).toBeNull();
  });

  it('refuses ragged tables and negative counts', () => {
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(/table\[1\]/);
    expect(() =>
      chiSquareIndependence([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe("Welch's two-sample t-test", () => {
  // Student's sleep data (R `sleep`): extra hours of sleep under two drugs.
  const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it("matches R's t.test(extra ~ group, data = sleep)", () => {
    // R prints t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832
    // for group 1 − group 2; here the difference is drug2 − drug1, so the signs flip.
    const figures = welchTTest(drug1, drug2)!;
    expect(figures.meanA).toBeCloseTo(0.75, 12);
    expect(figures.meanB).toBeCloseTo(2.33, 12);
    expect(figures.difference).toBeCloseTo(1.58, 12);
    expect(figures.statistic).toBeCloseTo(1.8608134674868526, 9);
    expect(figures.degreesOfFreedom).toBeCloseTo(17.776473516178488, 9);
    expect(figures.pValue).toBeCloseTo(0.0793941401873583, 7);
    expect(figures.confidenceInterval.level).toBe(0.95);
    expect(figures.confidenceInterval.lower).toBeCloseTo(-0.2054832307, 7);
    expect(figures.confidenceInterval.upper).toBeCloseTo(3.3654832307, 7);
  });

  it('works out a small case by hand', () => {
    // Means 1 and 4, variances 2 and 2: se = √(2/2 + 2/2) = √2, t = 3/√2,
    // df = 2² / (1²/1 + 1²/1) = 2, and with 2 df p = 1 − t/√(2 + t²).
    const figures = welchTTest([0, 2], [3, 5])!;
    const t = 3 / Math.SQRT2;
    expect(figures.statistic).toBeCloseTo(t, 12);
    expect(figures.degreesOfFreedom).toBeCloseTo(2, 12);
    expect(figures.pValue).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 7);
  });

  it('gives no result for fewer than 2 values or no variation at all', () => {
    expect(welchTTest([1], [2, 3])).toBeNull();
    expect(welchTTest([4, 4, 4], [4, 4])).toBeNull();
    // One side varying is enough: df falls back to n − 1 of that side.
    expect(welchTTest([4, 4, 4], [3, 5])!.degreesOfFreedom).toBeCloseTo(1, 12);
  });
});

describe('backtest outcome attribution', () => {
  // Debtor D1, case C1 (CNY): an email on 03-01 and an SMS on 03-05 (listed out of order).
  // Case C4 of the same debtor is in USD. Debtor D2 is replayed through two branches.
  const actions: BacktestAction[] = [
    action({ day: '2024-03-05', channel: 'sms', stepKey: 'reminder-2', overdueMinor: 80000 }),
    action({ day: '2024-03-01' }),
    action({ caseId: 'C4', day: '2024-03-10', currency: 'USD', overdueMinor: 5000 }),
    action({
      strategy: 'firm',
      branch: 'firm-test/champion',
      caseId: 'C2',
      debtorCode: 'D2',
      day: '2024-03-10',
      channel: 'letter',
      stepKey: 'demand',
      overdueMinor: 24000,
    }),
    action({
      strategy: 'firm',
      branch: 'firm-test/challenger',
      caseId: 'C2',
      debtorCode: 'D2',
      day: '2024-03-12',
      overdueMinor: 24000,
    }),
    action({
      strategy: 'firm',
      branch: 'firm-test/challenger',
      caseId: 'C2',
      debtorCode: 'D2',
      day: '2024-04-10',
      channel: 'sms',
      stepKey: 'reminder-2',
      overdueMinor: 9000,
    }),
  ];
  const settlements: Settlement[] = [
    // Paid on the day of the first action: it did not follow it, and it precedes the second.
    settlement({ invoiceNumber: 'S1', day: '2024-03-01' }),
    // Follows both C1 actions within 7 days.
    settlement({ invoiceNumber: 'S2', day: '2024-03-06', amountMinor: 20000 }),
    // Not yet overdue on 03-01 (due 03-03), overdue on 03-05: follows only the SMS, within 30.
    settlement({ invoiceNumber: 'S3', day: '2024-03-20', amountMinor: 30000, dueOn: '2024-03-03' }),
    // In USD: follows only the USD case C4 (03-10 < 03-31 ≤ 04-09).
    settlement({ invoiceNumber: 'S4', day: '2024-03-31', amountMinor: 5000, currency: 'USD' }),
    // Exactly 30 days after the email: the window's last day counts.
    settlement({ invoiceNumber: 'S5', day: '2024-03-31', amountMinor: 7000 }),
    settlement({
      debtorCode: 'D2',
      invoiceNumber: 'S6',
      day: '2024-03-15',
      amountMinor: 15000,
      dueOn: '2024-03-01',
    }),
    settlement({
      debtorCode: 'D2',
      invoiceNumber: 'S7',
      day: '2024-05-01',
      amountMinor: 9000,
      dueOn: '2024-03-01',
    }),
    // A debtor nobody acted on.
    settlement({ debtorCode: 'D9', invoiceNumber: 'S8', day: '2024-03-02' }),
  ];

  it('reports counts, costs and recoveries per strategy and per branch', () => {
    const report = attributeOutcomes(actions, settlements, COSTS);
    expect(report.windows).toEqual([7, 30]);
    expect(report.costCurrency).toBe('CNY');
    expect(report.caveat).toEqual(BACKTEST_CAVEAT);
    expect(report.actions).toBeUndefined();
    expect(report.strategies.map((item) => [item.strategy, item.branch])).toEqual([
      ['firm', null],
      ['firm', 'firm-test/challenger'],
      ['firm', 'firm-test/champion'],
      ['gentle', null],
    ]);

    const gentle = outcomeOf(report.strategies, 'gentle');
    expect(gentle).toEqual({
      strategy: 'gentle',
      branch: null,
      actions: 3,
      byChannel: { email: 2, sms: 1 },
      byStep: { 'reminder-1': 2, 'reminder-2': 1 },
      casesTouched: 2,
      // C1 is taken on its first action (03-01), not the SMS listed first.
      overdueAtFirstActionByCurrency: { CNY: 100000, USD: 5000 },
      costMinor: 25,
      costCurrency: 'CNY',
      windows: [
        {
          days: 7,
          actionsFollowed: 2,
          shareFollowed: 2 / 3,
          recoveredByCurrency: { CNY: 40000 },
          distinctRecoveredByCurrency: { CNY: 20000 },
          distinctSettlements: 1,
          costPerUnitRecovered: 25 / 20000,
        },
        {
          days: 30,
          actionsFollowed: 3,
          shareFollowed: 1,
          // Email: S2 + S5 = 27000; SMS: S2 + S3 + S5 = 57000; USD case: S4.
          recoveredByCurrency: { CNY: 84000, USD: 5000 },
          distinctRecoveredByCurrency: { CNY: 57000, USD: 5000 },
          distinctSettlements: 4,
          // USD recoveries are left out: costs are in CNY.
          costPerUnitRecovered: 25 / 57000,
        },
      ],
    });
  });

  it('keeps branches apart and counts a settlement once for the whole strategy', () => {
    const report = attributeOutcomes(actions, settlements, COSTS);
    const firm = outcomeOf(report.strategies, 'firm');
    const champion = outcomeOf(report.strategies, 'firm', 'firm-test/champion');
    const challenger = outcomeOf(report.strategies, 'firm', 'firm-test/challenger');

    expect([firm.actions, champion.actions, challenger.actions]).toEqual([3, 1, 2]);
    expect([firm.costMinor, champion.costMinor, challenger.costMinor]).toEqual([315, 300, 15]);
    expect([firm.casesTouched, champion.casesTouched, challenger.casesTouched]).toEqual([1, 1, 1]);
    expect(firm.byChannel).toEqual({ email: 1, letter: 1, sms: 1 });

    const [firm7, firm30] = firm.windows;
    expect(firm7).toMatchObject({ actionsFollowed: 2, recoveredByCurrency: { CNY: 30000 } });
    expect(firm30).toMatchObject({
      actionsFollowed: 3,
      recoveredByCurrency: { CNY: 39000 },
      distinctRecoveredByCurrency: { CNY: 24000 },
      distinctSettlements: 2,
    });
    expect(champion.windows[1]).toMatchObject({
      distinctRecoveredByCurrency: { CNY: 15000 },
      costPerUnitRecovered: 300 / 15000,
    });
    expect(challenger.windows[1]).toMatchObject({
      actionsFollowed: 2,
      distinctRecoveredByCurrency: { CNY: 24000 },
    });
  });

  it('returns one outcome per action on request', () => {
    const report = attributeOutcomes(actions, settlements, COSTS, { includeActions: true });
    const rows = report.actions!.map((row) =>
      row.windows.map((window) => (window.followed ? window.recoveredMinor : '-')),
    );
    expect(rows).toEqual([
      [20000, 57000],
      [20000, 27000],
      ['-', 5000],
      [15000, 15000],
      [15000, 15000],
      ['-', 9000],
    ]);
    expect(report.actions![3]!.index).toBe(3);
  });

  it('sorts and deduplicates custom windows', () => {
    const report = attributeOutcomes(actions, settlements, COSTS, { windows: [30, 1, 30] });
    expect(report.windows).toEqual([1, 30]);
    // Only S2 came the day after an action (03-05 → 03-06).
    expect(outcomeOf(report.strategies, 'gentle').windows[0]).toMatchObject({
      actionsFollowed: 1,
      distinctRecoveredByCurrency: { CNY: 20000 },
    });
  });

  it('reports nothing recovered as a null cost per unit', () => {
    const report = attributeOutcomes([action({})], [], COSTS);
    expect(report.strategies[0]!.windows[1]).toMatchObject({
      actionsFollowed: 0,
      shareFollowed: 0,
      recoveredByCurrency: {},
      costPerUnitRecovered: null,
    });
    expect(attributeOutcomes([], [], COSTS).strategies).toEqual([]);
  });

  it('refuses a channel without a unit cost, naming it', () => {
    expect(() => attributeOutcomes([action({}), action({ channel: 'visit' })], [], COSTS)).toThrow(
      "actions[1].channel 'visit' has no unit cost in costs.perChannel",
    );
  });

  it.each<[string, () => unknown, string]>([
    [
      'a date that does not exist',
      () => attributeOutcomes([action({ day: '2024-02-30' })], [], COSTS),
      'actions[0].day must be a calendar date YYYY-MM-DD, got "2024-02-30"',
    ],
    [
      'a negative settlement',
      () => attributeOutcomes([], [settlement({}), settlement({ amountMinor: -5 })], COSTS),
      'settlements[1].amountMinor must be a whole number of minor units > 0',
    ],
    [
      'fractional minor units',
      () => attributeOutcomes([action({ overdueMinor: 12.5 })], [], COSTS),
      'actions[0].overdueMinor must be a whole number of minor units ≥ 0',
    ],
    [
      'a case in two currencies',
      () => attributeOutcomes([action({}), action({ currency: 'USD' })], [], COSTS),
      `actions[1].currency "USD" differs from "CNY" of case 'C1' at actions[0]`,
    ],
    [
      'a case with two debtors',
      () => attributeOutcomes([action({}), action({ debtorCode: 'D2' })], [], COSTS),
      `actions[1].debtorCode "D2" differs from "D1" of case 'C1' at actions[0]`,
    ],
    [
      'a bad due date',
      () => attributeOutcomes([], [settlement({ dueOn: '2024-3-1' })], COSTS),
      'settlements[0].dueOn must be a calendar date',
    ],
    [
      'a bad currency code',
      () => attributeOutcomes([], [settlement({ currency: 'rmb' })], COSTS),
      'settlements[0].currency must be an ISO 4217 code',
    ],
    [
      'a negative unit cost',
      () => attributeOutcomes([], [], { currency: 'CNY', perChannel: { sms: -1 } }),
      'costs.perChannel.sms must be a whole number of minor units ≥ 0',
    ],
    [
      'a window of zero days',
      () => attributeOutcomes([], [], COSTS, { windows: [7, 0] }),
      'options.windows[1] must be a whole number of days ≥ 1',
    ],
  ])('refuses %s', (_, run, message) => {
    expect(run).toThrow(AnalyticsInputError);
    expect(run).toThrow(message);
  });

  it('accepts 29 February in leap years only', () => {
    expect(() => attributeOutcomes([action({ day: '2024-02-29' })], [], COSTS)).not.toThrow();
    expect(() => attributeOutcomes([action({ day: '2100-02-29' })], [], COSTS)).toThrow(
      /actions\[0\]\.day/,
    );
  });
});

/** Small deterministic generator so the comparison below is reproducible. */
const mulberry32 = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const DAY_MS = 86_400_000;
const dateAt = (offset: number): string =>
  new Date(Date.UTC(2024, 0, 1) + offset * DAY_MS).toISOString().slice(0, 10);
const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe('backtest attribution against a brute-force reading of the rule', () => {
  it.each([1, 2, 3])('agrees on random history %p', (seed) => {
    const random = mulberry32(seed);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const cases = Array.from({ length: 12 }, (_, c) => ({
      caseId: `C${c}`,
      debtorCode: `D${c % 5}`,
      currency: c % 4 === 0 ? 'USD' : 'CNY',
    }));
    const plans: [string, string | null][] = [
      ['s1', null],
      ['s1', 'x/a'],
      ['s1', 'x/b'],
      ['s2', null],
    ];
    const actions = Array.from({ length: 300 }, (): BacktestAction => {
      const [strategy, branch] = pick(plans);
      return {
        ...pick(cases),
        strategy,
        branch,
        day: dateAt(Math.floor(random() * 90)),
        channel: pick(['email', 'sms', 'letter']),
        stepKey: pick(['a', 'b']),
        overdueMinor: Math.floor(random() * 50000),
      };
    });
    const settlements = Array.from({ length: 400 }, (_, s): Settlement => {
      const offset = Math.floor(random() * 120);
      return {
        debtorCode: `D${Math.floor(random() * 6)}`,
        invoiceNumber: `I${s}`,
        day: dateAt(offset),
        amountMinor: 1 + Math.floor(random() * 100000),
        currency: random() < 0.25 ? 'USD' : 'CNY',
        dueOn: dateAt(offset - 60 + Math.floor(random() * 70)),
      };
    });
    const windows = [1, 7, 30];
    const report = attributeOutcomes(actions, settlements, COSTS, {
      windows,
      includeActions: true,
    });

    // The rule read literally, one action against every settlement (ISO dates compare as text).
    const followers = (item: BacktestAction, days: number): number[] =>
      settlements.flatMap((paid, s) =>
        paid.debtorCode === item.debtorCode &&
        paid.currency === item.currency &&
        paid.dueOn < item.day &&
        paid.day > item.day &&
        paid.day <= plusDays(item.day, days)
          ? [s]
          : [],
      );
    const sumOf = (indexes: Iterable<number>): Record<string, number> => {
      const totals: Record<string, number> = {};
      for (const s of indexes) {
        const paid = settlements[s]!;
        totals[paid.currency] = (totals[paid.currency] ?? 0) + paid.amountMinor;
      }
      return Object.fromEntries(Object.entries(totals).sort());
    };

    for (const outcome of report.strategies) {
      const mine = actions.filter(
        (item) =>
          item.strategy === outcome.strategy &&
          (outcome.branch === null || item.branch === outcome.branch),
      );
      expect(outcome.actions).toBe(mine.length);
      expect(outcome.casesTouched).toBe(new Set(mine.map((item) => item.caseId)).size);
      windows.forEach((days, w) => {
        const lists = mine.map((item) => followers(item, days));
        const { costPerUnitRecovered, shareFollowed, ...counted } = outcome.windows[w]!;
        expect(shareFollowed).toBe(counted.actionsFollowed / mine.length);
        expect(costPerUnitRecovered).toBe(
          counted.distinctRecoveredByCurrency.CNY
            ? outcome.costMinor / counted.distinctRecoveredByCurrency.CNY
            : null,
        );
        expect(counted).toEqual({
          days,
          actionsFollowed: lists.filter((list) => list.length > 0).length,
          recoveredByCurrency: sumOf(lists.flat()),
          distinctRecoveredByCurrency: sumOf(new Set(lists.flat())),
          distinctSettlements: new Set(lists.flat()).size,
        });
      });
    }
    report.actions!.forEach((row, index) => {
      windows.forEach((days, w) => {
        const list = followers(actions[index]!, days);
        expect(row.windows[w]).toEqual({
          days,
          followed: list.length > 0,
          recoveredMinor: sumOf(list)[actions[index]!.currency] ?? 0,
        });
      });
    });
  });

  it('stays fast when one debtor has 200,000 actions and 200,000 settlements in 100 days', () => {
    // A scan of every window would touch about 200,000 × 60,000 settlements here.
    const count = 200_000;
    const days = Array.from({ length: 100 }, (_, offset) => dateAt(offset));
    const actions = Array.from({ length: count }, (_, i) =>
      action({ caseId: `C${i % 50}`, day: days[i % 100]! }),
    );
    const settlements = Array.from({ length: count }, (_, i) =>
      settlement({
        invoiceNumber: `I${i}`,
        day: days[i % 100]!,
        amountMinor: 1,
        dueOn: '2023-12-01',
      }),
    );

    const started = Date.now();
    const report = attributeOutcomes(actions, settlements, COSTS, { windows: [30] });
    const elapsed = Date.now() - started;

    // 2,000 actions and 2,000 settlements per day offset d; the 30-day window of an action
    // on day d holds the settlements of days d + 1 … min(d + 30, 99).
    let recovered = 0;
    for (let d = 0; d < 100; d += 1) recovered += 2000 * 2000 * (Math.min(d + 30, 99) - d);
    expect(report.strategies[0]!.windows[0]).toEqual({
      days: 30,
      shareFollowed: (count - 2000) / count,
      costPerUnitRecovered: (count * 10) / (count - 2000),
      actionsFollowed: count - 2000,
      recoveredByCurrency: { CNY: recovered },
      distinctSettlements: count - 2000,
      distinctRecoveredByCurrency: { CNY: count - 2000 },
    });
    expect(elapsed).toBeLessThan(15_000);
  }, 30_000);
});

const branchCase = (
  branch: string,
  caseId: string,
  overrides: Partial<BranchCase> = {},
): BranchCase => ({
  experiment: 'tone-2024',
  branch,
  caseId,
  assignedOn: '2024-05-01',
  currency: 'CNY',
  overdueAtAssignmentMinor: 100000,
  recoveredMinor: 0,
  daysToPay: null,
  costMinor: 500,
  ...overrides,
});

const paidIn = (daysToPay: number, overdue = 100000): Partial<BranchCase> => ({
  overdueAtAssignmentMinor: overdue,
  recoveredMinor: overdue,
  daysToPay,
});

const championCases = [
  ...[3, 7, 10, 12, 15, 21, 30].map((days, i) => branchCase('champion', `A${i}`, paidIn(days))),
  ...[0, 0, 10000, 25000, 50000, 0, 20000, 0, 40000, 60000, 0, 30000].map((recoveredMinor, i) =>
    branchCase('champion', `A${i + 7}`, { recoveredMinor }),
  ),
  branchCase('champion', 'A19', {
    currency: 'USD',
    overdueAtAssignmentMinor: 50000,
    costMinor: 300,
  }),
];
const challengerCases = [
  ...[2, 4, 5, 6, 8, 9, 11].map((days, i) => branchCase('friendly', `B${i}`, paidIn(days))),
  branchCase('friendly', 'B7', { ...paidIn(14, 20000), currency: 'USD' }),
  ...[0, 50000, 75000, 0].map((recoveredMinor, i) =>
    branchCase('friendly', `B${i + 8}`, { recoveredMinor }),
  ),
];

const ran = <T extends { ran: boolean }>(result: T | TestNotRun): T => {
  if (!result.ran) throw new Error(`test did not run: ${(result as TestNotRun).reason.en}`);
  return result as T;
};

describe('champion/challenger comparison', () => {
  const [report] = compareBranches([...challengerCases, ...championCases]) as [ExperimentReport];

  it('summarises each branch, money per currency and rates in the main currency', () => {
    expect(report.experiment).toBe('tone-2024');
    expect(report.mainCurrency).toBe('CNY');
    expect(report.champion).toBe('champion');
    expect(report.alpha).toBe(0.05);
    expect(report.cases).toBe(32);
    expect(report.branches).toEqual([
      {
        branch: 'champion',
        champion: true,
        cases: 20,
        overdueByCurrency: { CNY: 1900000, USD: 50000 },
        recoveredByCurrency: { CNY: 935000, USD: 0 },
        costByCurrency: { CNY: 9500, USD: 300 },
        mainCurrencyCases: 19,
        recoveryRate: 935000 / 1900000,
        meanCaseRecoveryRate: expect.closeTo(9.35 / 19, 12),
        costPerUnitRecovered: 9500 / 935000,
        paidInFull: 7,
        paidInFullShare: 7 / 20,
        meanDaysToPay: 14,
        medianDaysToPay: 12,
      },
      {
        branch: 'friendly',
        champion: false,
        cases: 12,
        overdueByCurrency: { CNY: 1100000, USD: 20000 },
        recoveredByCurrency: { CNY: 825000, USD: 20000 },
        costByCurrency: { CNY: 5500, USD: 500 },
        mainCurrencyCases: 11,
        recoveryRate: 0.75,
        meanCaseRecoveryRate: expect.closeTo(8.25 / 11, 12),
        costPerUnitRecovered: 5500 / 825000,
        paidInFull: 8,
        paidInFullShare: 8 / 12,
        meanDaysToPay: 59 / 8,
        medianDaysToPay: 7,
      },
    ]);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]!.en).toContain('use CNY cases only');
  });

  it('tests the paid-in-full share with Pearson chi-square, the z-test squared', () => {
    const result = ran<ChiSquareResult>(report.paidInFull);
    // Paid 7 of 20 vs 8 of 12, pooled 15/32.
    const pooled = 15 / 32;
    const z = (8 / 12 - 7 / 20) / Math.sqrt(pooled * (1 - pooled) * (1 / 20 + 1 / 12));
    expect(result.test).toBe('Pearson chi-square test of independence');
    expect(result.statistic).toBeCloseTo(z * z, 12);
    expect(result.statistic).toBeCloseTo(3.020130718954248, 12);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(0.08223683724459198, 9);
    expect(result.significant).toBe(false);
    expect(result.sampleSizes).toEqual({ champion: 20, friendly: 12 });
    expect(result.minExpectedCount).toBeCloseTo(5.625, 12);
    expect(result.warnings).toEqual([]);
    expect(result.statement.en).toBe(
      'Pearson chi-square test of independence on the paid-in-full share (no continuity correction): χ² = 3.02, df = 1, p = 0.082 (n: champion 20, friendly 12). Not significant at α = 0.05: the data do not show a difference between the branches.',
    );
    expect(result.statement['zh-CN']).toContain('卡方独立性检验');
    expect(result.statement['zh-CN']).toContain('不显著');
  });

  it("tests days to pay among paid cases with Welch's t-test", () => {
    const [comparison] = report.comparisons;
    expect(comparison).toMatchObject({ champion: 'champion', challenger: 'friendly' });
    const result = ran<WelchResult>(comparison!.daysToPay);
    // SciPy: ttest_ind(friendly, champion, equal_var=False).
    expect(result.statistic).toBeCloseTo(-1.7875487957382683, 9);
    expect(result.degreesOfFreedom).toBeCloseTo(7.936061222005754, 9);
    expect(result.pValue).toBeCloseTo(0.11195846102249844, 7);
    expect(result.confidenceInterval.lower).toBeCloseTo(-15.183495621166777, 7);
    expect(result.confidenceInterval.upper).toBeCloseTo(1.9334956211667773, 7);
    expect(result.championMean).toBe(14);
    expect(result.challengerMean).toBe(7.375);
    expect(result.difference).toBe(-6.625);
    expect(result.sampleSizes).toEqual({ champion: 7, friendly: 8 });
    expect(result.significant).toBe(false);
    // Days to pay are conditional on paying: the output says so.
    expect(result.warnings[0]!.en).toMatch(/Only cases paid in full count here/);
    expect(result.statement.en).toContain('t = -1.79, df = 7.94, p = 0.112');
  });

  it('tests the recovery rate per case in the main currency only', () => {
    const result = ran<WelchResult>(report.comparisons[0]!.caseRecoveryRate);
    // The USD cases (A19, B7) are left out: 19 and 11 CNY cases.
    expect(result.sampleSizes).toEqual({ champion: 19, friendly: 11 });
    expect(result.statistic).toBeCloseTo(1.6432625590307979, 9);
    expect(result.degreesOfFreedom).toBeCloseTo(22.285597257264552, 9);
    expect(result.pValue).toBeCloseTo(0.1143644945699707, 7);
    expect(result.confidenceInterval.lower).toBeCloseTo(-0.06733863852190608, 7);
    expect(result.confidenceInterval.upper).toBeCloseTo(0.5831281122061167, 7);
    expect(result.warnings).toEqual([]);
  });

  it('warns when expected counts are small and still reports the test', () => {
    // SciPy chi2_contingency([[3, 7], [8, 2]], correction=False): 5.0505…, p = 0.024618…
    const cases = [
      ...[1, 2, 3].map((days, i) => branchCase('a-base', `P${i}`, paidIn(days))),
      ...Array.from({ length: 7 }, (_, i) => branchCase('a-base', `U${i}`)),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((days, i) => branchCase('b-alt', `Q${i}`, paidIn(days))),
      ...Array.from({ length: 2 }, (_, i) => branchCase('b-alt', `V${i}`)),
    ].map((item) => ({ ...item, experiment: 'small' }));
    const [small] = compareBranches(cases, { alpha: 0.1 });
    // No branch is named 'champion': the first by name leads.
    expect(small!.champion).toBe('a-base');
    const result = ran<ChiSquareResult>(small!.paidInFull);
    expect(result.statistic).toBeCloseTo(5.05050505050505, 12);
    expect(result.pValue).toBeCloseTo(0.024618761380815174, 9);
    expect(result.minExpectedCount).toBeCloseTo(4.5, 12);
    expect(result.alpha).toBe(0.1);
    expect(result.significant).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.en).toContain('below 5');
    expect(result.warnings[0]!['zh-CN']).toContain('不可靠');
    expect(result.statement.en).toContain('Significant at α = 0.1.');
  });

  it('compares three branches at once and each challenger with the champion', () => {
    // Paid 20/50, 35/50, 25/50: χ² = 9.375 with 2 df, so p = e^(−9.375/2).
    const arm = (branch: string, paid: number): BranchCase[] =>
      Array.from({ length: 50 }, (_, i) =>
        branchCase(branch, `${branch}-${i}`, i < paid ? paidIn(1 + (i % 9)) : {}),
      );
    const [three] = compareBranches([...arm('champion', 20), ...arm('b', 35), ...arm('c', 25)]);
    const result = ran<ChiSquareResult>(three!.paidInFull);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.statistic).toBeCloseTo(9.375, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-9.375 / 2), 12);
    expect(result.significant).toBe(true);
    expect(three!.comparisons.map((item) => item.challenger)).toEqual(['b', 'c']);
    expect(three!.notes[1]!.en).toContain('not adjusted for multiple comparisons');
  });

  it('explains why a test could not run', () => {
    const cases = [
      branchCase('champion', 'A1', paidIn(4)),
      branchCase('champion', 'A2'),
      branchCase('new', 'B1', paidIn(3)),
      branchCase('new', 'B2', paidIn(5)),
    ];
    const [few] = compareBranches(cases);
    const days = few!.comparisons[0]!.daysToPay as TestNotRun;
    expect(days.ran).toBe(false);
    expect(days.test).toBe("Welch's two-sample t-test");
    expect(days.sampleSizes).toEqual({ champion: 1, new: 2 });
    expect(days.reason.en).toBe('Each branch needs at least 2 observations (champion 1, new 2).');

    const [flat] = compareBranches([
      branchCase('champion', 'A1', paidIn(4)),
      branchCase('champion', 'A2', paidIn(4)),
      branchCase('new', 'B1', paidIn(4)),
      branchCase('new', 'B2', paidIn(4)),
    ]);
    expect(flat!.paidInFull.ran).toBe(false);
    expect((flat!.paidInFull as TestNotRun).reason.en).toMatch(/no difference to test/);
    expect((flat!.comparisons[0]!.daysToPay as TestNotRun).reason.en).toMatch(/variance 0/);

    const [alone] = compareBranches([branchCase('champion', 'A1')]);
    expect((alone!.paidInFull as TestNotRun).reason.en).toMatch(/only one branch/);
    expect(alone!.comparisons).toEqual([]);
  });

  it('orders experiments by name and picks the main currency by overdue amount', () => {
    const reports = compareBranches([
      branchCase('champion', 'X1', { experiment: 'zeta', currency: 'USD' }),
      branchCase('champion', 'X2', { experiment: 'zeta', overdueAtAssignmentMinor: 90000 }),
      branchCase('champion', 'Y1', { experiment: 'alpha' }),
    ]);
    expect(reports.map((item) => [item.experiment, item.mainCurrency])).toEqual([
      ['alpha', 'CNY'],
      ['zeta', 'USD'],
    ]);
  });

  it.each<[string, Partial<BranchCase>, string]>([
    [
      'a negative recovery',
      { recoveredMinor: -1 },
      'cases[3].recoveredMinor must be a whole number of minor units ≥ 0',
    ],
    [
      'fractional cost',
      { costMinor: 0.5 },
      'cases[3].costMinor must be a whole number of minor units ≥ 0',
    ],
    [
      'no overdue amount',
      { overdueAtAssignmentMinor: 0 },
      'cases[3].overdueAtAssignmentMinor must be a whole number of minor units > 0',
    ],
    [
      'more recovered than overdue',
      { recoveredMinor: 100001 },
      'cases[3].recoveredMinor must not exceed overdueAtAssignmentMinor',
    ],
    [
      'a bad assignment date',
      { assignedOn: '2024-13-01' },
      'cases[3].assignedOn must be a calendar date YYYY-MM-DD',
    ],
    [
      'negative days to pay',
      { ...paidIn(0), daysToPay: -2 },
      'cases[3].daysToPay must be null or a whole number of days ≥ 0',
    ],
    [
      'days to pay on a partly paid case',
      { recoveredMinor: 10, daysToPay: 3 },
      'cases[3].daysToPay is set but recoveredMinor is below',
    ],
    [
      'full recovery without days to pay',
      { recoveredMinor: 100000 },
      'cases[3].daysToPay is null but the overdue amount was recovered in full',
    ],
    ['an empty branch name', { branch: ' ' }, 'cases[3].branch must be a non-empty string'],
    [
      'the same case in another currency',
      { caseId: 'A0', currency: 'USD' },
      `cases[3].currency "USD" differs from "CNY" of the same case in experiment 'tone-2024' at cases[0]`,
    ],
    [
      'the same case twice',
      { caseId: 'A0' },
      `cases[3].caseId "A0" repeats the same case in experiment 'tone-2024' at cases[0]`,
    ],
  ])('refuses %s', (_, overrides, message) => {
    const cases = [...championCases.slice(0, 3), branchCase('champion', 'Z9', overrides)];
    const run = () => compareBranches(cases);
    expect(run).toThrow(AnalyticsInputError);
    expect(run).toThrow(message);
  });

  it('refuses an alpha outside (0, 1)', () => {
    expect(() => compareBranches(championCases, { alpha: 1 })).toThrow(
      'options.alpha must be a number between 0 and 1',
    );
  });
});
