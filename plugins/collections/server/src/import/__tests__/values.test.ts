import { headerResolver } from '../columns';
import { defaultLayout } from '../presets/default-layout';
import { isFailure, parseDecimal, toMinorUnits } from '../values/amounts';
import { parseBooleanCell } from '../values/booleans';
import { formatMinor, resolveCurrency } from '../values/currency';
import { isoFromExcelSerial, parseDateCell, parseDateText } from '../values/dates';
import { charLength, excelError, headerKey } from '../values/text';

const minor = (cell: string | number, currency = 'CNY'): number | string => {
  const decimal = parseDecimal(cell);
  if (isFailure(decimal)) return decimal.kind;
  const units = toMinorUnits(decimal, currency);
  return isFailure(units) ? units.kind : units;
};

describe('dates', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['3/5/2024', '2024-03-05'],
    ['12/31/2013', '2013-12-31'],
    ['20240305', '2024-03-05'],
    ['2024-03-05 14:30:00', '2024-03-05'],
    ['2024-03-05 23:59:59', '2024-03-05'],
    ['2024-03-05T00:00:00.000', '2024-03-05'],
    ['3/5/2024 9:05', '2024-03-05'],
    ['２０２４－０３－０５', '2024-03-05'],
  ])('reads %s', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '31/12/2024',
    '2024-3/5',
    '05.03.2024',
    'soon',
    '0024-03-05',
    '2024-03-05 25:99:00',
    '2024-03-05 24:00:00',
    '2024-03-05 12:60',
    '2024/3/5 23:59:60',
    '3/5/2024 25:00',
  ])('rejects %s', (text) => {
    expect(parseDateText(text)).toBeNull();
  });

  it('reads Excel serials in both date systems, including the 1900 leap-year bug', () => {
    expect(isoFromExcelSerial(45356, false)).toBe('2024-03-05');
    expect(isoFromExcelSerial(45356.75, false)).toBe('2024-03-05');
    expect(isoFromExcelSerial(59, false)).toBe('1900-02-28');
    expect(isoFromExcelSerial(60, false)).toBeNull();
    expect(isoFromExcelSerial(61, false)).toBe('1900-03-01');
    expect(isoFromExcelSerial(0, true)).toBe('1904-01-01');
    expect(isoFromExcelSerial(-1, false)).toBeNull();
  });

  it('reads XLSX Date cells by their UTC calendar day and 8-digit numbers as YYYYMMDD', () => {
    expect(parseDateCell(new Date(Date.UTC(2024, 1, 29, 23, 59)), false)).toBe('2024-02-29');
    expect(parseDateCell(20240305, false)).toBe('2024-03-05');
    expect(parseDateCell(new Date(Number.NaN), false)).toBeNull();
  });
});

describe('amounts', () => {
  it.each([
    ['1,234.56', 123456],
    ['¥1,234.56', 123456],
    ['￥ 1,234.5', 123450],
    ['RMB 1,234', 123400],
    ['1234', 123400],
    ['1234.5600', 123456],
    ['1,234.56元', 123456],
    ['人民币 88', 8800],
    ['１，２３４．５６', 123456],
    ['="1234.56"', 123456],
    ['0', 0],
    ['-5', -500],
    ['(5.00)', -500],
    ['5.00-', -500],
    ['¥-5', -500],
  ])('reads %s as %d minor units', (text, expected) => {
    expect(minor(text)).toBe(expected);
  });

  it.each([
    ['1.234,56', 'not-a-number'],
    ['12,34', 'not-a-number'],
    ['N/A', 'unknown-symbol'],
    ['约1000', 'unknown-symbol'],
    ['1,234.567', 'too-many-decimals'],
    ['99999999999999999999', 'too-large'],
  ])('rejects %s (%s)', (text, kind) => {
    expect(minor(text)).toBe(kind);
  });

  it('uses the minor unit of the currency', () => {
    expect(minor('1,234', 'JPY')).toBe(1234);
    expect(minor('1234.00', 'JPY')).toBe(1234);
    expect(minor('1234.5', 'JPY')).toBe('too-many-decimals');
    expect(minor('1.234', 'BHD')).toBe(1234);
  });

  it('reads numeric cells at Excel precision, never multiplying floats', () => {
    expect(minor(1234.56)).toBe(123456);
    expect(minor(0.1 + 0.2)).toBe(30);
    expect(minor(1.005)).toBe('too-many-decimals');
    expect(minor(19.99 * 3)).toBe(5997);
    expect(minor(1e-7)).toBe('too-many-decimals');
    expect(minor(-12.5)).toBe(-1250);
  });

  it('names the currency of a symbol or code next to the number', () => {
    const decimal = parseDecimal('US$ 12.00');
    expect(isFailure(decimal) ? null : decimal.currency).toBe('USD');
    expect(formatMinor(123456, 'CNY')).toBe('1234.56');
    expect(formatMinor(5, 'CNY')).toBe('0.05');
    expect(formatMinor(1234, 'JPY')).toBe('1234');
  });
});

