import { z } from 'zod';

import {
  SIGNED_LINES,
  STATEMENT_LINES,
  type LedgerBatch,
  type StatementLine,
} from '../domain/ledger';
import {
  fieldPath,
  isoCurrency,
  isoDate,
  key,
  MAX_MINOR,
  minor,
  positiveMinor,
  wholeMinor,
} from './fields';

/** Stored as varchar(255). */
const optionalText = z.string().max(255, 'must be at most 255 characters').nullish();
const longText = z.string().max(2000, 'must be at most 2000 characters').nullish();
const timeZone = z
  .string()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai')
  .nullish();

const debtor = z
  .object({
    code: key,
    name: key,
    taxId: optionalText,
    industry: optionalText,
    region: optionalText,
    address: longText,
    timeZone,
    language: z.enum(['zh-CN', 'en']).nullish(),
    creditLimitMinor: minor.nullish(),
    creditLimitCurrency: isoCurrency.nullish(),
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
    currency: isoCurrency.nullish(),
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
    currency: isoCurrency,
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
    currency: isoCurrency,
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
    currency: isoCurrency,
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

const signedMinor = wholeMinor.min(-MAX_MINOR, `must not be below -${MAX_MINOR} minor units`);

const statement = z
  .object({
    debtorCode: key,
    periodEnd: isoDate,
    periodStart: isoDate.nullish(),
    currency: isoCurrency,
    ...Object.fromEntries(
      STATEMENT_LINES.map((line) => [
        line,
        (SIGNED_LINES.has(line) ? signedMinor : minor).nullish(),
      ]),
    ),
  })
  .strict()
  .superRefine((value, ctx) => {
    const lines = value as Record<string, unknown>;
    const part = (inner: StatementLine, whole: StatementLine) => {
      const a = lines[inner];
      const b = lines[whole];
      if (typeof a === 'number' && typeof b === 'number' && a > b) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [inner],
          message: `is more than ${whole} (${b}) / 不能大于${whole}`,
        });
      }
    };
    part('currentAssetsMinor', 'totalAssetsMinor');
    part('shortTermLiabilitiesMinor', 'totalLiabilitiesMinor');
    part('inventoryMinor', 'currentAssetsMinor');
    if (lines.totalAssetsMinor == null && lines.salesMinor == null) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['totalAssetsMinor'],
        message:
          'a statement needs totalAssetsMinor or salesMinor / 报表至少需要资产总计或营业收入',
      });
    }
    if (value.periodStart && value.periodStart > value.periodEnd) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['periodStart'],
        message: 'is after periodEnd / 期初晚于期末',
      });
    }
  });

/** A promise to pay further out than a year after the contact is a typing error, not a plan. */
const MAX_PROMISE_DAYS = 366;
const DAY_MS = 86_400_000;
/** Whole days from one calendar date to another, both read in UTC. */
const daysFrom = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** The UTC calendar date `days` after `now`, as YYYY-MM-DD. */
const utcDayPlus = (now: Date, days: number): string =>
  new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

const activity = z
  .object({
    key,
    debtorCode: key,
    occurredOn: isoDate,
    channel: z.enum(['email', 'sms', 'letter', 'phone', 'visit', 'legal', 'agency', 'write_off']),
    direction: z.enum(['outbound', 'inbound']),
    outcome: z.enum([
      'sent',
      'failed',
      'task_created',
      'reached',
      'no_answer',
      'wrong_number',
      'promised',
      'refused',
      'disputed',
      'paid',
    ]),
    promiseDate: isoDate.nullish(),
    promiseAmountMinor: positiveMinor.nullish(),
    promiseCurrency: isoCurrency.nullish(),
    summary: longText,
  })
  .strict()
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    // Today in UTC plus a day: a contact dated tomorrow may be today somewhere east of UTC.
    const latest = utcDayPlus(new Date(), 1);
    if (value.occurredOn > latest) {
      issue(
        'occurredOn',
        `is in the future (after ${latest}) / 联系日期不能晚于 ${latest}（不能是将来的日期）`,
      );
    }
    if (value.outcome === 'promised' && !value.promiseDate) {
      issue('promiseDate', 'a promise needs its promiseDate / 承诺付款须填写承诺日期');
    }
    if (value.promiseDate) {
      const days = daysFrom(value.occurredOn, value.promiseDate);
      if (days < 0) {
        issue(
          'promiseDate',
          `is before occurredOn (${value.occurredOn}) / 承诺日期早于联系日期 ${value.occurredOn}`,
        );
      } else if (days > MAX_PROMISE_DAYS) {
        issue(
          'promiseDate',
          `is more than ${MAX_PROMISE_DAYS} days after occurredOn (${value.occurredOn}) / ` +
            `承诺日期晚于联系日期 ${value.occurredOn} 超过 ${MAX_PROMISE_DAYS} 天`,
        );
      }
    }
  });

const batch = z
  .object({
    debtors: z.array(debtor).default([]),
    contacts: z.array(contact).default([]),
    contracts: z.array(contract).default([]),
    invoices: z.array(invoice).default([]),
    payments: z.array(payment).default([]),
    creditNotes: z.array(creditNote).default([]),
    shipments: z.array(shipment).default([]),
    statements: z.array(statement).default([]),
    activities: z.array(activity).default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    uniqueBy(value.debtors, 'debtors', 'code', ctx);
    uniqueBy(value.contracts, 'contracts', 'number', ctx);
    uniqueBy(value.invoices, 'invoices', 'number', ctx);
    uniqueBy(value.payments, 'payments', 'reference', ctx);
    uniqueBy(value.creditNotes, 'creditNotes', 'number', ctx);
    uniqueBy(value.shipments, 'shipments', 'number', ctx);
    uniqueBy(value.activities, 'activities', 'key', ctx);
    uniqueBy(
      value.statements.map((record) => ({ periodEnd: `${record.debtorCode} ${record.periodEnd}` })),
      'statements',
      'periodEnd',
      ctx,
    );
    value.payments.forEach((payment, index) =>
      uniqueBy(payment.allocations, `payments.${index}.allocations`, 'invoiceNumber', ctx),
    );
  });

/** A natural key given twice in one batch is ambiguous: name the second place. */
function uniqueBy<T extends Record<string, unknown>>(
  records: T[],
  path: string,
  field: keyof T & string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<unknown, number>();
  records.forEach((record, index) => {
    const first = seen.get(record[field]);
    if (first === undefined) {
      seen.set(record[field], index);
      return;
    }
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [
        ...path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        index,
        field,
      ],
      message: `repeats ${path.split('.')[0]}[${first}].${field} '${String(record[field])}'`,
    });
  });
}

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
      path: fieldPath(issue.path),
      message: issue.message,
    })),
  };
};
