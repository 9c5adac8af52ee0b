import { createHash } from 'node:crypto';

/**
 * The normalised receivables ledger that every import source (CSV/XLSX presets,
 * the REST API, the demo generator) produces before anything is written.
 *
 * Money is always integer minor units (cents, fen) with an ISO 4217 currency;
 * dates are ISO calendar dates (YYYY-MM-DD) as the source system stated them.
 */

export type IsoDate = string;

export type Channel = 'email' | 'sms' | 'letter' | 'phone' | 'visit' | 'legal';

export interface DebtorRecord {
  /** Natural key: the customer code in the source system. */
  code: string;
  name: string;
  /** Unified social credit code (统一社会信用代码) or another tax id. */
  taxId?: string | null;
  industry?: string | null;
  region?: string | null;
  address?: string | null;
  /** IANA time zone, e.g. Asia/Shanghai. */
  timeZone?: string | null;
  /** Language of debtor-facing copy: zh-CN or en. */
  language?: string | null;
  creditLimitMinor?: number | null;
  creditLimitCurrency?: string | null;
  assignedCollector?: string | null;
}

export interface ContactRecord {
  debtorCode: string;
  name: string;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredChannel?: 'email' | 'sms' | 'phone' | 'letter' | null;
  consent?: boolean;
  doNotContact?: boolean;
}

export interface ContractRecord {
  /** Natural key. */
  number: string;
  debtorCode: string;
  signedDate?: IsoDate | null;
  creditAmountMinor?: number | null;
  currency?: string | null;
  paymentTermDays?: number | null;
  repaymentMethod?: string | null;
}

export interface InvoiceRecord {
  /** Natural key. */
  number: string;
  debtorCode: string;
  contractNumber?: string | null;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  currency: string;
  disputed: boolean;
  /** Channel the invoice was billed through in the source (e.g. paper, electronic). */
  billingChannel?: string | null;
}

export interface PaymentRecord {
  /** Natural key: bank or ERP reference. */
  reference: string;
  debtorCode: string;
  paymentDate: IsoDate;
  amountMinor: number;
  currency: string;
  allocations: Array<{ invoiceNumber: string; amountMinor: number }>;
}

export interface CreditNoteRecord {
  /** Natural key. */
  number: string;
  debtorCode: string;
  invoiceNumber?: string | null;
  issueDate: IsoDate;
  amountMinor: number;
  currency: string;
  reason?: string | null;
}

export interface ShipmentRecord {
  /** Natural key: delivery note number. */
  number: string;
  debtorCode: string;
  orderNumber?: string | null;
  invoiceNumber?: string | null;
  shippedDate: IsoDate;
  deliveredDate?: IsoDate | null;
  proofOfDelivery?: string | null;
}

export interface LedgerBatch {
  debtors: DebtorRecord[];
  contacts: ContactRecord[];
  contracts: ContractRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  creditNotes: CreditNoteRecord[];
  shipments: ShipmentRecord[];
}

/** One rejected input row: the row number as the user sees it (header = row 1). */
export interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
  value?: string | null;
}

export const emptyBatch = (): LedgerBatch => ({
  debtors: [],
  contacts: [],
  contracts: [],
  invoices: [],
  payments: [],
  creditNotes: [],
  shipments: [],
});

/**
 * A natural key built from several parts, kept within the 255 characters the
 * key columns hold: a longer one is replaced by a stable digest of itself.
 */
export const compositeKey = (...parts: string[]): string => {
  const key = parts.join('|');
  if (key.length <= 255) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
};
