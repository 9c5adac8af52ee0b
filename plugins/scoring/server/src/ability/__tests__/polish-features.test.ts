import { STATEMENT_LINES, type FinancialStatementRecord } from '../../types';
import { MODEL_FEATURES, SAME_UNDER_OUR_LINES } from '../bankruptcy-training';
import {
  ATTRIBUTE_LABELS,
  COMPUTABLE_ATTRIBUTES,
  POLISH_ATTRIBUTES,
  polishFeatures,
} from '../polish-features';

import { numbersIn, strongPrevious, strongStatement, weakStatement } from './statements';

/**
 * The healthy statement in thousands: TA 1000, CA 600, inventory 150, cash 120,
 * securities 30, receivables 200, TL 400, STL 250, equity 600, share capital 200,
 * retained earnings 300, sales 1500 (previous 1200), cost of sales 1050, operating
 * expenses 270 (operating costs 1320), operating profit 180, financial expenses 20,
 * EBIT 200, net profit 150, depreciation 40. Fixed assets 400, long-term liabilities 150.
 */
const EXPECTED: Record<string, number> = {
  Attr1: 150 / 1000,
  Attr2: 400 / 1000,
  Attr3: 350 / 1000,
  Attr4: 600 / 250,
  Attr5: ((120 + 30 + 200 - 250) * 365) / (1320 - 40),
  Attr6: 300 / 1000,
  Attr7: 200 / 1000,
  Attr8: 600 / 400,
  Attr9: 1500 / 1000,
  Attr10: 600 / 1000,
  Attr12: 200 / 250,
  Attr13: (200 + 40) / 1500,
  Attr14: 200 / 1000,
  Attr15: (400 * 365) / (200 + 40),
  Attr16: (200 + 40) / 400,
  Attr17: 1000 / 400,
  Attr18: 200 / 1000,
  Attr19: 200 / 1500,
  Attr20: (150 * 365) / 1500,
  Attr21: 1500 / 1200,
  Attr22: 180 / 1000,
  Attr23: 150 / 1500,
  Attr25: (600 - 200) / 1000,
  Attr26: (150 + 40) / 400,
  Attr27: 180 / 20,
  Attr28: 350 / 400,
  Attr30: (400 - 120) / 1500,
  Attr32: (250 * 365) / 1320,
  Attr33: 1320 / 250,
  Attr34: 1320 / 400,
  Attr35: (1500 - 1050 - 270) / 1000,
  Attr36: 1500 / 1000,
  Attr37: (600 - 150) / 150,
  Attr38: (600 + 150) / 1000,
  Attr39: 180 / 1500,
  Attr40: (600 - 150 - 200) / 250,
  Attr41: (400 * 12) / ((180 + 40) * 365),
  Attr42: 180 / 1500,
  Attr43: ((200 + 150) * 365) / 1500,
  Attr44: (200 * 365) / 1500,
  Attr45: 150 / 150,
  Attr46: (600 - 150) / 250,
  Attr47: (150 * 365) / 1320,
  Attr48: (180 - 40) / 1000,
  Attr49: (180 - 40) / 1500,
  Attr50: 600 / 400,
  Attr51: 250 / 1000,
  Attr52: 250 / 1320,
  Attr53: 600 / 400,
  Attr54: 750 / 400,
  Attr56: (1500 - 1320) / 1500,
  Attr57: 150 / 600,
  Attr58: 1320 / 1500,
  Attr59: 150 / 600,
  Attr60: 1500 / 150,
  Attr61: 1500 / 200,
  Attr62: (250 * 365) / 1500,
  Attr63: 1500 / 250,
  Attr64: 1500 / 400,
};

describe('Polish bankruptcy attributes of a statement', () => {
  const features = polishFeatures(strongStatement(), strongPrevious());

  it.each(Object.entries(EXPECTED))('computes %s by hand', (name, expected) => {
    expect(features.values[name as `Attr${number}`]).toBeCloseTo(expected, 10);
  });

  it('leaves out what no statement line gives, and the PLN-scaled two for CNY', () => {
    expect(Object.keys(features.missing).sort()).toEqual(
      ['Attr11', 'Attr24', 'Attr29', 'Attr31', 'Attr55'].sort(),
    );
    expect(features.missing.Attr11?.code).toBe('not_computable');
    expect(features.missing.Attr29?.code).toBe('currency_scale');
    expect(features.missing.Attr29?.message.en).toContain('thousands of PLN');
  });

  it('puts each of the 64 attributes in exactly one of values and missing', () => {
    for (const name of POLISH_ATTRIBUTES) {
      expect([name in features.values, name in features.missing].filter(Boolean)).toHaveLength(1);
    }
    expect(COMPUTABLE_ATTRIBUTES).toHaveLength(61);
  });

  it('computes Attr29 and Attr55 in thousands of PLN for a PLN statement', () => {
    const pln = polishFeatures(strongStatement({ currency: 'PLN' }));
    // 1,000,000 grosz = 10 thousand PLN; working capital 350,000 grosz = 3.5 thousand PLN
    expect(pln.values.Attr29).toBeCloseTo(1, 12);
    expect(pln.values.Attr55).toBeCloseTo(3.5, 12);
  });

  it('labels every computable attribute in both languages', () => {
    for (const name of COMPUTABLE_ATTRIBUTES) {
      expect(ATTRIBUTE_LABELS[name]?.en.length).toBeGreaterThan(3);
      expect(ATTRIBUTE_LABELS[name]?.['zh-CN'].length).toBeGreaterThan(1);
    }
    expect(ATTRIBUTE_LABELS.Attr5?.en).toBe(
      '(cash + short-term securities + receivables − short-term liabilities) × 365 / ' +
        '(operating costs − depreciation and amortisation)',
    );
  });
});

