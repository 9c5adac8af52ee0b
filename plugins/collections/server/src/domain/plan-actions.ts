import type { CaseHistory, StepPlan } from '@huikuan/flows';

import { startOfDayIn } from './dates';
import type { Channel } from './ledger';
import { offerProblem, type StrategyPolicy } from './strategy-policy';
import type { DebtorExposure } from './portfolio';
import type { NewAction } from '../repositories/action-store';

/** A plan the platform would not store, and why (a flow or policy misconfiguration). */
export interface RefusedPlan {
  caseKey: string;
  stepKey: string;
  nodeId: string;
  reason: string;
}

/** What planning needs to know of an open case. */
export interface PlannedCase {
  id: number;
  caseKey: string;
  debtorId: number;
  exposure: DebtorExposure;
}

/** A step key is planned once per case and round: a broken promise starts a new round. */
export const keyOf = (caseKey: string, plan: StepPlan): string =>
  plan.round === 0 ? `${caseKey}:${plan.stepKey}` : `${caseKey}:${plan.stepKey}@r${plan.round}`;

/**
 * Turns the flow's plans into outbox rows, refusing what the platform must not store: any
 * internal step of a case handed to an agency, an offer outside the policy, an agency that
 * is not in the agency list.
 */
export const planActions = (
  plans: StepPlan[],
  context: {
    cases: Map<string, PlannedCase>;
    zones: Map<number, string>;
    histories: Map<number, CaseHistory>;
    version: string;
    strategyVersion: number | null;
    policy: StrategyPolicy;
    agencies: Set<string>;
    /** Published templates as `code:channel`; a step naming another is refused. */
    templates?: ReadonlySet<string>;
  },
): { wanted: NewAction[]; refused: RefusedPlan[] } => {
  const wanted: NewAction[] = [];
  const refused: RefusedPlan[] = [];
  const refusedCases = new Set<number>();
  for (const plan of plans) {
    const openCase = context.cases.get(plan.caseId);
    if (!openCase) throw new Error(`the strategy planned a step for unknown case ${plan.caseId}`);
    const refuse = (reason: string) => {
      refusedCases.add(openCase.id);
      refused.push({
        caseKey: openCase.caseKey,
        stepKey: plan.stepKey,
        nodeId: plan.nodeId,
        reason,
      });
    };
    const history = context.histories.get(openCase.id);
    const escalation = plan.kind === 'escalation' ? plan.escalation : undefined;
    if (history?.frozen && plan.kind !== 'hold') {
      if (!escalation || escalation.type === 'agency' || escalation.type === 'visit') {
        refuse(
          `the case is with agency ${history.agencyCode}: no internal step / 案件已委外，不再安排内部催收`,
        );
        continue;
      }
    }
    if (history?.underLegalReview && plan.kind !== 'hold') {
      if (!escalation || escalation.type === 'visit') {
        refuse(
          'the case is under legal review: no internal step / 案件在法务审核中，不再安排内部催收',
        );
        continue;
      }
    }
    if (escalation?.type === 'agency') {
      if (!escalation.agencyCode || !context.agencies.has(escalation.agencyCode)) {
        refuse(
          `agency '${escalation.agencyCode ?? ''}' is not an active agency / 委外机构不存在或未启用`,
        );
        continue;
      }
    }
    if (plan.kind === 'offer') {
      const problem = plan.offer
        ? offerProblem(
            plan.offer,
            openCase.exposure.collectibleMinor,
            openCase.exposure.asOf,
            context.policy,
          )
        : 'the offer has no terms';
      if (problem !== null) {
        refuse(`offer outside the policy / 超出策略限额: ${problem}`);
        continue;
      }
    }
    if (plan.kind !== 'hold' && (plan.channel === null || plan.templateCode === null)) {
      refuse('a step needs a channel and a template');
      continue;
    }
    if (
      plan.kind !== 'hold' &&
      context.templates !== undefined &&
      !context.templates.has(`${plan.templateCode}:${plan.channel}`)
    ) {
      refuse(
        `no published template '${plan.templateCode}' for channel ${plan.channel} / ` +
          `没有渠道 ${plan.channel} 的已发布模板 ${plan.templateCode}`,
      );
      continue;
    }
    const zone = context.zones.get(openCase.debtorId) as string;
    const dueOn = plan.dueOn < openCase.exposure.asOf ? openCase.exposure.asOf : plan.dueOn;
    const detail: Record<string, unknown> | null =
      plan.kind === 'hold'
        ? { reason: plan.hold?.reason ?? 'wait', until: dueOn }
        : plan.kind === 'escalation'
          ? { ...escalation }
          : plan.kind === 'offer'
            ? { offer: plan.offer }
            : null;
    wanted.push({
      idempotencyKey: keyOf(openCase.caseKey, plan),
      kind: plan.kind,
      stepKey: plan.stepKey,
      round: plan.round,
      channel: plan.kind === 'hold' ? null : (plan.channel as Channel),
      templateCode: plan.kind === 'hold' ? null : plan.templateCode,
      asOf: openCase.exposure.asOf,
      dueAt: startOfDayIn(dueOn, zone),
      flowVersion: context.version,
      strategyVersion: context.strategyVersion,
      flowNodeId: plan.nodeId,
      branches: plan.branches.map(({ experiment, branch }) => ({ experiment, branch })),
      detail,
      caseId: openCase.id,
      debtorId: openCase.debtorId,
    });
  }
  // A wait the flow planned after a refused step would wait for something never sent.
  const kept = wanted.filter(
    (action) =>
      !(
        action.kind === 'hold' &&
        action.detail?.reason === 'wait' &&
        refusedCases.has(action.caseId)
      ),
  );
  return { wanted: kept, refused };
};

export const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};
