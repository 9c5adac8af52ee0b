/**
 * Shapes shared by the scoring plugin's parts. Money is integer minor units with its
 * currency, dates are ISO calendar dates (YYYY-MM-DD), as in the collections ledger.
 */
import type { IsoDate } from '@huikuan/plugin-collections/domain/ledger';

export type { IsoDate };

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
  financialExpensesMinor?: number | null;
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

/**
 * A recorded contact with a debtor, as the scoring reads it: outbound reminders and
 * their replies, promises to pay, disputes raised and resolved, requests for more time.
 */
export interface ContactEvent {
  debtorCode: string;
  occurredOn: IsoDate;
  channel: 'email' | 'sms' | 'letter' | 'phone' | 'visit' | 'legal';
  direction: 'outbound' | 'inbound';
  outcome:
    | 'sent'
    | 'failed'
    | 'task_created'
    | 'reached'
    | 'no_answer'
    | 'promised'
    | 'refused'
    | 'disputed'
    | 'paid';
  /** For outcome 'promised': the date and amount the debtor promised. */
  promiseDate?: IsoDate | null;
  promiseAmountMinor?: number | null;
  /** Free text: the collector's note or a call transcript, in Chinese or English. */
  summary?: string | null;
}

/** A statement of why a figure could not be computed; never NaN, never a silent default. */
export interface Unavailable {
  available: false;
  /** Stable code, e.g. 'missing_line', 'zero_denominator', 'negative_equity'. */
  code: string;
  /** Bilingual explanation naming the line or ratio. */
  message: { 'zh-CN': string; en: string };
}

/** A readable reason behind a score or prediction, in both languages. */
export interface Reason {
  code: string;
  /** Signed contribution; positive raises the score or the probability it explains. */
  weight: number;
  text: { 'zh-CN': string; en: string };
}
