import { z } from 'zod';

import { fieldPath, isoCurrency, isoDate, key } from '../../validation/fields';
import { LANGUAGES } from './labels';

/** Input checks shared by letters and statements: every error names the field it is about. */

/** A document cannot be drawn from this input; `field` is the path, e.g. `invoices[2].currency`. */
export class DocumentInputError extends Error {
  override name = 'DocumentInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const text = z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters');

export const languageField = z.enum(LANGUAGES, {
  errorMap: () => ({ message: `must be one of ${LANGUAGES.join(', ')}` }),
});
export const dayField = isoDate;
/** Our letter or statement number: short enough for the footer of every page. */
export const referenceField = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters');
export const currencyField = isoCurrency;

export const creditorSchema = z
  .object({
    name: key,
    address: text,
    phone: key,
    bankName: key,
    bankAccount: key,
    accountName: key,
  })
  .strict();

export const debtorSchema = z
  .object({
    code: key,
    name: key,
    address: text,
    contactName: key.nullable(),
  })
  .strict();

export type Creditor = z.infer<typeof creditorSchema>;
export type Debtor = z.infer<typeof debtorSchema>;

/** The fields every printed document opens with: its language, the two parties, our number. */
export const documentFields = {
  language: languageField,
  creditor: creditorSchema,
  debtor: debtorSchema,
  reference: referenceField,
};

/** The invoice fields letters and statements both print. */
export const invoiceFields = {
  number: key,
  issueDate: isoDate,
  dueDate: isoDate,
  currency: isoCurrency,
  daysPastDue: z.number().int('must be a whole number of days'),
};

/** Adds an issue when an invoice falls due before it was issued. */
export const checkInvoiceDates = (
  invoices: ReadonlyArray<{ issueDate: string; dueDate: string }>,
  ctx: z.RefinementCtx,
): void => {
  invoices.forEach((invoice, index) => {
    if (invoice.dueDate < invoice.issueDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['invoices', index, 'dueDate'],
        message: 'is before issueDate',
      });
    }
  });
};

/** Parses the input or throws a DocumentInputError naming every bad field. */
export const parseDocumentInput = <T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  what: string,
): T => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: fieldPath(issue.path) || what,
    message: issue.message,
  }));
  const message = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
  throw new DocumentInputError(`${what}: ${message}`, problems[0]?.field ?? what);
};
