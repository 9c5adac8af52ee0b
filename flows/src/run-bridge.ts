import type { CaseSource, HuikuanBridge, StepPlan } from '@huikuan/node-red-nodes';

export type PlanCollector = (plan: StepPlan) => void;

/**
 * The runtime's side of `RED.settings.huikuanBridge`: keeps the deployed hk-case-source nodes
 * and passes the plans of the current run to its collector.
 */
export class RunBridge implements HuikuanBridge {
  private readonly sources = new Map<string, CaseSource>();
  private collector: PlanCollector | null = null;

  constructor(private readonly onStrayPlan: (plan: StepPlan) => void) {}

  registerSource(source: CaseSource): void {
    this.sources.set(source.nodeId, source);
  }

  /** Only forgets the source if it is still the registered one (redeploys overlap). */
  unregisterSource(source: CaseSource): void {
    if (this.sources.get(source.nodeId) === source) this.sources.delete(source.nodeId);
  }

  planStep(plan: StepPlan): void {
    if (this.collector === null) {
      this.onStrayPlan(plan);
      return;
    }
    this.collector(plan);
  }

  caseSources(): CaseSource[] {
    return [...this.sources.values()];
  }

  /** Sends the plans to `collector` until it is set to null. */
  collectPlans(collector: PlanCollector | null): void {
    this.collector = collector;
  }
}
