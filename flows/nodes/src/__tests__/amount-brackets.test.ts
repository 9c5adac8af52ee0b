import {
  AmountBrackets,
  amountRanges,
  caseAmount,
  currencyDigits,
  parseAmountConfig,
  shortAmountLabels,
} from '../domain/amount-brackets';

describe('currency digits', () => {
  it.each([
    ['CNY', 2],
    ['JPY', 0],
    ['USD', 2],
    ['KWD', 3],
    ['cny', 2],
  ])('%s has %i minor-unit digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });

  it.each(['', 'RMB1', 'YUAN', '元'])('is null for the malformed code %p', (currency) => {
    expect(currencyDigits(currency)).toBeNull();
  });
});

describe('amount configuration', () => {
  it('checks the bounds like the days-past-due brackets, defaulting to the overdue amount', () => {
    expect(parseAmountConfig({ bounds: [0, 10000, '100000'] })).toEqual({
      config: { bounds: [0, 10000, 100000], amount: 'overdue' },
    });
    expect(parseAmountConfig({ bounds: [0], amount: 'open' })).toEqual({
      config: { bounds: [0], amount: 'open' },
    });
  });

  it.each([
    [{ bounds: [] }, 'bounds-empty'],
    [{ bounds: [0, 99.5] }, 'bounds-not-integer'],
    [{ bounds: [-100, 0] }, 'bounds-negative'],
    [{ bounds: [0, 10000, 10000] }, 'bounds-not-ascending'],
    [{ bounds: [0], amount: 'balance' }, 'amount-invalid'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseAmountConfig(raw)).toEqual({ problem });
  });

  it('reads the configured amount of a case', () => {
    const amounts = { overdueAmountMinor: 100, openAmountMinor: 250 };
    expect(caseAmount(amounts, 'overdue')).toBe(100);
    expect(caseAmount(amounts, 'open')).toBe(250);
  });
});

describe('amount brackets', () => {
  const brackets = new AmountBrackets([0, 10_000, 100_000]);

  it('converts major-unit bounds with the digits of each currency', () => {
    expect(brackets.boundsIn('CNY')).toEqual([0, 1_000_000, 10_000_000]);
    expect(brackets.boundsIn('JPY')).toEqual([0, 10_000, 100_000]);
    expect(brackets.boundsIn('KWD')).toEqual([0, 10_000_000, 100_000_000]);
    expect(brackets.boundsIn('XX')).toBeNull();
  });

  it.each([
    // CNY: minor units are fen
    [0, 'CNY', 0],
    [999_999, 'CNY', 0], // 9,999.99 yuan
    [1_000_000, 'CNY', 1], // 10,000.00 yuan
    [9_999_999, 'CNY', 1],
    [10_000_000, 'CNY', 2],
    [-1, 'CNY', -1], // a credit balance lies below the first bracket
    // JPY: no minor unit
    [9_999, 'JPY', 0],
    [10_000, 'JPY', 1],
    [100_000, 'JPY', 2],
  ])('puts %i minor units of %s into bracket %i', (amountMinor, currency, expected) => {
    expect(brackets.indexOf(amountMinor, currency)).toBe(expected);
  });

  it('answers null for a malformed currency code', () => {
    expect(brackets.indexOf(500, 'RMB1')).toBeNull();
  });

  it('converts once per currency', () => {
    const spy = jest.spyOn(Intl, 'NumberFormat');
    const fresh = new AmountBrackets([0, 10]);
    for (let i = 0; i < 1000; i++) fresh.indexOf(i, i % 2 === 0 ? 'CNY' : 'JPY');
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('labels the ranges, the last one open-ended', () => {
    expect(amountRanges([0, 10_000, 100_000])).toEqual([
      { from: 0, to: 10_000 },
      { from: 10_000, to: 100_000 },
      { from: 100_000, to: null },
    ]);
    expect(shortAmountLabels([0, 10_000, 100_000])).toEqual([
      '0-10,000',
      '10,000-100,000',
      '≥100,000',
    ]);
  });
});
