import { STATEMENT_LINES, type FinancialStatementRecord, type Unavailable } from '../../types';
import { type AbilityRatios, altmanZone, computeRatios } from '../ratios';

import { numbersIn, strongPrevious, strongStatement, weakStatement } from './statements';

const valueOf = (ratio: AbilityRatios[keyof AbilityRatios]): number => {
  if (!ratio.available) throw new Error(`expected a value, got ${ratio.code}: ${ratio.message.en}`);
  return ratio.value;
};

const unavailable = (ratio: AbilityRatios[keyof AbilityRatios]): Unavailable => {
  if (ratio.available) throw new Error(`expected Unavailable, got ${ratio.value}`);
  return ratio;
};

describe('ability-to-pay ratios of a healthy statement', () => {
  const ratios = computeRatios(strongStatement(), strongPrevious());

  it('computes leverage, liquidity and cash cover by hand', () => {
    expect(valueOf(ratios.debtRatio)).toBeCloseTo(0.4, 12); // 400 / 1000
    expect(valueOf(ratios.currentRatio)).toBeCloseTo(2.4, 12); // 600 / 250
    expect(valueOf(ratios.quickRatio)).toBeCloseTo(1.8, 12); // (600 − 150) / 250
    expect(valueOf(ratios.cashRatio)).toBeCloseTo(0.6, 12); // (120 + 30) / 250
    expect(valueOf(ratios.operatingCashFlowRatio)).toBeCloseTo(0.7, 12); // 175 / 250
    expect(valueOf(ratios.salesGrowth)).toBeCloseTo(1.25, 12); // 1500 / 1200
  });

  it("computes Z'' from its four components and puts it in the safe zone", () => {
    const z = ratios.altmanZ;
    if (!z.available) throw new Error(z.message.en);
    expect(z.components.x1).toBeCloseTo(0.35, 12); // (600 − 250) / 1000
    expect(z.components.x2).toBeCloseTo(0.3, 12); // 300 / 1000
    expect(z.components.x3).toBeCloseTo(0.2, 12); // 200 / 1000
    expect(z.components.x4).toBeCloseTo(1.5, 12); // 600 / 400
    // 6.56·0.35 + 3.26·0.3 + 6.72·0.2 + 1.05·1.5 = 2.296 + 0.978 + 1.344 + 1.575
    expect(z.value).toBeCloseTo(6.193, 12);
    expect(z.zone).toBe('safe');
    expect(z.notices).toEqual([]);
  });
});

describe('ability-to-pay ratios of a distressed statement', () => {
  const ratios = computeRatios(weakStatement());

  it('computes the ratios by hand', () => {
    expect(valueOf(ratios.debtRatio)).toBeCloseTo(1.1, 12); // 1100 / 1000
    expect(valueOf(ratios.currentRatio)).toBeCloseTo(300 / 700, 12);
    expect(valueOf(ratios.quickRatio)).toBeCloseTo(120 / 700, 12); // (300 − 180) / 700
    expect(valueOf(ratios.cashRatio)).toBeCloseTo(10 / 700, 12);
    expect(valueOf(ratios.operatingCashFlowRatio)).toBeCloseTo(-40 / 700, 12);
  });

  it("still computes Z'' with negative equity, flags it, and puts it in distress", () => {
    const z = ratios.altmanZ;
    if (!z.available) throw new Error(z.message.en);
    expect(z.components.x4).toBeCloseTo(-100 / 1100, 12);
    // 6.56·(−0.4) + 3.26·(−0.35) + 6.72·(−0.06) + 1.05·(−1/11)
    expect(z.value).toBeCloseTo(-2.624 - 1.141 - 0.4032 - 1.05 / 11, 12);
    expect(z.zone).toBe('distress');
    expect(z.notices.map((notice) => notice.code)).toEqual(['negative_equity']);
    expect(z.notices[0]?.message['zh-CN']).toContain('X4');
    expect(z.notices[0]?.message.en).toContain('negative X4');
  });

  it('flags negative equity on the debt ratio too', () => {
    const debt = ratios.debtRatio;
    expect(debt.available && debt.notices.map((notice) => notice.code)).toEqual([
      'negative_equity',
    ]);
  });

  it('has no sales growth without a previous statement, and says so', () => {
    const growth = unavailable(ratios.salesGrowth);
    expect(growth.code).toBe('no_previous_statement');
    expect(growth.message['zh-CN']).toContain('上期报表');
  });
});

describe("Altman Z'' zones", () => {
  it.each([
    [2.61, 'safe'],
    [2.6, 'grey'],
    [1.85, 'grey'],
    [1.1, 'grey'],
    [1.09, 'distress'],
    [-3, 'distress'],
  ])('puts Z″ = %d in the %s zone', (z, zone) => {
    expect(altmanZone(z)).toBe(zone);
  });

  it('scores a middling statement in the grey zone', () => {
    // X1 = 0.1, X2 = 0.1, X3 = 0.05, X4 = 400 / 600: 0.656 + 0.326 + 0.336 + 0.7 = 2.018
    const z = computeRatios(
      strongStatement({
        currentAssetsMinor: 350_000,
        retainedEarningsMinor: 100_000,
        ebitMinor: 50_000,
        equityMinor: 400_000,
        totalLiabilitiesMinor: 600_000,
      }),
    ).altmanZ;
    expect(z.available && z.value).toBeCloseTo(2.018, 12);
    expect(z.available && z.zone).toBe('grey');
  });
});

