import Nzh from 'nzh';

const minorDigitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (CNY 2, JPY 0), from Intl. */
export const minorDigits = (currency: string): number => {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const value = digits ?? 2;
  minorDigitsCache.set(currency, value);
  return value;
};

/** Minor units to major units, rounded to the currency's minor unit (for reports). */
export const toMajor = (minor: number, currency: string): number => {
  const digits = minorDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
};

/**
 * Formats minor units for people in the given locale: ¥12,345.67 / US$1,234.00, or with
 * `display: 'code'` CNY 12,345.67 (what English business letters write).
 */
export const formatMoney = (
  minor: number,
  currency: string,
  locale: string,
  display: 'symbol' | 'code' = 'symbol',
): string => moneyFormat(locale, currency, display).format(toMajor(minor, currency));

/** Intl formatters are costly to build and safe to share: one per locale, currency and display. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const moneyFormat = (locale: string, currency: string, display: 'symbol' | 'code') => {
  const key = `${locale}|${currency}|${display}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display,
    });
    moneyFormats.set(key, format);
  }
  return format;
};

/** Database drivers return BIGINT as string or number; both become a safe integer. */
export const toMinor = (value: unknown): number => {
  const number = typeof value === 'string' ? Number(value) : (value as number);
  if (!Number.isSafeInteger(number)) throw new TypeError(`not an integer amount: ${String(value)}`);
  return number;
};

/**
 * An amount in Chinese capitals for formal letters (人民币大写, GB/T 15835 style), e.g.
 * 1234567 fen → 人民币壹万贰仟叁佰肆拾伍元陆角柒分, 100000 fen → 人民币壹仟元整. Only CNY
 * amounts are written so; the amount is exact minor units, never a float.
 */
export const rmbInCapitals = (minor: number, currency = 'CNY'): string => {
  if (currency !== 'CNY') throw new RangeError(`capitals are for CNY amounts, not ${currency}`);
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw new RangeError(`not a non-negative amount in fen: ${String(minor)}`);
  }
  const yuan = Math.floor(minor / 100);
  const fen = minor % 100;
  // nzh reads "10.00" differently from "10": give it the shortest exact decimal.
  const decimal =
    fen === 0 ? String(yuan) : `${yuan}.${String(fen).padStart(2, '0').replace(/0$/, '')}`;
  return Nzh.cn.toMoney(decimal);
};
