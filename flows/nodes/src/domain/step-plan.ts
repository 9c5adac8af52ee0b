import type { ActionChannel, BranchAssignment, StepPlan, StrategyCase } from '../types';
import { addCalendarDays, daysBetween, type DayType } from './business-days';
import {
  CAP_DAYS_LIMIT,
  KEY_PATTERN,
  OFFSET_DAYS_LIMIT,
  isChecked,
  type ConfigResult,
  isKey,
  parseDayType,
  parseOptionalKey,
  parseWholeNumber,
  trimmed,
} from './config-values';
import {
  ANCHORS,
  adaptInterval,
  anchorDay,
  currentStep,
  scheduleAfter,
  type IntervalCaps,
  type StepAnchor,
} from './step-timing';

export { KEY_PATTERN, addCalendarDays };

/** Channels an hk-plan-step node can be set to; 'reminder' picks the channel per case. */
export const PLAN_CHANNELS = [
  'reminder',
  'email',
  'sms',
  'letter',
  'phone',
  'visit',
  'legal',
] as const;
export type PlanChannel = (typeof PLAN_CHANNELS)[number];

/** What a step does: the part of the configuration every planned action carries. */
export interface StepAction {
  stepKey: string;
  channel: PlanChannel;
  templateCode: string;
  /** The interval: days after the anchor. */
  offsetDays: number;
}

export interface StepConfig extends StepAction {
  anchor: StepAnchor;
  /** The step a 'previous' anchor counts from; null: the case's last action. */
  afterStep: string | null;
  dayType: DayType;
  /** Caps of the adaptive interval (anchor 'previous' only); null: the interval is fixed. */
  adaptive: IntervalCaps | null;
}

/** The node properties as they arrive from the flow file (the editor may store strings). */
export interface RawStepConfig {
  step?: unknown;
  channel?: unknown;
  template?: unknown;
  offsetDays?: unknown;
  anchor?: unknown;
  after?: unknown;
  dayType?: unknown;
  adaptive?: unknown;
  minDays?: unknown;
  maxDays?: unknown;
}

export type StepConfigProblem =
  | 'step-missing'
  | 'step-invalid'
  | 'channel-invalid'
  | 'template-missing'
  | 'template-invalid'
  | 'offset-invalid'
  | 'anchor-invalid'
  | 'after-invalid'
  | 'after-self'
  | 'day-type-invalid'
  | 'min-days-invalid'
  | 'max-days-invalid'
  | 'caps-reversed';

export type StepConfigResult = ConfigResult<StepConfig, StepConfigProblem>;

type TimingResult = { timing: Omit<StepConfig, keyof StepAction> } | { problem: StepConfigProblem };

/** Anchor, day type and adaptive caps; nodes saved before these existed get the defaults. */
function parseTiming(raw: RawStepConfig, stepKey: string): TimingResult {
  const anchor = raw.anchor === undefined || raw.anchor === '' ? 'asOf' : raw.anchor;
  const knownAnchor = ANCHORS.find((candidate) => candidate === anchor);
  if (knownAnchor === undefined) return { problem: 'anchor-invalid' };

  const dayType = parseDayType(raw.dayType);
  if (dayType === null) return { problem: 'day-type-invalid' };
  if (knownAnchor !== 'previous') {
    return { timing: { anchor: knownAnchor, afterStep: null, dayType, adaptive: null } };
  }

  const afterStep = parseOptionalKey(raw.after);
  if (afterStep === undefined) return { problem: 'after-invalid' };
  if (afterStep === stepKey) return { problem: 'after-self' };
  if (!isChecked(raw.adaptive)) {
    return { timing: { anchor: knownAnchor, afterStep, dayType, adaptive: null } };
  }

  const minDays = parseWholeNumber(raw.minDays, CAP_DAYS_LIMIT.min, CAP_DAYS_LIMIT.max);
  if (minDays === null) return { problem: 'min-days-invalid' };
  const maxDays = parseWholeNumber(raw.maxDays, CAP_DAYS_LIMIT.min, CAP_DAYS_LIMIT.max);
  if (maxDays === null) return { problem: 'max-days-invalid' };
  if (minDays > maxDays) return { problem: 'caps-reversed' };
  return { timing: { anchor: knownAnchor, afterStep, dayType, adaptive: { minDays, maxDays } } };
}

/** Checks an hk-plan-step configuration and normalises it. */
export function parseStepConfig(raw: RawStepConfig): StepConfigResult {
  const stepKey = trimmed(raw.step);
  if (stepKey === '') return { problem: 'step-missing' };
  if (!isKey(stepKey)) return { problem: 'step-invalid' };

  const channel = PLAN_CHANNELS.find((candidate) => candidate === raw.channel);
  if (channel === undefined) return { problem: 'channel-invalid' };

  const templateCode = trimmed(raw.template);
  if (templateCode === '') return { problem: 'template-missing' };
  if (!isKey(templateCode)) return { problem: 'template-invalid' };

  const offsetDays = parseWholeNumber(raw.offsetDays, OFFSET_DAYS_LIMIT.min, OFFSET_DAYS_LIMIT.max);
  if (offsetDays === null) return { problem: 'offset-invalid' };

  const parsed = parseTiming(raw, stepKey);
  if ('problem' in parsed) return parsed;
  return { config: { stepKey, channel, templateCode, offsetDays, ...parsed.timing } };
}