describe('Polish attributes of incomplete or inconsistent statements', () => {
  it('treats an attribute whose line is missing as missing, not 0', () => {
    const { values, missing } = polishFeatures(strongStatement({ depreciationMinor: null }));
    for (const name of [
      'Attr5',
      'Attr13',
      'Attr15',
      'Attr16',
      'Attr26',
      'Attr41',
      'Attr48',
      'Attr49',
    ]) {
      expect(values[name as `Attr${number}`]).toBeUndefined();
      expect(missing[name as `Attr${number}`]?.code).toBe('missing_line');
      expect(missing[name as `Attr${number}`]?.message.en).toContain('depreciationMinor');
    }
    expect(values.Attr1).toBeCloseTo(0.15, 12);
  });

  it('has no Attr21 without a previous statement or across currencies', () => {
    expect(polishFeatures(strongStatement()).missing.Attr21?.code).toBe('no_previous_statement');
    const mismatch = polishFeatures(strongStatement(), strongPrevious({ currency: 'EUR' }));
    expect(mismatch.missing.Attr21?.code).toBe('currency_mismatch');
    expect(mismatch.missing.Attr21?.message['zh-CN']).toContain('EUR');
  });

  it('reports zero denominators by attribute', () => {
    const { missing } = polishFeatures(strongStatement({ financialExpensesMinor: 0 }));
    expect(missing.Attr27?.code).toBe('zero_denominator');
    expect(missing.Attr27?.message.en).toContain('Attr27');
    expect(missing.Attr27?.message.en).toContain('financial expenses is 0');
  });

  it('refuses fixed assets below zero (current assets above total assets)', () => {
    const { missing, values } = polishFeatures(strongStatement({ currentAssetsMinor: 1_200_000 }));
    expect(missing.Attr28?.code).toBe('inconsistent_lines');
    expect(missing.Attr28?.message.en).toContain('total assets − current assets is negative');
    expect(values.Attr4).toBeCloseTo(1_200 / 250, 12);
  });

  it('never throws and never yields NaN or Infinity, whatever the lines hold', () => {
    const specials = [undefined, null, 0, -1, 3, -40_000, 0.5, Number.NaN, Infinity, 2 ** 53];
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return specials[seed % specials.length] as number | null | undefined;
    };
    for (let round = 0; round < 300; round += 1) {
      const statement: FinancialStatementRecord = { ...strongStatement() };
      for (const line of STATEMENT_LINES) if (seed % 3 !== 0) statement[line] = next() as number;
      const features = polishFeatures(statement, strongPrevious({ salesMinor: next() as number }));
      expect(numbersIn(features).every(Number.isFinite)).toBe(true);
      expect(Object.keys(features.values).length + Object.keys(features.missing).length).toBe(64);
    }
  });
});

describe('attributes the model leaves out because our lines make them twins', () => {
  /** Each left-out attribute as a function of the partner the model keeps. */
  const RELATIONS: Record<string, (partner: number) => number> = {
    Attr9: (sales) => sales,
    Attr14: (ebit) => ebit,
    Attr15: (attr16) => 365 / attr16,
    Attr17: (debtRatio) => 1 / debtRatio,
    Attr18: (ebit) => ebit,
    Attr52: (attr32) => attr32 / 365,
    Attr56: (margin) => margin,
    Attr58: (margin) => 1 - margin,
    Attr60: (days) => 365 / days,
    Attr61: (days) => 365 / days,
    Attr63: (days) => 365 / days,
  };

  it.each(Object.entries(SAME_UNDER_OUR_LINES))(
    'computes %s from its partner %s',
    (name, partner) => {
      const statements = [
        strongStatement(),
        weakStatement(),
        strongStatement({ salesMinor: 3_333_333, inventoryMinor: 7_777, ebitMinor: -12_345 }),
      ];
      for (const statement of statements) {
        const { values } = polishFeatures(statement);
        const relation = RELATIONS[name] as (partner: number) => number;
        expect(values[name as `Attr${number}`]).toBeCloseTo(relation(values[partner] as number), 9);
      }
      expect(MODEL_FEATURES).toContain(partner);
      expect(MODEL_FEATURES).not.toContain(name);
    },
  );

  it('keeps 48 attributes: 61 computable, less Attr29, Attr55 and the 11 twins', () => {
    expect(MODEL_FEATURES).toHaveLength(48);
    expect(Object.keys(RELATIONS).sort()).toEqual(Object.keys(SAME_UNDER_OUR_LINES).sort());
  });
});
