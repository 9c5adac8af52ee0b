import type { IsoDate } from '../../domain/ledger';
import type { ColumnSpec } from '../columns';
import { MAX_TEXT_LENGTH, type Money, type RowReader } from '../row-reader';
import { daysBetweenValid as daysBetween } from '../values/dates';
import type { Preset, RowDraft, RowResult } from './types';

/**
 * The IBM Watson Analytics "Accounts Receivable" sample: one settled USD invoice per row,
 * dates as M/D/YYYY. Every column is required and no other column is allowed.
 */
const HEADERS = [
  'countryCode',
  'customerID',
  'PaperlessDate',
  'invoiceNumber',
  'InvoiceDate',
  'DueDate',
  'InvoiceAmount',
  'Disputed',
  'SettledDate',
  'PaperlessBill',
  'DaysToSettle',
  'DaysLate',
] as const;

const CURRENCY = 'USD';
/** The debtor's region is stored as "country US", so the code must leave room for the prefix. */
const REGION_PREFIX = 'country ';
const CHANNELS: Record<string, string> = { paper: 'paper', electronic: 'electronic' };

const specs: ColumnSpec[] = HEADERS.map((header) => ({
  field: header,
  label: header,
  aliases: [],
  required: true,
  units: header === 'InvoiceAmount' ? 'money' : undefined,
}));

interface IbmRow {
  country: string;
  customer: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amount: Money;
  disputed: boolean;
  settledDate: IsoDate;
  channel: string;
}

function readChannel(reader: RowReader): string | null {
  const value = reader.text('PaperlessBill', true);
  if (value === null) return null;
  const channel = CHANNELS[value.toLowerCase()];
  return (
    channel ?? reader.error('bad-value', 'PaperlessBill', { value, list: 'Paper, Electronic' })
  );
}

/** Stated day counts are derived data: a mismatch is worth a warning, not a rejection. */
function checkDayCounts(reader: RowReader, row: IbmRow): void {
  const toSettle = reader.integer('DaysToSettle', true);
  const late = reader.integer('DaysLate', true);
  const expectedToSettle = daysBetween(row.issueDate, row.settledDate);
  const expectedLate = Math.max(0, daysBetween(row.dueDate, row.settledDate));
  if (toSettle !== null && toSettle !== expectedToSettle) {
    reader.warn('days-mismatch', 'DaysToSettle', {
      value: String(toSettle),
      expected: String(expectedToSettle),
    });
  }
  if (late !== null && late !== expectedLate) {
    reader.warn('days-mismatch', 'DaysLate', {
      value: String(late),
      expected: String(expectedLate),
    });
  }
}

function checkDates(reader: RowReader, row: IbmRow): void {
  if (row.settledDate < row.issueDate) {
    reader.error('settled-before-issue', 'SettledDate', {
      value: row.settledDate,
      other: row.issueDate,
    });
  }
  if (row.dueDate < row.issueDate) {
    reader.error('due-before-issue', 'DueDate', { value: row.dueDate, other: row.issueDate });
  }
}

function readIbmRow(reader: RowReader): IbmRow | null {
  const row = {
    country: reader.text('countryCode', true, MAX_TEXT_LENGTH - REGION_PREFIX.length),
    customer: reader.code('customerID', true),
    paperlessDate: reader.date('PaperlessDate', true),
    number: reader.code('invoiceNumber', true),
    issueDate: reader.date('InvoiceDate', true),
    dueDate: reader.date('DueDate', true),
    amount: reader.amount('InvoiceAmount', {
      currency: CURRENCY,
      fallback: CURRENCY,
      sign: 'positive',
      required: true,
    }),
    disputed: reader.boolean('Disputed', null, true),
    settledDate: reader.date('SettledDate', true),
    channel: readChannel(reader),
  };
  const complete = Object.values(row).every((value) => value !== null);
  return complete ? (row as IbmRow) : null;
}

function toDraft(row: IbmRow): RowDraft {
  const { number, customer: debtorCode, amount } = row;
  return {
    debtor: {
      code: debtorCode,
      name: debtorCode,
      region: `${REGION_PREFIX}${row.country}`,
      language: 'en',
      timeZone: 'UTC',
    },
    contacts: [],
    contract: null,
    invoice: {
      number,
      debtorCode,
      contractNumber: null,
      issueDate: row.issueDate,
      dueDate: row.dueDate,
      amountMinor: amount.minor,
      currency: amount.currency,
      disputed: row.disputed,
      billingChannel: row.channel,
    },
    payment: {
      reference: `SETTLE-${number}`,
      debtorCode,
      paymentDate: row.settledDate,
      amountMinor: amount.minor,
      currency: amount.currency,
      allocations: [{ invoiceNumber: number, amountMinor: amount.minor }],
    },
  };
}

function readRow(reader: RowReader): RowResult {
  const row = readIbmRow(reader);
  if (row) {
    checkDates(reader, row);
    checkDayCounts(reader, row);
  } else {
    reader.integer('DaysToSettle', true);
    reader.integer('DaysLate', true);
  }
  const customer = reader.key('customerID');
  const keys = {
    invoiceNumber: reader.key('invoiceNumber'),
    debtorCode: customer,
    debtorName: customer,
    taxId: null,
    contractNumber: null,
  };
  return { keys, draft: row && reader.errors.length === 0 ? toDraft(row) : null };
}

export const ibmArPreset: Preset = {
  name: 'ibm-ar',
  layout: { specs },
  keyFields: {
    invoiceNumber: 'invoiceNumber',
    debtorCode: 'customerID',
    debtorName: 'customerID',
  },
  debtorDetailFields: { region: 'countryCode' },
  readRow,
};
