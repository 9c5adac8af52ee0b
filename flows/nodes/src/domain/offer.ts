/**
 * hk-offer: proposes an instalment plan (分期还款) or an extension (展期) of the overdue amount.
 * Terms are computed in integer minor units, so the payments always add up to the amount.
 */
import type { OfferTerms, StepPlan, StrategyCase } from '../types';
import { addCalendarDays } from './business-days';
import { isKey, parseWholeNumber, trimmed, type ConfigResult } from './config-values';
import { isPlanned, type PlanContext } from './step-plan';

export const OFFER_TYPES = ['instalment', 'extension'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

/** The channels an offer can go by; 'reminder' picks one per case as hk-plan-step does. */
export const OFFER_CHANNELS = ['reminder', 'email', 'sms', 'letter'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];

/** The channels an offer ends up on: always in writing, never a call or a visit. */
export type WrittenChannel = Exclude<OfferChannel, 'reminder'>;

type ContactFacts = Pick<StrategyCase, 'preferredChannel' | 'reachable'>;

/**
 * The channel of an offer on 'reminder'. Terms must be put in writing, so unlike a reminder
 * (reminderChannel in step-plan.ts) a debtor who prefers phone calls does not get a call:
 * 1. the preferred channel when it is email or SMS and reachable;
 * 2. else email if reachable, else SMS if reachable;
 * 3. else a letter.
 */
export function writtenChannel({ preferredChannel, reachable }: ContactFacts): WrittenChannel {
  if (preferredChannel === 'email' && reachable.email) return 'email';
  if (preferredChannel === 'sms' && reachable.sms) return 'sms';
  if (reachable.email) return 'email';
  if (reachable.sms) return 'sms';
  return 'letter';
}

/** The channel hk-offer sends by: the configured one, or for 'reminder' the written one. */
export const resolveOfferChannel = (channel: OfferChannel, facts: ContactFacts): WrittenChannel =>
  channel === 'reminder' ? writtenChannel(facts) : channel;

/** The ranges the node accepts; the platform checks the terms against its policy limits. */
export const OFFER_LIMITS = {
  instalments: { min: 2, max: 36 },
  intervalDays: { min: 7, max: 92 },
  downPaymentPercent: { min: 0, max: 50 },
  extensionDays: { min: 1, max: 180 },
} as const;

export const DEFAULT_OFFER_TEMPLATES: Readonly<Record<OfferType, string>> = {
  instalment: 'instalment-offer',
  extension: 'extension-offer',
};

export type OfferSchedule =
  | { type: 'instalment'; instalments: number; intervalDays: number; downPaymentPercent: number }
  | { type: 'extension'; extensionDays: number };

export interface OfferConfig {
  stepKey: string;
  schedule: OfferSchedule;
  channel: OfferChannel;
  templateCode: string;
}

/** The node properties; `type` is Node-RED's own (the node type), hence `offerType`. */
export interface RawOfferConfig {
  step?: unknown;
  offerType?: unknown;
  instalments?: unknown;
  intervalDays?: unknown;
  downPaymentPercent?: unknown;
  extensionDays?: unknown;
  channel?: unknown;
  template?: unknown;
}

export type OfferConfigProblem =
  | 'step-missing'
  | 'step-invalid'
  | 'type-invalid'
  | 'instalments-invalid'
  | 'interval-invalid'
  | 'down-payment-invalid'
  | 'extension-invalid'
  | 'channel-invalid'
  | 'template-invalid';

type Limit = keyof typeof OFFER_LIMITS;
const inRange = (value: unknown, limit: Limit): number | null =>
  parseWholeNumber(value, OFFER_LIMITS[limit].min, OFFER_LIMITS[limit].max);

/** The schedule of the configured type; the other type's fields are not looked at. */
function parseSchedule(
  type: OfferType,
  raw: RawOfferConfig,
): { schedule: OfferSchedule } | { problem: OfferConfigProblem } {
  if (type === 'extension') {
    const extensionDays = inRange(raw.extensionDays, 'extensionDays');
    if (extensionDays === null) return { problem: 'extension-invalid' };
    return { schedule: { type, extensionDays } };
  }
  const instalments = inRange(raw.instalments, 'instalments');
  if (instalments === null) return { problem: 'instalments-invalid' };
  const intervalDays = inRange(raw.intervalDays, 'intervalDays');
  if (intervalDays === null) return { problem: 'interval-invalid' };
  const downPaymentPercent = inRange(raw.downPaymentPercent ?? 0, 'downPaymentPercent');
  if (downPaymentPercent === null) return { problem: 'down-payment-invalid' };
  return { schedule: { type, instalments, intervalDays, downPaymentPercent } };
}

/** Checks an hk-offer configuration and normalises it. */
export function parseOfferConfig(
  raw: RawOfferConfig,
): ConfigResult<OfferConfig, OfferConfigProblem> {
  const stepKey = trimmed(raw.step);
  if (stepKey === '') return { problem: 'step-missing' };
  if (!isKey(stepKey)) return { problem: 'step-invalid' };

  const type = OFFER_TYPES.find((candidate) => candidate === raw.offerType);
  if (type === undefined) return { problem: 'type-invalid' };
  const parsed = parseSchedule(type, raw);
  if ('problem' in parsed) return parsed;

  const channel = OFFER_CHANNELS.find((candidate) => candidate === raw.channel);
  if (channel === undefined) return { problem: 'channel-invalid' };
  const templateCode = trimmed(raw.template) || DEFAULT_OFFER_TEMPLATES[type];
  if (!isKey(templateCode)) return { problem: 'template-invalid' };

  return { config: { stepKey, schedule: parsed.schedule, channel, templateCode } };
}

/** floor(amount × percent / 100) without an intermediate product beyond the amount itself. */
export const percentOf = (amountMinor: number, percent: number): number =>
  Math.floor(amountMinor / 100) * percent + Math.floor(((amountMinor % 100) * percent) / 100);

/**
 * The terms for `amountMinor` (at least 0) from the as-of date: the down payment, then equal
 * instalments every `intervalDays` calendar days with the remainder on the last one; or for an
 * extension one payment of the whole amount after `extensionDays` days.
 */
export function offerTerms(
  schedule: OfferSchedule,
  amountMinor: number,
  currency: string,
  asOf: string,
): OfferTerms {
  if (schedule.type === 'extension') {
    return {
      type: 'extension',
      downPaymentMinor: 0,
      instalments: [
        { dueOn: addCalendarDays(asOf, schedule.extensionDays), amountMinor: amountMinor },
      ],
      extensionDays: schedule.extensionDays,
      currency,
    };
  }

  const { instalments: count, intervalDays } = schedule;
  const downPaymentMinor = percentOf(amountMinor, schedule.downPaymentPercent);
  const rest = amountMinor - downPaymentMinor;
  const share = Math.floor(rest / count);
  const instalments = Array.from({ length: count }, (_, i) => ({
    dueOn: addCalendarDays(asOf, (i + 1) * intervalDays),
    amountMinor: i === count - 1 ? rest - share * (count - 1) : share,
  }));
  return {
    type: 'instalment',
    downPaymentMinor,
    instalments,
    extensionDays: count * intervalDays,
    currency,
  };
}

export type OfferDecision =
  | { outcome: 'planned'; plan: StepPlan }
  | { outcome: 'frozen' }
  | { outcome: 'already-planned' }
  /** Nothing overdue to offer terms for. */
  | { outcome: 'nothing-due' };

type OfferFacts = Pick<
  StrategyCase,
  | 'caseId'
  | 'asOf'
  | 'history'
  | 'overdueAmountMinor'
  | 'currency'
  | 'preferredChannel'
  | 'reachable'
>;

/** What hk-offer does with a case: the offer is sent on the as-of date. */
export function decideOffer(
  config: OfferConfig,
  strategyCase: OfferFacts,
  context: PlanContext,
): OfferDecision {
  if (strategyCase.history?.frozen === true) return { outcome: 'frozen' };
  if (isPlanned(config.stepKey, strategyCase, context.plannedSteps)) {
    return { outcome: 'already-planned' };
  }
  if (strategyCase.overdueAmountMinor <= 0) return { outcome: 'nothing-due' };

  const { asOf, currency, overdueAmountMinor } = strategyCase;
  const plan: StepPlan = {
    kind: 'offer',
    caseId: strategyCase.caseId,
    stepKey: config.stepKey,
    round: strategyCase.history?.round ?? 0,
    channel: resolveOfferChannel(config.channel, strategyCase),
    templateCode: config.templateCode,
    dueOn: asOf,
    offsetDays: 0,
    branches: context.branches,
    offer: offerTerms(config.schedule, overdueAmountMinor, currency, asOf),
    flowId: context.origin.flowId,
    nodeId: context.origin.nodeId,
  };
  return { outcome: 'planned', plan };
}
