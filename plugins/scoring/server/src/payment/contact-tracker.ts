import type { ContactEvent } from '../types';

/** A promise is kept when the promised amount arrives by its date plus these days. */
export const PROMISE_GRACE_DAYS = 3;
/** A reminder counts as answered when the debtor replies or pays within these days. */
export const RESPONSE_WINDOW_DAYS = 7;

/** Outcomes that show the debtor was reached by the outbound contact itself. */
const REACHED: ReadonlySet<ContactEvent['outcome']> = new Set([
  'reached',
  'promised',
  'refused',
  'disputed',
  'paid',
]);
/** Outbound outcomes that are not a reminder the debtor received. */
const NOT_A_REMINDER: ReadonlySet<ContactEvent['outcome']> = new Set(['failed', 'task_created']);

interface PendingPromise {
  /** Last day a payment still counts. */
  deadline: number;
  /** Minor units still to arrive; a promise without an amount waits for any payment. */
  missing: number;
}

interface PendingReminder {
  sentOn: number;
  deadline: number;
}

/**
 * One debtor's contact record replayed in day order: promises kept and broken, disputes,
 * refusals and how often reminders got an answer. `advance(day)` must be called with
 * non-decreasing days before anything of that day; it settles what expired before it.
 */
export class ContactTracker {
  promisesMade = 0;
  promisesKept = 0;
  promisesBroken = 0;
  disputesRaised = 0;
  refusals = 0;
  reminders = 0;
  answered = 0;
  unanswered = 0;
  answerDaysSum = 0;
  private promises: PendingPromise[] = [];
  private waiting: PendingReminder[] = [];

  /** Promises and reminders whose last day is before `day` have failed. */
  advance(day: number): void {
    if (this.promises.some((promise) => promise.deadline < day)) {
      const open = this.promises.filter((promise) => promise.deadline >= day);
      this.promisesBroken += this.promises.length - open.length;
      this.promises = open;
    }
    if (this.waiting.some((reminder) => reminder.deadline < day)) {
      const open = this.waiting.filter((reminder) => reminder.deadline >= day);
      this.unanswered += this.waiting.length - open.length;
      this.waiting = open;
    }
  }

  /** Promises whose date has not passed yet (undated promises are never judged). */
  get promisesPending(): number {
    return this.promises.length;
  }

  contact(event: ContactEvent, day: number, promiseDay: number | null): void {
    if (event.outcome === 'promised') this.promise(event, day, promiseDay);
    if (event.outcome === 'disputed') this.disputesRaised += 1;
    if (event.outcome === 'refused') this.refusals += 1;

    if (event.direction === 'inbound') {
      this.answer(day);
    } else if (!NOT_A_REMINDER.has(event.outcome)) {
      this.reminders += 1;
      if (REACHED.has(event.outcome)) this.answered += 1;
      else this.waiting.push({ sentOn: day, deadline: day + RESPONSE_WINDOW_DAYS });
    }
  }

  payment(day: number, amountMinor: number): void {
    this.answer(day);
    if (amountMinor <= 0 || this.promises.length === 0) return;
    for (const promise of this.promises) promise.missing -= amountMinor;
    const open = this.promises.filter((promise) => promise.missing > 0);
    this.promisesKept += this.promises.length - open.length;
    this.promises = open;
  }

  private promise(event: ContactEvent, day: number, promiseDay: number | null): void {
    this.promisesMade += 1;
    if (promiseDay === null) return;
    const amount = event.promiseAmountMinor ?? 0;
    this.promises.push({
      deadline: Math.max(promiseDay, day) + PROMISE_GRACE_DAYS,
      missing: amount > 0 ? amount : Number.MIN_VALUE,
    });
  }

  private answer(day: number): void {
    for (const reminder of this.waiting) this.answerDaysSum += day - reminder.sentOn;
    this.answered += this.waiting.length;
    this.waiting = [];
  }
}
