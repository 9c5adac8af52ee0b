import type { StrategyCase } from '../types';

type CaseField = keyof StrategyCase;

interface FieldRule {
  check: (value: unknown) => boolean;
  /** Completes "<field> must ..." in a problem report. */
  rule: string;
}

const PREFERRED_CHANNELS: ReadonlySet<unknown> = new Set(['email', 'sms', 'phone', 'letter', null]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyText: FieldRule = {
  check: (value) => typeof value === 'string' && value.trim() !== '',
  rule: 'be a non-empty string',
};
const text: FieldRule = { check: (value) => typeof value === 'string', rule: 'be a string' };
const minorUnits: FieldRule = { check: Number.isSafeInteger, rule: 'be an integer (minor units)' };
const count: FieldRule = {
  check: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  rule: 'be a whole number of at least 0',
};
const score: FieldRule = {
  check: (value) => typeof value === 'number' && value >= 0 && value <= 100,
  rule: 'be a number from 0 to 100',
};
const QUADRANTS: ReadonlySet<unknown> = new Set(['HH', 'HL', 'LH', 'LL']);
const REASONS: ReadonlySet<unknown> = new Set([
  'cash_flow',
  'oversight',
  'dispute',
  'wilful',
  'unknown',
]);
/** An optional field: absent (or undefined) is fine, a given value must pass `rule`. */
const optional = ({ check, rule }: FieldRule): FieldRule => ({
  check: (value) => value === undefined || check(value),
  rule: `${rule} when given`,
});

const FIELD_RULES: Record<CaseField, FieldRule> = {
  caseId: nonEmptyText,
  debtorCode: nonEmptyText,
  debtorName: text,
  asOf: {
    check: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
    rule: 'be a date written YYYY-MM-DD',
  },
  maxDaysPastDue: {
    check: (value) => typeof value === 'number' && Number.isFinite(value),
    rule: 'be a finite number',
  },
  overdueAmountMinor: minorUnits,
  openAmountMinor: minorUnits,
  currency: nonEmptyText,
  overdueInvoices: count,
  disputedInvoices: optional(count),
  locale: nonEmptyText,
  timeZone: nonEmptyText,
  preferredChannel: {
    check: (value) => PREFERRED_CHANNELS.has(value),
    rule: "be 'email', 'sms', 'phone', 'letter' or null",
  },
  reachable: {
    check: (value) =>
      isRecord(value) && typeof value.email === 'boolean' && typeof value.sms === 'boolean',
    rule: 'be an object with boolean email and sms',
  },
  quadrant: optional({
    check: (value) => QUADRANTS.has(value),
    rule: "be 'HH', 'HL', 'LH' or 'LL'",
  }),
  reason: optional({
    check: (value) => REASONS.has(value),
    rule: "be 'cash_flow', 'oversight', 'dispute', 'wilful' or 'unknown'",
  }),
  abilityScore: optional(score),
  willingnessScore: optional(score),
  history: optional({
    check: (value) => findHistoryProblem(value) === null,
    rule: 'be a case history (oldestDueOn, steps, promise, round, frozen, ...)',
  }),
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/** The first thing wrong with a CaseHistory, or null. */
export function findHistoryProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'history must be an object';
  if (typeof value.oldestDueOn !== 'string' || !DAY.test(value.oldestDueOn)) {
    return 'history.oldestDueOn must be a date written YYYY-MM-DD';
  }
  if (!isRecord(value.steps)) return 'history.steps must be an object keyed by step';
  for (const field of ['contacts', 'responses', 'unansweredActions', 'priorCases', 'round']) {
    if (!isCount(value[field])) return `history.${field} must be a whole number of at least 0`;
  }
  for (const field of ['respondedSinceLastAction', 'partialPaymentSinceLastAction', 'frozen']) {
    if (typeof value[field] !== 'boolean') return `history.${field} must be true or false`;
  }
  const promise = value.promise;
  if (!isRecord(promise) || !['none', 'open', 'kept', 'broken'].includes(promise.state as string)) {
    return "history.promise.state must be 'none', 'open', 'kept' or 'broken'";
  }
  if (promise.state !== 'none' && (typeof promise.dueOn !== 'string' || !DAY.test(promise.dueOn))) {
    return 'history.promise.dueOn must be a date written YYYY-MM-DD';
  }
  if (value.lastAction !== null && !isRecord(value.lastAction)) {
    return 'history.lastAction must be an object or null';
  }
  return null;
}

const ALL_FIELDS = Object.keys(FIELD_RULES) as CaseField[];

/**
 * Describes the first reason `value` is not a StrategyCase, looking only at `fields`
 * (all of them by default), or returns null when those fields are valid.
 */
export function findCaseProblem(
  value: unknown,
  fields: readonly CaseField[] = ALL_FIELDS,
): string | null {
  if (!isRecord(value)) return 'the case must be an object';

  for (const field of fields) {
    const { check, rule } = FIELD_RULES[field];
    if (!check(value[field])) return `${field} must ${rule}`;
  }
  return null;
}

export const isStrategyCase = (value: unknown): value is StrategyCase =>
  findCaseProblem(value) === null;
