import { z } from 'zod';

import type { LedgerBatch } from '../domain/ledger';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a calendar date',
  );
const minor = z
  .number()
  .int('must be whole minor units (e.g. fen, cents)')
  .nonnegative('must not be negative');
const positiveMinor = z
  .number()
  .int('must be whole minor units (e.g. fen, cents)')
  .positive('must be more than zero');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
const key = z.string().trim().min(1, 'is required').max(255);
const optionalText = z.string().max(2000).nullish();

const debtor = z
  .object({
    code: key,
    name: key,
    taxId: optionalText,
    industry: optionalText,
    region: optionalText,
    address: optionalText,
    timeZone: optionalText,
    language: z.enum(['zh-CN', 'en']).nullish(),
    creditLimitMinor: minor.nullish(),
    creditLimitCurrency: currency.nullish(),
    assignedCollector: optionalText,
  })
  .strict();

const contact = z
  .object({
    debtorCode: key,
    name: key,
    role: optionalText,
    phone: optionalText,
    email: z.string().email().nullish(),
    preferredChannel: z.enum(['email', 'sms', 'phone', 'letter']).nullish(),
    consent: z.boolean().optional(),
    doNotContact: z.boolean().optional(),
  })
  .strict();

const contract = z
  .object({
    number: key,
    debtorCode: key,
    signedDate: isoDate.nullish(),
    creditAmountMinor: minor.nullish(),
    currency: currency.nullish(),
    paymentTermDays: z.number().int().min(0).max(3650).nullish(),
    repaymentMethod: optionalText,
  })
  .strict();

const invoice = z
  .object({
    number: key,
    debtorCode: key,
    contractNumber: optionalText,
    issueDate: isoDate,
    dueDate: isoDate,
    amountMinor: positiveMinor,
    currency,
    disputed: z.boolean(),
    billingChannel: optionalText,
  })
  .strict()
  .refine((value) => value.dueDate >= value.issueDate, {
    message: 'dueDate is before issueDate',
    path: ['dueDate'],
  });

const payment = z
  .object({
    reference: key,
    debtorCode: key,
    paymentDate: isoDate,
    amountMinor: positiveMinor,
    currency,
    allocations: z.array(z.object({ invoiceNumber: key, amountMinor: positiveMinor }).strict()),
  })
  .strict()
  .refine(
    (value) =>
      value.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0) <=
      value.amountMinor,
    { message: 'allocations add up to more than the payment', path: ['allocations'] },
  );

const creditNote = z
  .object({
    number: key,
    debtorCode: key,
    invoiceNumber: optionalText,
    issueDate: isoDate,
    amountMinor: positiveMinor,
    currency,
    reason: optionalText,
  })
  .strict();

const shipment = z
  .object({
    number: key,
    debtorCode: key,
    orderNumber: optionalText,
    invoiceNumber: optionalText,
    shippedDate: isoDate,
    deliveredDate: isoDate.nullish(),
    proofOfDelivery: optionalText,
  })
  .strict();

const batch = z
  .object({
    debtors: z.array(debtor).default([]),
    contacts: z.array(contact).default([]),
    contracts: z.array(contract).default([]),
    invoices: z.array(invoice).default([]),
    payments: z.array(payment).default([]),
    creditNotes: z.array(creditNote).default([]),
    shipments: z.array(shipment).default([]),
  })
  .strict();

export interface FieldError {
  path: string;
  message: string;
}

/** Validates a ledger batch sent to the REST API; errors name the record and field, e.g. `invoices[3].dueDate`. */
export const validateLedgerBatch = (
  input: unknown,
): { batch: LedgerBatch } | { errors: FieldError[] } => {
  const result = batch.safeParse(input);
  if (result.success) return { batch: result.data as LedgerBatch };
  return {
    errors: result.error.issues.map((issue) => ({
      path: issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
        .join('')
        .replace(/^\./, ''),
      message: issue.message,
    })),
  };
};
