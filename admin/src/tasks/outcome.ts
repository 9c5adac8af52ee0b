/**
 * The outcome a collector records for a call, visit or letter task, checked in the browser by
 * the rules POST /api/collections/actions/:id/outcome applies (plugins/collections/server/src/
 * validation/task-outcome.ts), so most mistakes are shown before anything is sent.
 */

export const TASK_OUTCOMES = [
  'reached',
  'promised',
  'refused',
  'disputed',
  'no_answer',
  'wrong_number',
] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** The request body the server takes. */
export interface TaskOutcomeBody {
  outcome: TaskOutcome;
  occurredAt?: string;
  promiseDate?: string;
  promiseAmountMinor?: number;
  note?: string;
}

/** What the form holds: `promiseAmountMinor` comes from a MoneyInput (minor units as text). */
export interface OutcomeFormValues {
  outcome?: TaskOutcome | null;
  /** `yyyy-MM-ddThh:mm` in the browser's time zone, as a datetime-local input gives it. */
  occurredAt?: string | null;
  promiseDate?: string | null;
  promiseAmountMinor?: string | null;
  note?: string | null;
}

/** A field's message: a translation key, with its arguments when it has some. */
export type OutcomeError = string | { message: string; args: Record<string, number> };

export const MAX_PROMISE_DAYS = 366;
export const MAX_PROMISE_AMOUNT_MINOR = 100_000_000_000_000n;
export const MAX_NOTE_LENGTH = 2000;
/** The server accepts a contact time up to five minutes ahead (clock drift). */
const FUTURE_SLACK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** A real calendar day written YYYY-MM-DD (`2026-02-30` is not one, though Date.parse rolls it). */
const isDay = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

const occurredOf = (values: OutcomeFormValues, now: Date): Date | null => {
  if (!values.occurredAt) return now;
  const occurred = new Date(values.occurredAt);
  return Number.isNaN(occurred.getTime()) ? null : occurred;
};

/** The promise day checked against the contact's day, counted as the server counts (UTC). */
const promiseDateError = (promiseDate: string, occurred: Date): OutcomeError | undefined => {
  if (!isDay(promiseDate)) return 'ar.tasks.errors.date_invalid';
  const from = occurred.toISOString().slice(0, 10);
  const days = (Date.parse(`${promiseDate}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  if (days < 0) return 'ar.tasks.errors.promise_before_contact';
  if (days > MAX_PROMISE_DAYS) {
    return { message: 'ar.tasks.errors.promise_too_late', args: { days: MAX_PROMISE_DAYS } };
  }
  return undefined;
};

const promiseAmountError = (value: string | null | undefined): OutcomeError | undefined => {
  if (value === null || value === undefined || value === '') return 'ra.validation.required';
  if (!/^\d+$/.test(value)) return 'ar.tasks.errors.amount_invalid';
  const minor = BigInt(value);
  if (minor <= 0n) return 'ar.money.positive';
  if (minor > MAX_PROMISE_AMOUNT_MINOR) return 'ar.tasks.errors.amount_too_large';
  return undefined;
};

const promiseErrors = (values: OutcomeFormValues, occurred: Date | null) => {
  const errors: Record<string, OutcomeError> = {};
  if (!values.promiseDate) errors.promiseDate = 'ra.validation.required';
  else if (occurred) {
    const dateError = promiseDateError(values.promiseDate, occurred);
    if (dateError) errors.promiseDate = dateError;
  }
  const amountError = promiseAmountError(values.promiseAmountMinor);
  if (amountError) errors.promiseAmountMinor = amountError;
  return errors;
};

/** The form's errors by field (empty when it may be sent); `now` is injectable for tests. */
export const validateOutcome = (
  values: OutcomeFormValues,
  now: Date = new Date(),
): Record<string, OutcomeError> => {
  const errors: Record<string, OutcomeError> = {};
  if (!values.outcome || !TASK_OUTCOMES.includes(values.outcome)) {
    errors.outcome = 'ra.validation.required';
  }

  const occurred = occurredOf(values, now);
  if (!occurred) errors.occurredAt = 'ar.tasks.errors.date_invalid';
  else if (occurred.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    errors.occurredAt = 'ar.tasks.errors.occurred_in_future';
  }

  if (values.outcome === 'promised') Object.assign(errors, promiseErrors(values, occurred));

  const note = values.note?.trim() ?? '';
  if (values.outcome === 'disputed' && !note) errors.note = 'ar.tasks.errors.dispute_reason';
  if (note.length > MAX_NOTE_LENGTH) {
    errors.note = { message: 'ar.tasks.errors.note_too_long', args: { max: MAX_NOTE_LENGTH } };
  }
  return errors;
};

/** The body to send for valid form values: promise fields only with a promise, no empty text. */
export const toOutcomeBody = (values: OutcomeFormValues): TaskOutcomeBody => {
  const body: TaskOutcomeBody = { outcome: values.outcome as TaskOutcome };
  if (values.occurredAt) body.occurredAt = new Date(values.occurredAt).toISOString();
  if (values.outcome === 'promised') {
    if (values.promiseDate) body.promiseDate = values.promiseDate;
    if (values.promiseAmountMinor) body.promiseAmountMinor = Number(values.promiseAmountMinor);
  }
  const note = values.note?.trim();
  if (note) body.note = note;
  return body;
};
