import { DateTime } from 'luxon';
import { z } from 'zod';

import type { FieldError } from './ledger';

/** What a collector records after a call or a visit. */
export const TASK_OUTCOMES = [
  'reached',
  'promised',
  'refused',
  'disputed',
  'no_answer',
  'wrong_number',
] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const MAX_PROMISE_DAYS = 366;
/** How far back a contact may be recorded: a year's worth of catching up, not 1970. */
const MAX_PAST_DAYS = 366;
const DAY_MS = 86_400_000;

/** The schema, with the contact's day read in the collections desk's time zone. */
const taskOutcomeSchema = (timeZone: string) =>
  z
    .object({
      outcome: z.enum(TASK_OUTCOMES),
      /** When it happened; now when absent. */
      occurredAt: z.string().datetime({ offset: true }).optional(),
      promiseDate: day.optional(),
      promiseAmountMinor: z.number().int().positive().max(100_000_000_000_000).optional(),
      /** Why the debtor disputes, what was said: the collector's own words. */
      note: z.string().trim().max(2000).optional(),
    })
    .strict()
    .superRefine((input, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      if (input.outcome === 'promised') {
        if (input.promiseDate === undefined) {
          issue('promiseDate', 'is required for a promise / 承诺还款须填写还款日期');
        }
        if (input.promiseAmountMinor === undefined) {
          issue('promiseAmountMinor', 'is required for a promise / 承诺还款须填写还款金额');
        }
      } else if (input.promiseDate !== undefined || input.promiseAmountMinor !== undefined) {
        issue('outcome', "only a 'promised' outcome takes a promise date and amount");
      }
      if (input.outcome === 'disputed' && !input.note) {
        issue('note', 'say what the debtor disputes / 请填写争议原因');
      }
      const occurred = input.occurredAt ? new Date(input.occurredAt) : new Date();
      if (occurred.getTime() > Date.now() + 5 * 60_000) {
        issue('occurredAt', 'is in the future / 不能晚于当前时间');
      } else if (occurred.getTime() < Date.now() - MAX_PAST_DAYS * DAY_MS) {
        issue(
          'occurredAt',
          `is more than ${MAX_PAST_DAYS} days ago / 不能早于 ${MAX_PAST_DAYS} 天前`,
        );
      }
      if (input.promiseDate !== undefined) {
        const from = DateTime.fromJSDate(occurred).setZone(timeZone).startOf('day');
        const promised = DateTime.fromISO(input.promiseDate, { zone: timeZone });
        const days = promised.isValid ? Math.round(promised.diff(from, 'days').days) : NaN;
        if (Number.isNaN(days)) issue('promiseDate', 'is not a real date / 日期不存在');
        else if (days < 0) issue('promiseDate', 'is before the contact / 早于联络日期');
        else if (days > MAX_PROMISE_DAYS) {
          issue('promiseDate', `is more than ${MAX_PROMISE_DAYS} days after the contact`);
        }
      }
    });

export type TaskOutcomeInput = z.infer<ReturnType<typeof taskOutcomeSchema>>;

/** Checks a recorded task outcome; errors name the field, e.g. `promiseDate`. */
export const validateTaskOutcome = (
  value: unknown,
  timeZone = 'Asia/Shanghai',
): { input: TaskOutcomeInput } | { errors: FieldError[] } => {
  const result = taskOutcomeSchema(timeZone).safeParse(value ?? {});
  if (result.success) return { input: result.data };
  return {
    errors: result.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  };
};
