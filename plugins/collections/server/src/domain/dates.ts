import { DateTime } from 'luxon';

import type { IsoDate } from './ledger';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a strict YYYY-MM-DD calendar date; throws RangeError naming the bad value. */
export const parseIsoDate = (value: string, what = 'date'): DateTime => {
  const parsed = ISO_DATE.test(value) ? DateTime.fromISO(value, { zone: 'UTC' }) : null;
  if (parsed === null || !parsed.isValid) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got '${value}'`);
  }
  return parsed;
};

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round(parseIsoDate(to).diff(parseIsoDate(from), 'days').days);

export const addDays = (date: IsoDate, days: number): IsoDate =>
  parseIsoDate(date).plus({ days }).toISODate() as IsoDate;

/** Today's calendar date in a time zone. */
export const todayIn = (timeZone: string, now: Date = new Date()): IsoDate => {
  const local = DateTime.fromJSDate(now).setZone(timeZone);
  if (!local.isValid) throw new RangeError(`unknown time zone '${timeZone}'`);
  return local.toISODate() as IsoDate;
};

/** The instant a calendar date starts in a time zone. */
export const startOfDayIn = (date: IsoDate, timeZone: string): Date => {
  const local = DateTime.fromISO(date, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`cannot place ${date} in time zone '${timeZone}'`);
  return local.startOf('day').toJSDate();
};

/** Normalises what a database driver returns for a DATE column to YYYY-MM-DD. */
export const toIsoDate = (value: unknown): IsoDate => {
  if (value instanceof Date)
    return DateTime.fromJSDate(value, { zone: 'UTC' }).toISODate() as IsoDate;
  if (typeof value === 'string' && value.length >= 10) return value.slice(0, 10);
  if (typeof value === 'number')
    return DateTime.fromMillis(value, { zone: 'UTC' }).toISODate() as IsoDate;
  throw new TypeError(`not a date: ${String(value)}`);
};

/** The zone where every calendar day begins first (the Line Islands, UTC+14). */
export const EARLIEST_ZONE = 'UTC+14';

/**
 * Why a live collection cycle cannot run for `asOf` (null when it can): the day has not begun
 * anywhere on Earth yet, so it is later than today even at UTC+14. A run for it would plan
 * hand-offs and then refuse every normal cycle as one "for an earlier day". Dry runs of
 * such a day are fine: they store nothing.
 */
export const futureRunProblem = (asOf: IsoDate, now: Date = new Date()): string | null => {
  const latest = todayIn(EARLIEST_ZONE, now);
  if (asOf <= latest) return null;
  return (
    `截至日期 ${asOf} 尚未到来（全球最早的今天是 ${latest}），不能为未来日期运行催收批次；` +
    `可先试运行 / as-of ${asOf} is in the future (today is at most ${latest} anywhere): a ` +
    'live cycle runs only for a day that has begun; use a dry run to preview a later day'
  );
};