type ContactFacts = Pick<StrategyCase, 'preferredChannel' | 'reachable'>;

/** The channels a reminder can end up on. */
export type ReminderChannel = Extract<ActionChannel, 'email' | 'sms' | 'phone' | 'letter'>;

/**
 * The channel of a reminder:
 * 1. the debtor's preferred channel when it is email or SMS and reachable;
 * 2. the preferred channel when it is phone or letter, since the contact asked for it;
 * 3. else email if reachable, else SMS if reachable;
 * 4. else a letter: the collector prints and posts it, or finds a contact first.
 */
export function reminderChannel({ preferredChannel, reachable }: ContactFacts): ReminderChannel {
  if (preferredChannel === 'email' && reachable.email) return 'email';
  if (preferredChannel === 'sms' && reachable.sms) return 'sms';
  if (preferredChannel === 'phone' || preferredChannel === 'letter') return preferredChannel;
  if (reachable.email) return 'email';
  if (reachable.sms) return 'sms';
  return 'letter';
}

export const resolveChannel = (channel: PlanChannel, facts: ContactFacts): ActionChannel =>
  channel === 'reminder' ? reminderChannel(facts) : channel;

/** Where a plan came from: the planning node and its tab. */
export interface PlanOrigin {
  flowId: string;
  nodeId: string;
}

type PlanFacts = Pick<StrategyCase, 'caseId' | 'asOf' | 'history'> & ContactFacts;

/**
 * Plans one step of `config` for a case, due on `dueOn` (by default `offsetDays` calendar days
 * after the as-of date).
 */
export function planStep(
  config: StepAction,
  strategyCase: PlanFacts,
  origin: PlanOrigin,
  branches: StepPlan['branches'] = [],
  dueOn: string = addCalendarDays(strategyCase.asOf, config.offsetDays),
): StepPlan {
  return {
    kind: 'action',
    caseId: strategyCase.caseId,
    stepKey: config.stepKey,
    round: strategyCase.history?.round ?? 0,
    channel: resolveChannel(config.channel, strategyCase),
    templateCode: config.templateCode,
    dueOn,
    offsetDays: daysBetween(strategyCase.asOf, dueOn),
    branches,
    flowId: origin.flowId,
    nodeId: origin.nodeId,
  };
}

/** What the message carries besides the case: the branches it took, the steps of this run. */
export interface PlanContext {
  origin: PlanOrigin;
  branches: BranchAssignment[];
  /** Step keys already planned for the case in this run (msg.plannedSteps). */
  plannedSteps: readonly string[];
}

/**
 * An hk-plan-step step is planned once per case and round: in an earlier run, or earlier in
 * this one. A step stored but still pending is planned again: the platform keeps its one row, and rewrites it
 * only when a newly deployed flow plans it differently, so a deploy reaches the cases already
 * in the strategy.
 */
export const isPlannedStep = (
  stepKey: string,
  strategyCase: Pick<StrategyCase, 'history'>,
  plannedSteps: readonly string[],
): boolean => {
  const stored = currentStep(strategyCase.history, stepKey);
  return (stored !== undefined && stored.status !== 'pending') || plannedSteps.includes(stepKey);
};

/** Escalations and offers are planned once per case and round, pending or not. */
export const isPlanned = (
  stepKey: string,
  strategyCase: Pick<StrategyCase, 'history'>,
  plannedSteps: readonly string[],
): boolean =>
  currentStep(strategyCase.history, stepKey) !== undefined || plannedSteps.includes(stepKey);

export type StepDecision =
  | { outcome: 'planned'; plan: StepPlan; estimatedYear: number | null }
  /** Handed to an agency: no internal step any more. */
  | { outcome: 'frozen' }
  | { outcome: 'already-planned' }
  /** The anchor step is not in the history (yet). */
  | { outcome: 'waiting' };

/** What hk-plan-step does with a case. */
export function decideStep(
  config: StepConfig,
  strategyCase: PlanFacts & Pick<StrategyCase, 'maxDaysPastDue'>,
  context: PlanContext,
): StepDecision {
  const { history } = strategyCase;
  if (history?.frozen === true) return { outcome: 'frozen' };
  if (isPlannedStep(config.stepKey, strategyCase, context.plannedSteps)) {
    return { outcome: 'already-planned' };
  }

  const from = anchorDay(config.anchor, config.afterStep, strategyCase);
  if (from === null) return { outcome: 'waiting' };

  const interval =
    config.adaptive === null
      ? config.offsetDays
      : adaptInterval(config.offsetDays, history, config.adaptive);
  const { dueOn, estimatedYear } = scheduleAfter(from, interval, config.dayType, strategyCase.asOf);
  const plan = planStep(config, strategyCase, context.origin, context.branches, dueOn);
  return { outcome: 'planned', plan, estimatedYear };
}
