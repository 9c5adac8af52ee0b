import type { ActionOutcome, CaseHistory, CaseStepRecord } from '@huikuan/flows';

import { addDays, daysBetween } from './dates';
import type { IsoDate } from './ledger';

/** A stored action row of the case, as the history needs it. */
export interface HistoryAction {
  id: number;
  stepKey: string;
  round: number;
  kind: 'action' | 'hold' | 'escalation' | 'offer';
  channel: CaseStepRecord['channel'] | null;
  status: string;
  dueOn: IsoDate;
  /** The day it was sent or its task created (debtor's time zone), else null. */
  doneOn: IsoDate | null;
}

/** A recorded contact of the debtor during the case. */
export interface HistoryActivity {
  actionId: number | null;
  occurredOn: IsoDate;
  direction: 'inbound' | 'outbound';
  outcome: string;
  promiseDate: IsoDate | null;
  promiseAmountMinor: number | null;
}

/** A payment on the debtor's invoices (credit notes are not the debtor answering). */
export interface HistoryPayment {
  day: IsoDate;
  amountMinor: number;
}

export interface CaseHistoryInput {
  asOf: IsoDate;
  openedOn: IsoDate;
  oldestDueOn: IsoDate;
  actions: HistoryAction[];
  activities: HistoryActivity[];
  payments: HistoryPayment[];
  priorCases: number;
  agencyCode: string | null;
  /** The day the case went to legal review, while that review is open. */
  legalReviewOn?: IsoDate | null;
  /** Days after a promise date before an unpaid promise counts as broken. */
  promiseGraceDays: number;
}

