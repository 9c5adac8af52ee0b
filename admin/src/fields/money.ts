/**
 * Amounts are stored as integer minor units (fen for CNY, cents for USD, yen for JPY). The number
 * of decimals per currency comes from Intl, the same rule the collections plugin uses on the server.
 */

const digitsCache = new Map<string, number>();
const formatterCache = new Map<string, Intl.NumberFormat>();

/** Decimal places of a currency's minor unit (CNY 2, JPY 0). Throws RangeError for bad codes. */
export const minorDigits = (currency: string): number => {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
};

/** Reads a BIGINT as Strapi sends it (string or number); null when it is not an integer. */
export const toMinorUnits = (value: unknown): bigint | null => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return null;
};

/** `12345n, 2` → `'123.45'`: exact, so amounts beyond 2^53 minor units are not rounded. */
export const toDecimalString = (minor: bigint, digits: number): `${number}` => {
  const sign = minor < 0n ? '-' : '';
  const absolute = minor < 0n ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const fraction = (absolute % scale).toString().padStart(digits, '0');
  const major = (absolute / scale).toString();
  return (digits > 0 ? `${sign}${major}.${fraction}` : `${sign}${major}`) as `${number}`;
};

const formatterFor = (locale: string, currency: string): Intl.NumberFormat => {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatterCache.set(key, formatter);
  }
  return formatter;
};

/**
 * Formats minor units in the reader's locale: `123456, 'CNY', 'zh-CN'` → `¥1,234.56`. An unknown
 * currency code is shown as `1234.56 XYZ` rather than failing the whole list.
 */
export const formatMinorUnits = (
  value: unknown,
  currency: string,
  locale: string,
): string | null => {
  const minor = toMinorUnits(value);
  if (minor === null) return null;

  try {
    return formatterFor(locale, currency).format(toDecimalString(minor, minorDigits(currency)));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `${toDecimalString(minor, 2)} ${currency}`;
  }
};

/** Decimal places of a currency, or 2 for a code Intl does not know. */
export const safeMinorDigits = (currency: string): number => {
  try {
    return minorDigits(currency);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return 2;
  }
};

/**
 * Reads an amount typed in major units: `'1,234.5', 2` → `123450n`. Thousands separators
 * (`,`, `，`, spaces) are ignored. Null for anything else: a sign, letters, or more decimals than
 * the currency has, so `12.345` yuan is refused rather than rounded.
 */
export const parseMajorUnits = (text: string, digits: number): bigint | null => {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || cleaned === '.' || cleaned === '') return null;

  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const scale = 10n ** BigInt(digits);
  return BigInt(whole || '0') * scale + BigInt(fraction.padEnd(digits, '0') || '0');
};