describe('ratios of bad input', () => {
  it('names the missing line in both languages', () => {
    const quick = unavailable(computeRatios(strongStatement({ inventoryMinor: null })).quickRatio);
    expect(quick.code).toBe('missing_line');
    expect(quick.message.en).toContain('inventory (inventoryMinor)');
    expect(quick.message.en).toContain('quick ratio');
    expect(quick.message['zh-CN']).toContain('存货');
    expect(quick.message['zh-CN']).toContain('速动比率');
  });

  it("lists every missing line of Z'' at once", () => {
    const statement = strongStatement();
    delete statement.retainedEarningsMinor;
    delete statement.ebitMinor;
    const z = unavailable(computeRatios(statement).altmanZ);
    expect(z.code).toBe('missing_line');
    expect(z.message.en).toContain('retainedEarningsMinor');
    expect(z.message.en).toContain('ebitMinor');
    expect(z.message['zh-CN']).toContain('未分配利润');
    expect(z.message['zh-CN']).toContain('息税前利润');
  });

  it('names a line once even when several parts of a ratio lack it', () => {
    const z = unavailable(computeRatios(strongStatement({ totalAssetsMinor: null })).altmanZ);
    expect(z.message.en.match(/totalAssetsMinor/g)).toHaveLength(1);
  });

  it('refuses a zero denominator and names it', () => {
    const ratios = computeRatios(strongStatement({ shortTermLiabilitiesMinor: 0 }));
    for (const ratio of [ratios.currentRatio, ratios.quickRatio, ratios.cashRatio]) {
      const result = unavailable(ratio);
      expect(result.code).toBe('zero_denominator');
      expect(result.message.en).toContain('short-term liabilities is 0');
      expect(result.message['zh-CN']).toContain('流动负债合计为 0');
    }
    const debt = unavailable(computeRatios(strongStatement({ totalAssetsMinor: 0 })).debtRatio);
    expect(debt.code).toBe('zero_denominator');
    expect(
      unavailable(computeRatios(strongStatement({ totalLiabilitiesMinor: 0 })).altmanZ).code,
    ).toBe('zero_denominator');
  });

  it('rejects negative total assets as an invalid line', () => {
    const ratios = computeRatios(strongStatement({ totalAssetsMinor: -1_000_000 }));
    const debt = unavailable(ratios.debtRatio);
    expect(debt.code).toBe('invalid_line');
    expect(debt.message.en).toContain('total assets (totalAssetsMinor) is negative');
    expect(debt.message['zh-CN']).toContain('为负数');
    expect(unavailable(ratios.altmanZ).code).toBe('invalid_line');
    expect(valueOf(ratios.currentRatio)).toBeCloseTo(2.4, 12);
  });

  it.each([[12.5], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 60]])(
    'rejects %d as an amount in minor units',
    (amount) => {
      const current = unavailable(
        computeRatios(strongStatement({ currentAssetsMinor: amount })).currentRatio,
      );
      expect(current.code).toBe('invalid_line');
      expect(current.message.en).toContain('not an integer amount in minor units');
    },
  );

  it('refuses sales growth against a statement in another currency', () => {
    const ratios = computeRatios(strongStatement(), strongPrevious({ currency: 'USD' }));
    const growth = unavailable(ratios.salesGrowth);
    expect(growth.code).toBe('currency_mismatch');
    expect(growth.message.en).toContain('CNY');
    expect(growth.message.en).toContain('USD');
    expect(growth.message['zh-CN']).toContain('币种');
    expect(valueOf(ratios.debtRatio)).toBeCloseTo(0.4, 12);
  });

  it('refuses a previous statement of another debtor or a later period', () => {
    const other = computeRatios(strongStatement(), strongPrevious({ debtorCode: 'D-OTHER' }));
    expect(unavailable(other.salesGrowth).code).toBe('previous_not_comparable');
    const later = computeRatios(strongStatement(), strongPrevious({ periodEnd: '2025-12-31' }));
    expect(unavailable(later.salesGrowth).message.en).toContain('does not end before');
  });

  it('refuses sales growth from zero previous sales', () => {
    const growth = computeRatios(strongStatement(), strongPrevious({ salesMinor: 0 })).salesGrowth;
    expect(unavailable(growth).code).toBe('zero_denominator');
  });

  it('never throws and never returns NaN or Infinity, whatever the lines hold', () => {
    const specials = [undefined, null, 0, -1, 1, 7, -250_000, 1.5, Number.NaN, -Infinity, 2 ** 53];
    let seed = 7;
    const pickSpecial = () => {
      seed = (seed * 16807) % 2147483647;
      return specials[seed % specials.length];
    };
    for (let round = 0; round < 300; round += 1) {
      const statement: FinancialStatementRecord = { ...strongStatement() };
      for (const line of STATEMENT_LINES) {
        if (round % 3 !== 0 || seed % 2 === 0) statement[line] = pickSpecial() as number | null;
      }
      const ratios = computeRatios(
        statement,
        strongPrevious({ salesMinor: pickSpecial() as number }),
      );
      expect(numbersIn(ratios).every(Number.isFinite)).toBe(true);
      for (const ratio of Object.values(ratios)) {
        if (!ratio.available) expect(ratio.message.en.length).toBeGreaterThan(10);
      }
    }
  });
});
