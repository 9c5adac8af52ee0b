import { daysBetween } from './dates';
import type { IsoDate } from './ledger';

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '91+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past due: the as-of date minus the due date (0 or less is not yet overdue). */
export const daysPastDue = (dueDate: IsoDate, asOf: IsoDate): number => daysBetween(dueDate, asOf);

export const agingBucket = (pastDue: number): AgingBucket => {
  if (pastDue <= 0) return 'current';
  if (pastDue <= 30) return '1-30';
  if (pastDue <= 60) return '31-60';
  if (pastDue <= 90) return '61-90';
  return '91+';
};