const STEP_STATUS: Record<string, CaseStepRecord['status']> = {
  planned: 'pending',
  queued: 'pending',
  sending: 'pending',
  sent: 'done',
  task_open: 'done',
  // A worker died while sending it; it most likely went, and is never sent again blindly.
  unconfirmed: 'done',
  completed: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Outcomes a person records against an action (a collector's call, a reply). */
const RECORDED_OUTCOMES: ReadonlySet<string> = new Set([
  'no_answer',
  'wrong_number',
  'reached',
  'refused',
  'promised',
  'disputed',
  'paid',
]);

/** Inbound contact that counts as the debtor answering. */
const isResponse = (activity: HistoryActivity): boolean =>
  activity.direction === 'inbound' ||
  (RECORDED_OUTCOMES.has(activity.outcome) &&
    activity.outcome !== 'no_answer' &&
    activity.outcome !== 'wrong_number');

const byDay = <T>(items: T[], day: (item: T) => string): T[] =>
  [...items].sort((a, b) => day(a).localeCompare(day(b)));

type PromiseState = CaseHistory['promise']['state'];

/**
 * Reads the case's stored rows into the facts a strategy flow reacts to. Pure: the same rows
 * and day give the same history, so a rerun plans the same and a restart loses nothing.
 */
export function buildCaseHistory(input: CaseHistoryInput): CaseHistory {
  const { asOf } = input;
  const activities = byDay(
    input.activities.filter((a) => a.occurredOn >= input.openedOn && a.occurredOn <= asOf),
    (a) => a.occurredOn,
  );
  const payments = byDay(
    input.payments.filter((p) => p.day >= input.openedOn && p.day <= asOf),
    (p) => p.day,
  );

  const promises = assessPromises(activities, payments, asOf, input.promiseGraceDays);
  const round = promises.broken;

  const steps: Record<string, CaseStepRecord> = {};
  const done: Array<CaseStepRecord & { doneOn: string }> = [];
  for (const action of input.actions) {
    if (action.kind === 'hold' || action.channel === null) continue;
    const record: CaseStepRecord = {
      stepKey: action.stepKey,
      round: action.round,
      channel: action.channel,
      dueOn: action.dueOn,
      doneOn: STEP_STATUS[action.status] === 'done' ? (action.doneOn ?? action.dueOn) : null,
      status: STEP_STATUS[action.status] ?? 'pending',
      outcome: outcomeOf(action, activities, payments),
    };
    if (action.round === round) steps[action.stepKey] = record;
    if (record.doneOn !== null) done.push(record as CaseStepRecord & { doneOn: string });
  }
  done.sort((a, b) => a.doneOn.localeCompare(b.doneOn));

  const last = done[done.length - 1] ?? null;
  const respondedAfter = (day: string): boolean =>
    activities.some((a) => a.occurredOn >= day && isResponse(a)) ||
    payments.some((p) => p.day >= day);

  let unansweredActions = 0;
  for (let i = done.length - 1; i >= 0; i -= 1) {
    const step = done[i] as CaseStepRecord & { doneOn: string };
    const next = done[i + 1]?.doneOn ?? '9999-12-31';
    const answered =
      activities.some((a) => a.occurredOn >= step.doneOn && a.occurredOn < next && isResponse(a)) ||
      payments.some((p) => p.day >= step.doneOn && p.day < next);
    if (answered) break;
    unansweredActions += 1;
  }

  return {
    oldestDueOn: input.oldestDueOn,
    steps,
    lastAction: last ? { ...last, daysAgo: daysBetween(last.doneOn, asOf) } : null,
    contacts: done.length,
    responses: activities.filter(isResponse).length,
    unansweredActions,
    respondedSinceLastAction: last ? respondedAfter(last.doneOn) : false,
    partialPaymentSinceLastAction: last ? payments.some((p) => p.day >= last.doneOn) : false,
    promise: promises.latest,
    priorCases: input.priorCases,
    round,
    frozen: input.agencyCode !== null,
    agencyCode: input.agencyCode,
    underLegalReview: Boolean(input.legalReviewOn),
  };
}

/** The latest recorded outcome of the action, else what followed it, else its dispatch state. */
function outcomeOf(
  action: HistoryAction,
  activities: HistoryActivity[],
  payments: HistoryPayment[],
): ActionOutcome {
  const recorded = activities.filter(
    (a) => a.actionId === action.id && RECORDED_OUTCOMES.has(a.outcome),
  );
  const latest = recorded[recorded.length - 1];
  if (latest) return latest.outcome as ActionOutcome;
  if (action.doneOn !== null) {
    const from = action.doneOn;
    if (payments.some((p) => p.day >= from)) return 'paid';
    // A collector's note imported without a link to the action: the latest one since.
    const since = activities.filter(
      (a) => a.actionId === null && a.occurredOn >= from && RECORDED_OUTCOMES.has(a.outcome),
    );
    const noted = since[since.length - 1];
    if (noted) return noted.outcome as ActionOutcome;
  }
  if (action.status === 'sent') return 'sent';
  if (action.status === 'failed') return 'failed';
  return 'none';
}

function assessPromises(
  activities: HistoryActivity[],
  payments: HistoryPayment[],
  asOf: IsoDate,
  graceDays: number,
): { latest: CaseHistory['promise']; broken: number } {
  let broken = 0;
  let latest: CaseHistory['promise'] = {
    state: 'none',
    dueOn: null,
    amountMinor: null,
    broken: 0,
  };
  for (const promise of activities) {
    if (promise.outcome !== 'promised' || promise.promiseDate === null) continue;
    const deadline = addDays(promise.promiseDate, graceDays);
    const windowEnd = deadline < asOf ? deadline : asOf;
    const paid = payments
      .filter((p) => p.day >= promise.occurredOn && p.day <= windowEnd)
      .reduce((sum, p) => sum + p.amountMinor, 0);
    const met = promise.promiseAmountMinor === null ? paid > 0 : paid >= promise.promiseAmountMinor;
    let state: PromiseState;
    if (met) state = 'kept';
    else if (asOf > deadline) state = 'broken';
    else state = 'open';
    if (state === 'broken') broken += 1;
    latest = {
      state,
      dueOn: promise.promiseDate,
      amountMinor: promise.promiseAmountMinor,
      broken: 0,
    };
  }
  latest.broken = broken;
  return { latest, broken };
}
