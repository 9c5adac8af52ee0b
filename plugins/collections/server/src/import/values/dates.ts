import { DateTime } from 'luxon';

import type { IsoDate } from '../../domain/ledger';
import type { Cell } from '../types';
import { cellText, fold } from './text';

/** Years outside this range are taken as typos rather than real receivables. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/**
 * An optional time of day after the date ("2024-03-05 00:00:00"): it must be a real time
 * (groups 5 to 7), but is otherwise ignored.
 */
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`;

const PATTERNS: Array<{ regex: RegExp; order: 'ymd' | 'mdy' }> = [
  { regex: new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`), order: 'ymd' },
  { regex: /^(\d{4})\s*(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, order: 'ymd' },
  { regex: new RegExp(String.raw`^(\d{1,2})(/)(\d{1,2})/(\d{4})${TIME}$`), order: 'mdy' },
  { regex: /^(\d{4})()(\d{2})(\d{2})$/, order: 'ymd' },
];

/** Exports repeat the same few hundred dates, so validated days are remembered. */
const validated = new Map<number, IsoDate | null>();
const MAX_REMEMBERED = 50_000;

/** ISO date for a calendar day, or null when the day does not exist (2024-02-30). */
export function isoFromParts(year: number, month: number, day: number): IsoDate | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month > 99 || day > 99) return null;
  const key = year * 10_000 + month * 100 + day;
  let iso = validated.get(key);
  if (iso === undefined) {
    const date = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
    iso = date.isValid ? date.toISODate() : null;
    if (validated.size >= MAX_REMEMBERED) validated.clear();
    validated.set(key, iso);
  }
  return iso;
}

/** False for a stated time that does not exist (25:99:00); true when none is stated. */
function validTime(m: RegExpExecArray): boolean {
  const part = (index: number): number => Number(m[index] ?? 0);
  return part(5) <= 23 && part(6) <= 59 && part(7) <= 59;
}

/** Parses 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 3/5/2024 (US) and 20240305. */
export function parseDateText(text: string): IsoDate | null {
  const folded = fold(text).trim();
  for (const { regex, order } of PATTERNS) {
    const m = regex.exec(folded);
    if (!m) continue;
    if (!validTime(m)) return null;
    const [a, b, c] = [Number(m[1]), Number(m[3]), Number(m[4])];
    return order === 'ymd' ? isoFromParts(a, b, c) : isoFromParts(c, a, b);
  }
  return null;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * Converts an Excel serial day number. Excel's 1900 system counts a fictitious 1900-02-29
 * (serial 60), so serials below it are one day later than plain arithmetic from 1899-12-30.
 */
export function isoFromExcelSerial(serial: number, date1904: boolean): IsoDate | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 0 || (!date1904 && (day === 0 || day === 60))) return null;
  const shift = !date1904 && day < 60 ? 1 : 0;
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  return isoFromJsDate(new Date(epoch + (day + shift) * DAY_MS));
}

/** Date cells from XLSX carry the displayed wall-clock date in their UTC fields. */
export function isoFromJsDate(date: Date): IsoDate | null {
  if (Number.isNaN(date.getTime())) return null;
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * Reads a date cell: text in any accepted format, an XLSX Date, or (XLSX only) a number that
 * is either YYYYMMDD or an Excel serial.
 */
export function parseDateCell(cell: Cell, date1904: boolean): IsoDate | null {
  if (cell instanceof Date) return isoFromJsDate(cell);
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19_000_101) return parseDateText(String(cell));
    return isoFromExcelSerial(cell, date1904);
  }
  return parseDateText(cellText(cell));
}

/**
 * Whole days between two ISO dates this module produced. Plain UTC arithmetic: the inputs are
 * already validated, and the domain's luxon version costs most of the row time on large files.
 */
export const daysBetweenValid = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
