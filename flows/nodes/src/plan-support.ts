/**
 * The runtime shared by Huikuan's planning nodes (hk-plan-step, hk-wait, hk-escalate, hk-offer):
 * what a plan takes from the message, how it is handed over, and their status badges.
 *
 * Message properties they read and write besides `payload`:
 * - `branches`: the split branches the case took (appended by hk-split), copied into each plan;
 * - `plan`: the plan the node just made; removed when it made none, so it never shows an
 *   earlier node's plan;
 * - `plannedSteps`: the step keys planned for the case in this run, so a flow that loops back
 *   (hk-wait's output 4) does not plan a step twice: the history only shows earlier runs;
 * - `plannedDue`: the due day of each step planned in this run, by step key, so an hk-wait
 *   after a step planned moments ago counts from that step's day, not from today;
 * - `sentBack`: ids of the hk-wait nodes that sent the message back already in this run.
 */
import type { PlanContext } from './domain/step-plan';
import type { NodeMessage, RuntimeNode } from './node-red';
import { statusBadge, toError } from './node-support';
import { OutputTally } from './output-tally';
import type { BranchAssignment, StepPlan, StrategyBridge } from './types';

const stringList = (value: unknown): readonly string[] =>
  Array.isArray(value) ? (value as string[]) : [];

/** Origin, branches and this run's planned steps of a message reaching `node`. */
export function planContext(node: RuntimeNode, msg: NodeMessage): PlanContext {
  return {
    origin: { flowId: node.z ?? '', nodeId: node.id },
    branches: Array.isArray(msg.branches) ? [...(msg.branches as BranchAssignment[])] : [],
    plannedSteps: stringList(msg.plannedSteps),
  };
}

/** Hands `plan` to the bridge (if any) and puts it on the message. May throw (the bridge). */
export function handOver(bridge: StrategyBridge | null, plan: StepPlan, msg: NodeMessage): void {
  bridge?.planStep(plan);
  msg.plan = plan;
  msg.plannedSteps = [...stringList(msg.plannedSteps), plan.stepKey];
  if (plan.kind !== 'hold') msg.plannedDue = { ...plannedDue(msg), [plan.stepKey]: plan.dueOn };
}

/** The due day of each step planned for the case earlier in this run. */
export function plannedDue(msg: NodeMessage): Readonly<Record<string, string>> {
  const value = msg.plannedDue;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, string>)
    : {};
}

/**
 * Carries out a planning node's decision on the message: a plan is handed over (and
 * `noteEstimated` told whether its working days were estimated), any other outcome leaves the
 * message without a plan. Returns false when the bridge refused the plan: `done(err)` is called.
 */
export function applyDecision(
  bridge: StrategyBridge | null,
  decision: { outcome: string; plan?: StepPlan; estimatedYear?: number | null },
  msg: NodeMessage,
  done: (err?: Error) => void,
  noteEstimated?: (year: number | null) => void,
): boolean {
  if (decision.outcome !== 'planned' || decision.plan === undefined) {
    withoutPlan(msg);
    return true;
  }
  try {
    handOver(bridge, decision.plan, msg);
  } catch (err) {
    done(toError(err));
    return false;
  }
  noteEstimated?.(decision.estimatedYear ?? null);
  return true;
}

/** The message goes on without a plan of this node. */
export function withoutPlan(msg: NodeMessage): NodeMessage {
  delete msg.plan;
  return msg;
}

export const wasSentBackBy = (msg: NodeMessage, nodeId: string): boolean =>
  stringList(msg.sentBack).includes(nodeId);

export function markSentBack(msg: NodeMessage, nodeId: string): void {
  msg.sentBack = [...stringList(msg.sentBack), nodeId];
}

/**
 * Logs once per year (per node) that the business days of `year` are counted Monday to Friday
 * only, since the holiday data stops before it.
 */
export function holidayDataWarner(
  node: RuntimeNode,
  warning: (year: number) => string,
): (year: number | null) => void {
  const warned = new Set<number>();
  return (year) => {
    if (year === null || warned.has(year)) return;
    warned.add(year);
    node.warn(warning(year));
  };
}

/** Badge texts of a planning node, in the runtime's language. */
export interface TallyTexts {
  /** One label per slot; the first `plannedSlots` slots count plans. */
  labels: readonly string[];
  /** The warning when the node runs outside the strategy runtime, else null. */
  noBridge: string | null;
  /** The warning when plans of the run used estimated (Mon-Fri) working days. */
  estimated?: string;
}

/**
 * A throttled badge of what a planning node did in the run: "planned 12 · waiting 2", green
 * while it plans, grey when it planned nothing, yellow with a warning when its plans go nowhere
 * or some used estimated working days. Slot `labels.length` counts those estimated plans.
 */
export function planningTally(node: RuntimeNode, texts: TallyTexts, plannedSlots = 1): OutputTally {
  const { labels } = texts;
  return new OutputTally(labels.length + 1, (counts) => {
    const text = labels
      .map((label, i) => ({ label, count: counts[i] ?? 0 }))
      .filter(({ count }, i) => i === 0 || count > 0)
      .map(({ label, count }) => `${label} ${count}`)
      .join(' · ');
    const planned = counts.slice(0, plannedSlots).reduce((sum, count) => sum + count, 0);
    const estimated = (counts[labels.length] ?? 0) > 0 ? (texts.estimated ?? null) : null;
    const warning = texts.noBridge ?? estimated;

    if (warning !== null) node.status(statusBadge.warning(`${warning} · ${text}`));
    else node.status(planned > 0 ? statusBadge.ok(text) : statusBadge.idle(text));
  });
}
