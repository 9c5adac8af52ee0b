import { z } from 'zod';

/** Field schemas shared by the validators of the ledger API and of generated documents. */

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a calendar date',
  );

/** Amounts above 10^14 minor units (a trillion yuan) are refused so every sum stays exact. */
export const MAX_MINOR = 100_000_000_000_000;
export const wholeMinor = z
  .number()
  .int('must be whole minor units (e.g. fen, cents)')
  .max(MAX_MINOR, `must not exceed ${MAX_MINOR} minor units`);
export const minor = wholeMinor.nonnegative('must not be negative');
export const positiveMinor = wholeMinor.positive('must be more than zero');

const CURRENCY_SHAPE = /^[A-Z]{3}$/;
const currency = z.string().regex(CURRENCY_SHAPE, 'must be an ISO 4217 code such as CNY');
/** Codes ISO 4217 assigns, as the runtime knows them: three capitals alone let 'RMB' or 'XXX' in. */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
export const isoCurrency = currency.refine(
  // A code of the wrong shape already has its error from `currency`: one error per field.
  (code) => !CURRENCY_SHAPE.test(code) || ISO_CURRENCIES.has(code),
  'is not an ISO 4217 currency code (e.g. CNY, not RMB) / 不是 ISO 4217 币种代码（如 CNY，而非 RMB）',
);

export const key = z.string().trim().min(1, 'is required').max(255);

/** A zod issue path as people write it: `invoices[3].dueDate`. */
export const fieldPath = (path: ReadonlyArray<string | number>): string =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
