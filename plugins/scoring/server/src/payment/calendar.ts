import type { IsoDate } from '../types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Whole days since 1970-01-01 of a strict YYYY-MM-DD calendar date. The sweep compares
 * millions of dates, so they become integers once; `what` names the field in the error.
 */
export const toDay = (value: string, what = 'date'): number => {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const back = new Date(time);
    const exact =
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day;
    if (exact && year >= 1000) return time / MS_PER_DAY;
  }
  throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got '${value}'`);
};

/** The calendar date of a day number made by `toDay`. */
export const fromDay = (day: number): IsoDate =>
  new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** `toDay` with a memory: a ledger repeats the same few thousand dates many times over. */
export class DayReader {
  private readonly seen = new Map<string, number>();

  read(value: string, what: string): number {
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    const day = toDay(value, what);
    this.seen.set(value, day);
    return day;
  }
}
