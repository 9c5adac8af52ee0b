import type { ActionChannel, StepPlan, StrategyCase } from '../types';

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

export interface StepConfig {
  stepKey: string;
  channel: PlanChannel;
  templateCode: string;
  offsetDays: number;
}

/** The node properties as they arrive from the flow file (the editor may store strings). */
export interface RawStepConfig {
  step?: unknown;
  channel?: unknown;
  template?: unknown;
  offsetDays?: unknown;
}

export type StepConfigProblem =
  | 'step-missing'
  | 'step-invalid'
  | 'channel-invalid'
  | 'template-missing'
  | 'template-invalid'
  | 'offset-invalid';

export type StepConfigResult =
  { config: StepConfig; problem?: never } | { problem: StepConfigProblem };

/** Step keys and template codes: letters, digits and single '-', '_' or '.' between them. */
export const KEY_PATTERN = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const MAX_KEY_LENGTH = 64;

const isKey = (value: string): boolean => value.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(value);

const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function parseOffsetDays(value: unknown): number | null {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return null;
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

  const offsetDays = parseOffsetDays(raw.offsetDays);
  if (offsetDays === null) return { problem: 'offset-invalid' };

  return { config: { stepKey, channel, templateCode, offsetDays } };
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

/** Plans one step of `config` for a case. */
export function planStep(
  config: StepConfig,
  strategyCase: Pick<StrategyCase, 'caseId'> & ContactFacts,
  origin: PlanOrigin,
): StepPlan {
  return {
    caseId: strategyCase.caseId,
    stepKey: config.stepKey,
    channel: resolveChannel(config.channel, strategyCase),
    templateCode: config.templateCode,
    offsetDays: config.offsetDays,
    flowId: origin.flowId,
    nodeId: origin.nodeId,
  };
}
