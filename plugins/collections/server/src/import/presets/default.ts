import { addDays } from '../../domain/dates';
import type { ContactRecord, DebtorRecord, IsoDate } from '../../domain/ledger';
import { MAX_ADDRESS_LENGTH, type RowReader } from '../row-reader';
import { fold } from '../values/text';
import { defaultLayout } from './default-layout';
import { readSettlement, type InvoiceFacts } from './default-settlement';
import type { Preset, PresetContext, RowDraft, RowKeys, RowResult } from './types';

const TERMS = /^(?:net\s*)?(\d{1,4})\s*(?:天|日|days?)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Debtor columns of the row; the code falls back to the name and the name to the code. Keys
 * are folded to half-width, so ＱＡ０３４ and QA034 are one debtor.
 */
function readDebtor(reader: RowReader, context: PresetContext) {
  const code = reader.code('debtorCode');
  const name = reader.text('debtorName');
  const details = {
    taxId: reader.code('taxId')?.toUpperCase() ?? null,
    industry: reader.text('industry'),
    region: reader.text('region'),
    address: reader.text('address', false, MAX_ADDRESS_LENGTH),
  };
  const key = code ?? (name === null ? null : fold(name));
  if (key === null) {
    reader.error('missing-value', reader.has('debtorName') ? 'debtorName' : 'debtorCode');
    return { debtor: null, statedName: null };
  }
  const debtor: DebtorRecord = {
    code: key,
    name: name ?? key,
    ...details,
    timeZone: context.defaultTimeZone,
    language: 'zh-CN',
  };
  return { debtor, statedName: name };
}

function readEmail(reader: RowReader): string | null {
  const email = reader.text('email');
  if (email === null || EMAIL.test(email)) return email;
  reader.warn('bad-email', 'email', { value: email });
  return null;
}

function readContacts(reader: RowReader, debtor: DebtorRecord | null): ContactRecord[] {
  const name = reader.text('contactName');
  const phone = reader.code('phone');
  const email = readEmail(reader);
  if (!debtor || (!name && !phone && !email)) return [];
  const contactName = name ?? debtor.name;
  const contact = { debtorCode: debtor.code, name: contactName, role: null, phone, email };
  return [{ ...contact, preferredChannel: null }];
}

function readTerms(reader: RowReader): number | null {
  const shown = reader.shown('paymentTerms');
  if (shown === null) return null;
  const value = fold(shown);
  if (value === '') return null;
  const days = TERMS.exec(value)?.[1];
  if (days === undefined) return reader.error('bad-terms', 'paymentTerms', { value });
  reader.values.set('paymentTerms', days);
  return Number(days);
}

/** Due date from its column, else issue date plus payment terms; the column wins on conflict. */
function readDueDate(reader: RowReader, issueDate: IsoDate | null): IsoDate | null {
  const stated = reader.date('dueDate');
  const terms = readTerms(reader);
  const errorsBefore = reader.errors.length;
  if (stated === null && terms === null) {
    if (reader.raw('dueDate') === '' && reader.raw('paymentTerms') === '') {
      reader.error('missing-value', reader.has('dueDate') ? 'dueDate' : 'paymentTerms');
    }
    return null;
  }
  if (!issueDate) return null;

  const derived = terms === null ? null : addDays(issueDate, terms);
  if (stated && derived && stated !== derived) {
    reader.warn('due-date-mismatch', 'dueDate', {
      value: stated,
      other: String(terms),
      expected: derived,
    });
  }
  const due = (stated ?? derived) as IsoDate;
  if (due < issueDate) {
    reader.error('due-before-issue', 'dueDate', { value: due, other: issueDate });
  }
  return reader.errors.length > errorsBefore ? null : due;
}

function readInvoice(reader: RowReader, context: PresetContext, debtorCode: string | null) {
  const number = reader.code('invoiceNumber', true);
  const contractNumber = reader.code('contractNumber');
  const issueDate = reader.date('issueDate', true);
  const dueDate = readDueDate(reader, issueDate);
  const currency = reader.currency('currency');
  const fallback = context.defaultCurrency;
  const amount = reader.amount('amount', { currency, fallback, sign: 'positive', required: true });
  const disputed = reader.boolean('disputed', false);

  const facts: InvoiceFacts | null =
    number && debtorCode && issueDate && amount ? { number, debtorCode, issueDate, amount } : null;
  const payment = readSettlement(reader, facts, fallback);
  return { facts, contractNumber, dueDate, disputed, payment };
}

function toDraft(
  debtor: DebtorRecord,
  contacts: RowDraft['contacts'],
  invoice: ReturnType<typeof readInvoice>,
): RowDraft | null {
  const { facts, contractNumber, dueDate, disputed, payment } = invoice;
  if (!facts || !dueDate || disputed === null) return null;
  const contract = contractNumber
    ? { number: contractNumber, debtorCode: debtor.code, signedDate: null, currency: null }
    : null;
  return {
    debtor,
    contacts,
    contract,
    invoice: {
      number: facts.number,
      debtorCode: debtor.code,
      contractNumber,
      issueDate: facts.issueDate,
      dueDate,
      amountMinor: facts.amount.minor,
      currency: facts.amount.currency,
      disputed,
      billingChannel: null,
    },
    payment,
  };
}

function readRow(reader: RowReader, context: PresetContext): RowResult {
  const { debtor, statedName } = readDebtor(reader, context);
  const contacts = readContacts(reader, debtor);
  const invoice = readInvoice(reader, context, debtor?.code ?? null);

  const keys: RowKeys = {
    invoiceNumber: reader.key('invoiceNumber'),
    debtorCode: debtor?.code ?? null,
    debtorName: statedName,
    taxId: debtor?.taxId ?? null,
    contractNumber: invoice.contractNumber,
  };
  const draft = debtor && reader.errors.length === 0 ? toDraft(debtor, contacts, invoice) : null;
  return { keys, draft };
}

export const defaultPreset: Preset = {
  name: 'default',
  layout: defaultLayout,
  keyFields: {
    invoiceNumber: 'invoiceNumber',
    debtorCode: 'debtorCode',
    debtorName: 'debtorName',
    taxId: 'taxId',
    contractNumber: 'contractNumber',
  },
  debtorDetailFields: { industry: 'industry', region: 'region', address: 'address' },
  readRow,
};
