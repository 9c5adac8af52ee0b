/**
 * hk-wait: after a step, wait a number of days for the debtor to respond, and tell what came of
 * it: no response, a response, an open promise to pay or a broken one.
 */
import type { CaseHistory, CaseStepRecord, StepPlan, StrategyCase } from '../types';
import { addDays, daysBetween, firstYearWithoutHolidayData, type DayType } from './business-days';
import {
  isKey,
  parseDayType,
  parseOptionalKey,
  parseWholeNumber,
  trimmed,
  type ConfigResult,
} from './config-values';
import type { PlanContext } from './step-plan';
import { referencedStep } from './step-timing';

export interface WaitConfig {
  /** The key of the node's own hold rows. */
  stepKey: string;
  /** The step waited on; null: the case's last action. */
  afterStep: string | null;
  days: number;
  dayType: DayType;
  /** The platform's grace after a promise date before it counts as broken (for the editor). */
  graceDays: number;
}

export interface RawWaitConfig {
  step?: unknown;
  after?: unknown;
  days?: unknown;
  dayType?: unknown;
  graceDays?: unknown;
}

export type WaitConfigProblem =
  | 'step-missing'
  | 'step-invalid'
  | 'after-invalid'
  | 'after-self'
  | 'days-invalid'
  | 'day-type-invalid'
  | 'grace-invalid';

export const MAX_WAIT_DAYS = 365;

/** Checks an hk-wait configuration and normalises it. */
export function parseWaitConfig(raw: RawWaitConfig): ConfigResult<WaitConfig, WaitConfigProblem> {
  const stepKey = trimmed(raw.step);
  if (stepKey === '') return { problem: 'step-missing' };
  if (!isKey(stepKey)) return { problem: 'step-invalid' };

  const afterStep = parseOptionalKey(raw.after);
  if (afterStep === undefined) return { problem: 'after-invalid' };
  if (afterStep === stepKey) return { problem: 'after-self' };

  const days = parseWholeNumber(raw.days, 1, MAX_WAIT_DAYS);
  if (days === null) return { problem: 'days-invalid' };
  const dayType = parseDayType(raw.dayType);
  if (dayType === null) return { problem: 'day-type-invalid' };
  const graceDays = parseWholeNumber(raw.graceDays ?? 0, 0, MAX_WAIT_DAYS);
  if (graceDays === null) return { problem: 'grace-invalid' };

  return { config: { stepKey, afterStep, days, dayType, graceDays } };
}

export type WaitDecision =
  /** The wait is over without a reply, promise or payment: go on (output 1). */
  | { outcome: 'no-response' }
  /** A reply or a part payment since the step (output 2). */
  | { outcome: 'responded' }
  /** An open promise to pay: hold until its date (output 3). */
  | { outcome: 'promised'; until: string }
  /** A broken promise: back to an earlier step, in the new round (output 4). */
  | { outcome: 'promise-broken' }
  /** Still waiting: hold until the wait ends, send nothing on. */
  | { outcome: 'waiting'; until: string; estimatedYear: number | null };

/** Outcomes recorded against a step that mean the debtor answered it. */
const ANSWERS: ReadonlySet<CaseStepRecord['outcome']> = new Set([
  'reached',
  'refused',
  'promised',
  'disputed',
  'paid',
]);

const respondedTo = (step: CaseStepRecord, history: CaseHistory): boolean =>
  ANSWERS.has(step.outcome) ||
  history.respondedSinceLastAction ||
  history.partialPaymentSinceLastAction;

/** Whether anything was planned in the case's current round (a re-entry already happened). */
const roundStarted = (history: CaseHistory): boolean =>
  Object.values(history.steps).some((step) => step.round === history.round);

/**
 * The day the wait counts from, and whether the step is over: done (its done day), failed or
 * cancelled before it was done (its due day: nothing more will come of it), pending (its due
 * day, today at the earliest) or not planned yet (today).
 */
function waitStart(step: CaseStepRecord | undefined, asOf: string): [string, boolean] {
  if (step === undefined) return [asOf, false];
  if (step.doneOn !== null) return [step.doneOn, true];
  if (step.status === 'failed' || step.status === 'cancelled') return [step.dueOn, true];
  return [step.dueOn > asOf ? step.dueOn : asOf, false];
}

/**
 * The day a wait counts from when the step it waits on is not stored yet: the due day of that
 * step if it was planned earlier in this run (the latest planned step for "the last action"),
 * else today.
 */
function waitStartOfPlanned(
  afterStep: string | null,
  plannedDue: Readonly<Record<string, string>>,
  asOf: string,
): [string, boolean] {
  const due =
    afterStep === null
      ? Object.values(plannedDue).reduce<string | undefined>(
          (latest, day) => (latest === undefined || day > latest ? day : latest),
          undefined,
        )
      : plannedDue[afterStep];
  return [due !== undefined && due > asOf ? due : asOf, false];
}

/**
 * What hk-wait does with a case. `sentBack` tells that this message already left this node by
 * output 4 in this run: a broken promise then no longer sends it back, so the flow cannot loop.
 */
export function decideWait(
  config: WaitConfig,
  strategyCase: Pick<StrategyCase, 'asOf' | 'history'>,
  sentBack: boolean,
  plannedDue: Readonly<Record<string, string>> = {},
): WaitDecision {
  const { asOf, history } = strategyCase;
  const promise = history?.promise;
  if (promise?.state === 'open' && promise.dueOn !== null) {
    return { outcome: 'promised', until: promise.dueOn > asOf ? promise.dueOn : asOf };
  }
  if (promise?.state === 'broken' && !sentBack && !roundStarted(history as CaseHistory)) {
    return { outcome: 'promise-broken' };
  }

  const step = referencedStep(history, config.afterStep);
  if (step !== undefined && step.doneOn !== null && respondedTo(step, history as CaseHistory)) {
    return { outcome: 'responded' };
  }

  const [start, over] =
    step === undefined
      ? waitStartOfPlanned(config.afterStep, plannedDue, asOf)
      : waitStart(step, asOf);
  const end = addDays(start, config.days, config.dayType);
  if (over && end <= asOf) return { outcome: 'no-response' };
  return {
    outcome: 'waiting',
    until: end > asOf ? end : asOf,
    estimatedYear: config.dayType === 'business' ? firstYearWithoutHolidayData(start, end) : null,
  };
}

/** A hold of the case until `until`, under the node's own step key. */
export function planHold(
  config: Pick<WaitConfig, 'stepKey'>,
  strategyCase: Pick<StrategyCase, 'caseId' | 'asOf' | 'history'>,
  reason: 'promise' | 'wait',
  until: string,
  context: Omit<PlanContext, 'plannedSteps'>,
): StepPlan {
  return {
    kind: 'hold',
    caseId: strategyCase.caseId,
    stepKey: config.stepKey,
    round: strategyCase.history?.round ?? 0,
    channel: null,
    templateCode: null,
    dueOn: until,
    offsetDays: daysBetween(strategyCase.asOf, until),
    branches: context.branches,
    hold: { reason },
    flowId: context.origin.flowId,
    nodeId: context.origin.nodeId,
  };
}
