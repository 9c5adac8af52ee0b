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

/** Formats minor units for people: ¥12,345.67 / US$1,234.00 in the given locale. */
export const formatMoney = (minor: number, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(toMajor(minor, currency));

/** Database drivers return BIGINT as string or number; both become a safe integer. */
export const toMinor = (value: unknown): number => {
  const number = typeof value === 'string' ? Number(value) : (value as number);
  if (!Number.isSafeInteger(number)) throw new TypeError(`not an integer amount: ${String(value)}`);
  return number;
};
