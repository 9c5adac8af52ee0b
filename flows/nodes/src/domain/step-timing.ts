/**
 * When a step falls due: which day its interval counts from (its anchor), how the interval adapts
 * to the debtor's response, and the due date that follows.
 */
import type { CaseHistory, CaseStepRecord, StrategyCase } from '../types';
import {
  addCalendarDays,
  addDays,
  firstYearWithoutHolidayData,
  type DayType,
} from './business-days';

/**
 * What a step's interval counts from: 'asOf' the run's day, 'due' the due date of the oldest
 * overdue invoice, 'previous' an earlier step of the case (a named one, or the last action).
 */
export const ANCHORS = ['asOf', 'due', 'previous'] as const;
export type StepAnchor = (typeof ANCHORS)[number];

/** Bounds of an adaptive interval, in days of the step's day type. */
export interface IntervalCaps {
  minDays: number;
  maxDays: number;
}

export type ResponseFacts = Pick<
  CaseHistory,
  'respondedSinceLastAction' | 'partialPaymentSinceLastAction' | 'unansweredActions'
>;

/**
 * The interval after the previous step, adapted to how the debtor responded: after a reply or a
 * part payment it is 1.5 times as long (rounded up), since the debtor is moving; after two or
 * more unanswered actions it is half as long (rounded down). Always within the caps.
 */
export function adaptInterval(
  days: number,
  facts: ResponseFacts | undefined,
  caps: IntervalCaps,
): number {
  let adapted = days;
  if (facts?.respondedSinceLastAction || facts?.partialPaymentSinceLastAction) {
    adapted = Math.ceil(days * 1.5);
  } else if ((facts?.unansweredActions ?? 0) >= 2) {
    adapted = Math.floor(days * 0.5);
  }
  return Math.min(caps.maxDays, Math.max(caps.minDays, adapted));
}

/** The step `stepKey` of the case's current round, or undefined when it was not planned yet. */
export function currentStep(
  history: CaseHistory | undefined,
  stepKey: string,
): CaseStepRecord | undefined {
  if (history === undefined || !Object.hasOwn(history.steps, stepKey)) return undefined;
  const record = history.steps[stepKey];
  return record !== undefined && record.round === history.round ? record : undefined;
}

/** The step a 'previous' anchor or a wait refers to: a named step, or the last action. */
export const referencedStep = (
  history: CaseHistory | undefined,
  afterStep: string | null,
): CaseStepRecord | undefined =>
  afterStep === null ? (history?.lastAction ?? undefined) : currentStep(history, afterStep);

/** When a step was done, or, while it is pending, when it is due; null when neither. */
export const stepDay = (record: CaseStepRecord): string | null =>
  record.doneOn ?? (record.status === 'pending' ? record.dueOn : null);

type AnchorFacts = Pick<StrategyCase, 'asOf' | 'maxDaysPastDue' | 'history'>;

/** The day the interval counts from, or null when the anchor step is not there (yet). */
export function anchorDay(
  anchor: StepAnchor,
  afterStep: string | null,
  strategyCase: AnchorFacts,
): string | null {
  const { asOf, history } = strategyCase;
  if (anchor === 'asOf') return asOf;
  if (anchor === 'due') {
    return history?.oldestDueOn ?? addCalendarDays(asOf, -Math.trunc(strategyCase.maxDaysPastDue));
  }
  const record = referencedStep(history, afterStep);
  return record === undefined ? null : stepDay(record);
}

export interface ScheduledDay {
  /** YYYY-MM-DD, never before the as-of date. */
  dueOn: string;
  /** A year the count went through with Mon-Fri assumed (no holiday data), or null. */
  estimatedYear: number | null;
}

/** `days` days of `dayType` after `from`; a day before `asOf` becomes `asOf` (due now). */
export function scheduleAfter(
  from: string,
  days: number,
  dayType: DayType,
  asOf: string,
): ScheduledDay {
  const day = addDays(from, days, dayType);
  return {
    dueOn: day < asOf ? asOf : day,
    estimatedYear: dayType === 'business' ? firstYearWithoutHolidayData(from, day) : null,
  };
}
