/**
 * Shapes shared by the scoring plugin's parts. Money is integer minor units with its
 * currency, dates are ISO calendar dates (YYYY-MM-DD), as in the collections ledger.
 */
import type {
  ActivityRecord,
  FinancialStatementRecord,
  IsoDate,
} from '@huikuan/plugin-collections/domain/ledger';
import { STATEMENT_LINES, type StatementLine } from '@huikuan/plugin-collections/domain/ledger';

export type { FinancialStatementRecord, IsoDate, StatementLine };
export { STATEMENT_LINES };

/**
 * A recorded contact with a debtor, as the scoring reads it: outbound reminders and
 * their replies, promises to pay, disputes raised and resolved, requests for more time.
 */
export type ContactEvent = Omit<ActivityRecord, 'key'>;

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
