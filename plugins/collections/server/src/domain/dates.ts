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
