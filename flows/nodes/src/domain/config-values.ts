/**
 * Reading node properties as they arrive from the flow file: the editor may store numbers as
 * digit strings and leaves properties of older node versions out.
 */
import { DAY_TYPES, MAX_DAY_OFFSET, type DayType } from './business-days';

/** A node configuration checked and normalised, or the first problem with it. */
export type ConfigResult<C, P extends string> =
  { config: C; problem?: never } | { config?: never; problem: P };

/** Step keys and template codes: letters, digits and single '-', '_' or '.' between them. */
export const KEY_PATTERN = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const MAX_KEY_LENGTH = 64;

export const isKey = (value: string): boolean =>
  value.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(value);

/** The days a step or an escalation may be due after its anchor (hk-plan-step, hk-escalate). */
export const OFFSET_DAYS_LIMIT = { min: 0, max: MAX_DAY_OFFSET } as const;
/** The shortest and the longest interval of an adaptive step (hk-plan-step minDays, maxDays). */
export const CAP_DAYS_LIMIT = { min: 1, max: 365 } as const;

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A whole number from `min` to `max`, given as a number or a digit string, else null. */
export function parseWholeNumber(
  value: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | null {
  let number: number | null = null;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) number = Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) number = value;
  return number !== null && number >= min && number <= max ? number : null;
}

/** The day type; absent (older nodes) means calendar days. */
export function parseDayType(value: unknown): DayType | null {
  if (value === undefined || value === '') return 'calendar';
  return DAY_TYPES.find((dayType) => dayType === value) ?? null;
}

/** An optional step key: '' or absent is null; undefined when it is not a valid key. */
export function parseOptionalKey(value: unknown): string | null | undefined {
  const key = trimmed(value);
  if (key === '') return null;
  return isKey(key) ? key : undefined;
}

/** A checkbox property: true or the text 'true'. */
export const isChecked = (value: unknown): boolean => value === true || value === 'true';
