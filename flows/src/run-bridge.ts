import type {
  BranchAssignment,
  CaseSource,
  DryRunSummary,
  HuikuanBridge,
  StepPlan,
} from '@huikuan/node-red-nodes';

export type PlanCollector = (plan: StepPlan) => void;
export type AssignmentCollector = (caseId: string, assignment: BranchAssignment) => void;

/** What the platform lends the nodes' editor endpoints (the dry-run button, the agency list). */
export interface EditorServices {
  dryRun?: (options: { asOf?: string }) => Promise<DryRunSummary>;
  listAgencies?: () => Promise<Array<{ code: string; name: string }>>;
}

/**
 * The runtime's side of `RED.settings.huikuanBridge`: keeps the deployed hk-case-source nodes,
 * passes the plans and split assignments of the current run to its collectors, and answers
 * the editor endpoints with the services the platform provided.
 */
export class RunBridge implements HuikuanBridge {
  private readonly sources = new Map<string, CaseSource>();
  private collector: PlanCollector | null = null;
  private assignments: AssignmentCollector | null = null;
  private services: EditorServices = {};

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

  assignBranch(caseId: string, assignment: BranchAssignment): void {
    this.assignments?.(caseId, assignment);
  }

  listAgencies(): Promise<Array<{ code: string; name: string }>> {
    const { listAgencies } = this.services;
    if (!listAgencies) return Promise.reject(new Error('no agency list is available here'));
    return listAgencies();
  }

  dryRun(options: { asOf?: string }): Promise<DryRunSummary> {
    const { dryRun } = this.services;
    if (!dryRun) return Promise.reject(new Error('dry runs are not available here'));
    return dryRun(options);
  }

  caseSources(): CaseSource[] {
    return [...this.sources.values()];
  }

  /** Sends the plans (and assignments) to the collectors until they are set to null. */
  collectPlans(
    collector: PlanCollector | null,
    assignments: AssignmentCollector | null = null,
  ): void {
    this.collector = collector;
    this.assignments = assignments;
  }

  provide(services: EditorServices): void {
    this.services = { ...this.services, ...services };
  }
}
