/**
 * hk-escalate: a field visit, a legal review, a hand-off to a collection agency or a write-off
 * proposal for finance to approve.
 */
import type { EscalationType, StepPlan, StrategyCase } from '../types';
import { daysBetween, type DayType } from './business-days';
import {
  OFFSET_DAYS_LIMIT,
  isKey,
  parseDayType,
  parseWholeNumber,
  trimmed,
  type ConfigResult,
} from './config-values';
import { isPlanned, type PlanContext } from './step-plan';
import { scheduleAfter } from './step-timing';

export const ESCALATION_TYPES = [
  'visit',
  'legal',
  'agency',
  'write_off',
] as const satisfies readonly EscalationType[];

/** The template of each type when the node names none. */
export const DEFAULT_ESCALATION_TEMPLATES: Readonly<Record<EscalationType, string>> = {
  visit: 'visit',
  legal: 'legal-review',
  agency: 'agency-handoff',
  write_off: 'write-off-proposal',
};

/** What a case handed to an agency (frozen) can still get: it is not handed over again. */
const FROZEN_ALLOWED: ReadonlySet<EscalationType> = new Set(['legal', 'write_off']);

export interface EscalationConfig {
  stepKey: string;
  type: EscalationType;
  /** The agency a case is handed to (type 'agency' only), else null. */
  agencyCode: string | null;
  templateCode: string;
  offsetDays: number;
  dayType: DayType;
}

/** The node properties; `type` is Node-RED's own (the node type), hence `escalationType`. */
export interface RawEscalationConfig {
  step?: unknown;
  escalationType?: unknown;
  agency?: unknown;
  template?: unknown;
  offsetDays?: unknown;
  dayType?: unknown;
}

export type EscalationConfigProblem =
  | 'step-missing'
  | 'step-invalid'
  | 'type-invalid'
  | 'agency-missing'
  | 'agency-invalid'
  | 'template-invalid'
  | 'offset-invalid'
  | 'day-type-invalid';

/** Checks an hk-escalate configuration and normalises it. */
export function parseEscalationConfig(
  raw: RawEscalationConfig,
): ConfigResult<EscalationConfig, EscalationConfigProblem> {
  const stepKey = trimmed(raw.step);
  if (stepKey === '') return { problem: 'step-missing' };
  if (!isKey(stepKey)) return { problem: 'step-invalid' };

  const type = ESCALATION_TYPES.find((candidate) => candidate === raw.escalationType);
  if (type === undefined) return { problem: 'type-invalid' };

  let agencyCode: string | null = null;
  if (type === 'agency') {
    agencyCode = trimmed(raw.agency);
    if (agencyCode === '') return { problem: 'agency-missing' };
    if (!isKey(agencyCode)) return { problem: 'agency-invalid' };
  }

  const templateCode = trimmed(raw.template) || DEFAULT_ESCALATION_TEMPLATES[type];
  if (!isKey(templateCode)) return { problem: 'template-invalid' };

  const offsetDays = parseWholeNumber(
    raw.offsetDays ?? 0,
    OFFSET_DAYS_LIMIT.min,
    OFFSET_DAYS_LIMIT.max,
  );
  if (offsetDays === null) return { problem: 'offset-invalid' };
  const dayType = parseDayType(raw.dayType);
  if (dayType === null) return { problem: 'day-type-invalid' };

  return { config: { stepKey, type, agencyCode, templateCode, offsetDays, dayType } };
}

export type EscalationDecision =
  | { outcome: 'planned'; plan: StepPlan; estimatedYear: number | null }
  /** With an agency already: only a legal review or a write-off proposal. */
  | { outcome: 'frozen' }
  | { outcome: 'already-planned' };

/** What hk-escalate does with a case. */
export function decideEscalation(
  config: EscalationConfig,
  strategyCase: Pick<StrategyCase, 'caseId' | 'asOf' | 'history'>,
  context: PlanContext,
): EscalationDecision {
  if (strategyCase.history?.frozen === true && !FROZEN_ALLOWED.has(config.type)) {
    return { outcome: 'frozen' };
  }
  if (isPlanned(config.stepKey, strategyCase, context.plannedSteps)) {
    return { outcome: 'already-planned' };
  }

  const { asOf } = strategyCase;
  const { dueOn, estimatedYear } = scheduleAfter(asOf, config.offsetDays, config.dayType, asOf);
  const plan: StepPlan = {
    kind: 'escalation',
    caseId: strategyCase.caseId,
    stepKey: config.stepKey,
    round: strategyCase.history?.round ?? 0,
    channel: config.type,
    templateCode: config.templateCode,
    dueOn,
    offsetDays: daysBetween(asOf, dueOn),
    branches: context.branches,
    escalation: { type: config.type, agencyCode: config.agencyCode },
    flowId: context.origin.flowId,
    nodeId: context.origin.nodeId,
  };
  return { outcome: 'planned', plan, estimatedYear };
}
