/**
 * Day arithmetic on YYYY-MM-DD dates: calendar days, and business days as mainland China's
 * working days (public holidays off, 调休 make-up Saturdays and Sundays on), from chinese-days.
 */
import { getHolidaysInRange, isWorkday } from 'chinese-days';

/** How a number of days is counted: every day, or working days only. */
export const DAY_TYPES = ['calendar', 'business'] as const;
export type DayType = (typeof DAY_TYPES)[number];

const DAY_MS = 86_400_000;

/**
 * The most days a step, an escalation or a wait may be set to (two years). Counting working days
 * walks day by day, so addBusinessDays refuses more rather than keep the process busy.
 */
export const MAX_DAY_OFFSET = 730;

const toDayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (dayNumber: number): string =>
  new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
const yearOf = (day: string): number => Number(day.slice(0, 4));

/** YYYY-MM-DD plus `days` calendar days (negative: earlier). */
export const addCalendarDays = (day: string, days: number): string =>
  fromDayNumber(toDayNumber(day) + days);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  toDayNumber(to) - toDayNumber(from);

/** The working days of one year, by day of the year. */
interface YearCalendar {
  firstDay: number;
  workdays: Uint8Array;
}

const calendars = new Map<number, YearCalendar>();
const holidayData = new Map<number, boolean>();

/**
 * Whether chinese-days knows the public holidays of `year`. For a year it has no data for, it
 * treats Monday to Friday as working days, and so does this module.
 */
export function hasHolidayData(year: number): boolean {
  let known = holidayData.get(year);
  if (known === undefined) {
    // TODO(holiday data): chinese-days 1.5.7 covers 2004-2026. The State Council publishes each
    // year's arrangement in November; update the package then, or later years stay Mon-Fri only.
    const start = `${String(year).padStart(4, '0')}-01-01`;
    const end = `${String(year).padStart(4, '0')}-12-31`;
    known = year >= 1970 && year <= 9999 && getHolidaysInRange(start, end, false).length > 0;
    holidayData.set(year, known);
  }
  return known;
}

/** 1970-01-01 (day 0) was a Thursday; 0 is Sunday. */
const weekday = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

function yearCalendar(year: number): YearCalendar {
  let calendar = calendars.get(year);
  if (calendar === undefined) {
    const firstDay = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
    const length = toDayNumber(`${String(year + 1).padStart(4, '0')}-01-01`) - firstDay;
    const workdays = new Uint8Array(length);
    const withHolidays = hasHolidayData(year);
    for (let i = 0; i < length; i += 1) {
      const dayNumber = firstDay + i;
      const isWeekday = weekday(dayNumber) >= 1 && weekday(dayNumber) <= 5;
      workdays[i] = (withHolidays ? isWorkday(fromDayNumber(dayNumber)) : isWeekday) ? 1 : 0;
    }
    calendar = { firstDay, workdays };
    calendars.set(year, calendar);
  }
  return calendar;
}

function isWorkingDayNumber(dayNumber: number, calendar: YearCalendar): boolean {
  return calendar.workdays[dayNumber - calendar.firstDay] === 1;
}

/** Whether `day` is a working day in mainland China (Mon-Fri for a year without data). */
export function isBusinessDay(day: string): boolean {
  return isWorkingDayNumber(toDayNumber(day), yearCalendar(yearOf(day)));
}

/**
 * The `days`-th working day after `day` (before it when negative). 0 gives `day` itself, even
 * when it is not a working day. Throws a RangeError for a count that is not a whole number or is
 * beyond MAX_DAY_OFFSET either way.
 */
export function addBusinessDays(day: string, days: number): string {
  if (!Number.isInteger(days) || Math.abs(days) > MAX_DAY_OFFSET) {
    throw new RangeError(
      `addBusinessDays: ${String(days)} is not a whole number of working days from ` +
        `-${MAX_DAY_OFFSET} to ${MAX_DAY_OFFSET}`,
    );
  }
  const step = days < 0 ? -1 : 1;
  let dayNumber = toDayNumber(day);
  let calendar = yearCalendar(yearOf(day));
  for (let left = Math.abs(days); left > 0;) {
    dayNumber += step;
    const index = dayNumber - calendar.firstDay;
    if (index < 0 || index >= calendar.workdays.length) {
      calendar = yearCalendar(yearOf(fromDayNumber(dayNumber)));
    }
    if (isWorkingDayNumber(dayNumber, calendar)) left -= 1;
  }
  return fromDayNumber(dayNumber);
}

/** `day` plus `days` days of the given type. */
export const addDays = (day: string, days: number, dayType: DayType): string =>
  dayType === 'business' ? addBusinessDays(day, days) : addCalendarDays(day, days);

/**
 * The first year from `from` to `to` (either order) whose working days are only estimated as
 * Monday to Friday because chinese-days has no holiday data for it, or null.
 */
export function firstYearWithoutHolidayData(from: string, to: string): number | null {
  const [first, last] = [yearOf(from), yearOf(to)].sort((a, b) => a - b) as [number, number];
  for (let year = first; year <= last; year += 1) {
    if (!hasHolidayData(year)) return year;
  }
  return null;
}
