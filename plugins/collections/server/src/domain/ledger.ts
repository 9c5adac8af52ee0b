import { createHash } from 'node:crypto';

/**
 * The normalised receivables ledger that every import source (CSV/XLSX presets,
 * the REST API, the demo generator) produces before anything is written.
 *
 * Money is always integer minor units (cents, fen) with an ISO 4217 currency;
 * dates are ISO calendar dates (YYYY-MM-DD) as the source system stated them.
 */

export type IsoDate = string;

/** How an action reaches the debtor, or who takes the case over (agency, write-off). */
export const CHANNELS = [
  'email',
  'sms',
  'letter',
  'phone',
  'visit',
  'legal',
  'agency',
  'write_off',
] as const;
export type Channel = (typeof CHANNELS)[number];

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

/**
 * One financial statement of a debtor for one period. Every line is optional: a
 * statement from a small debtor often lacks some lines, and each ratio that needs a
 * missing line says so instead of guessing.
 */
export interface FinancialStatementRecord {
  debtorCode: string;
  /** Last day of the period the statement covers; with debtorCode the natural key. */
  periodEnd: IsoDate;
  periodStart?: IsoDate | null;
  currency: string;
  // Balance sheet
  totalAssetsMinor?: number | null;
  currentAssetsMinor?: number | null;
  inventoryMinor?: number | null;
  cashMinor?: number | null;
  shortTermSecuritiesMinor?: number | null;
  receivablesMinor?: number | null;
  totalLiabilitiesMinor?: number | null;
  shortTermLiabilitiesMinor?: number | null;
  equityMinor?: number | null;
  shareCapitalMinor?: number | null;
  retainedEarningsMinor?: number | null;
  // Income statement
  salesMinor?: number | null;
  costOfSalesMinor?: number | null;
  grossProfitMinor?: number | null;
  operatingProfitMinor?: number | null;
  /** Net interest and other finance costs; negative when finance income exceeds them. */
  financialExpensesMinor?: number | null;
  /** Selling and administrative costs (期间费用), without cost of sales or finance costs. */
  operatingExpensesMinor?: number | null;
  ebitMinor?: number | null;
  netProfitMinor?: number | null;
  depreciationMinor?: number | null;
  // Cash flow statement
  operatingCashFlowMinor?: number | null;
}

/** The statement lines, in a fixed order (import columns, API fields, docs). */
export const STATEMENT_LINES = [
  'totalAssetsMinor',
  'currentAssetsMinor',
  'inventoryMinor',
  'cashMinor',
  'shortTermSecuritiesMinor',
  'receivablesMinor',
  'totalLiabilitiesMinor',
  'shortTermLiabilitiesMinor',
  'equityMinor',
  'shareCapitalMinor',
  'retainedEarningsMinor',
  'salesMinor',
  'costOfSalesMinor',
  'grossProfitMinor',
  'operatingProfitMinor',
  'financialExpensesMinor',
  'operatingExpensesMinor',
  'ebitMinor',
  'netProfitMinor',
  'depreciationMinor',
  'operatingCashFlowMinor',
] as const satisfies ReadonlyArray<keyof FinancialStatementRecord>;

export type StatementLine = (typeof STATEMENT_LINES)[number];

/** The content-type attribute that stores a statement line (amounts there are minor units). */
export const statementAttribute = (line: StatementLine): string => line.replace(/Minor$/, '');

/** Lines that may be negative: equity after losses, retained losses, profits, cash flow. */
export const SIGNED_LINES: ReadonlySet<StatementLine> = new Set<StatementLine>([
  'financialExpensesMinor',
  'equityMinor',
  'retainedEarningsMinor',
  'grossProfitMinor',
  'operatingProfitMinor',
  'ebitMinor',
  'netProfitMinor',
  'operatingCashFlowMinor',
]);

/**
 * A contact with a debtor recorded outside Huikuan (a CRM or call-centre export) or by
 * a collector: reminders and their replies, promises to pay, disputes, transcripts.
 */
export interface ActivityRecord {
  /** Natural key: the source system's reference of the contact. */
  key: string;
  debtorCode: string;
  /** ISO date or date-time of the contact. */
  occurredOn: IsoDate;
  channel: 'email' | 'sms' | 'letter' | 'phone' | 'visit' | 'legal';
  direction: 'outbound' | 'inbound';
  outcome:
    | 'sent'
    | 'failed'
    | 'task_created'
    | 'reached'
    | 'no_answer'
    | 'wrong_number'
    | 'promised'
    | 'refused'
    | 'disputed'
    | 'paid';
  /** For outcome 'promised': the date and amount the debtor promised. */
  promiseDate?: IsoDate | null;
  promiseAmountMinor?: number | null;
  promiseCurrency?: string | null;
  /** The collector's note or a call transcript, in Chinese or English. */
  summary?: string | null;
}

export interface LedgerBatch {
  debtors: DebtorRecord[];
  contacts: ContactRecord[];
  contracts: ContractRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  creditNotes: CreditNoteRecord[];
  shipments: ShipmentRecord[];
  statements: FinancialStatementRecord[];
  activities: ActivityRecord[];
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
  statements: [],
  activities: [],
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