describe('cell text', () => {
  it.each(['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#n/a'])(
    'recognises the Excel error %s',
    (text) => {
      expect(excelError(text)).toBe(text.toUpperCase());
    },
  );

  it('takes other text starting with # for what it is', () => {
    expect(excelError('#1')).toBeNull();
    expect(excelError('N/A')).toBeNull();
    expect(excelError('#DIV/0')).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(charLength('甲😀a')).toBe(3);
  });
});

describe('currencies and booleans', () => {
  it.each([
    ['人民币', 'CNY'],
    ['rmb', 'CNY'],
    ['¥', 'CNY'],
    ['CNY', 'CNY'],
    ['美元', 'USD'],
    ['usd', 'USD'],
    ['港币', 'HKD'],
    ['欧元', 'EUR'],
    ['JPY', 'JPY'],
  ])('resolves %s to %s', (text, code) => {
    expect(resolveCurrency(text)).toBe(code);
  });

  it('rejects unknown currency codes', () => {
    expect(resolveCurrency('XYZ')).toBeNull();
    expect(resolveCurrency('元宝')).toBeNull();
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['Yes', true],
    ['NO', false],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    [true, true],
  ])('reads %s as %s', (cell, value) => {
    expect(parseBooleanCell(cell)).toBe(value);
  });

  it('returns null for anything else', () => {
    expect(parseBooleanCell('maybe')).toBeNull();
    expect(parseBooleanCell('2')).toBeNull();
  });
});

describe('default header aliases', () => {
  it('map each alias to exactly one field', () => {
    const owners = new Map<string, string>();
    for (const spec of defaultLayout.specs) {
      for (const alias of [spec.label, ...spec.aliases]) {
        const key = headerKey(alias);
        expect([key, owners.get(key) ?? spec.field]).toEqual([key, spec.field]);
        owners.set(key, spec.field);
      }
    }
  });

  it('ignore case, spaces, punctuation, width and a bracketed unit', () => {
    const resolve = headerResolver(defaultLayout);
    const field = (header: string) => {
      const resolved = resolve(header);
      return resolved && resolved !== 'ignored'
        ? [resolved.spec.field, resolved.currencyHint]
        : resolved;
    };
    expect(field('Invoice No.')).toEqual(['invoiceNumber', null]);
    expect(field(' INVOICE_NUMBER ')).toEqual(['invoiceNumber', null]);
    expect(field('客户 名称')).toEqual(['debtorName', null]);
    expect(field('Ｃｕｓｔｏｍｅｒ　ＩＤ')).toEqual(['debtorCode', null]);
    expect(field('金额（元）')).toEqual(['amount', 'CNY']);
    expect(field('Amount (USD)')).toEqual(['amount', 'USD']);
    expect(field('账期(天)')).toEqual(['paymentTerms', null]);
    expect(field('金额(万元)')).toBeNull();
    expect(field('备注')).toBe('ignored');
    expect(field('No.')).toBe('ignored');
  });
});
