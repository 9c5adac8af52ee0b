import { formatMinorUnits, parseMajorUnits, safeMinorDigits, toDecimalString } from '../money';

describe('parseMajorUnits', () => {
  it('reads yuan with up to two decimals as fen', () => {
    expect(parseMajorUnits('1234.5', 2)).toBe(123450n);
    expect(parseMajorUnits('1,234.56', 2)).toBe(123456n);
    expect(parseMajorUnits(' 1，234 ', 2)).toBe(123400n);
    expect(parseMajorUnits('12.', 2)).toBe(1200n);
    expect(parseMajorUnits('.5', 2)).toBe(50n);
    expect(parseMajorUnits('0', 2)).toBe(0n);
  });

  it('keeps amounts beyond 2^53 minor units exact', () => {
    expect(parseMajorUnits('123456789012345678.91', 2)).toBe(12345678901234567891n);
  });

  it('takes no decimals for a currency without minor units', () => {
    expect(parseMajorUnits('1500', 0)).toBe(1500n);
    expect(parseMajorUnits('1500.5', 0)).toBeNull();
  });

  it('refuses signs, letters, extra decimals and empty text rather than guessing', () => {
    for (const text of ['-5', '+5', '12.345', 'abc', '1e3', '', '.', '1.2.3', '¥12']) {
      expect(parseMajorUnits(text, 2)).toBeNull();
    }
  });

  it('round-trips with toDecimalString', () => {
    const minor = parseMajorUnits('98765.43', 2) as bigint;
    expect(toDecimalString(minor, 2)).toBe('98765.43');
  });
});

describe('safeMinorDigits', () => {
  it('uses the currency’s decimals, and 2 for a code Intl does not know', () => {
    expect(safeMinorDigits('CNY')).toBe(2);
    expect(safeMinorDigits('JPY')).toBe(0);
    expect(safeMinorDigits('not a code')).toBe(2);
  });
});

describe('formatMinorUnits', () => {
  it('formats fen as yuan in the reader’s locale', () => {
    expect(formatMinorUnits('123456', 'CNY', 'en')).toBe('CN¥1,234.56');
    expect(formatMinorUnits(null, 'CNY', 'en')).toBeNull();
  });
});
