/**
 * Shared types of Huikuan's collection-strategy flows: what a strategy run feeds into a flow
 * (StrategyCase), what the flow hands back (StepPlan) and the bridge between the two.
 */

/** How an action reaches the debtor. */
export type ActionChannel = 'email' | 'sms' | 'letter' | 'phone' | 'visit' | 'legal';

/** One collection case as the strategy flow sees it: facts only, no PII beyond names. */
export interface StrategyCase {
  /** Collection case documentId. */
  caseId: string;
  debtorCode: string;
  debtorName: string;
  /** YYYY-MM-DD: the run's as-of date in the debtor's time zone. */
  asOf: string;
  /** Of the debtor's open overdue invoices. */
  maxDaysPastDue: number;
  /** Integer minor units. */
  overdueAmountMinor: number;
  openAmountMinor: number;
  currency: string;
  overdueInvoices: number;
  /**
   * Overdue invoices on hold because they are disputed; not counted in maxDaysPastDue or
   * overdueAmountMinor. A whole number of at least 0 when given.
   */
  disputedInvoices?: number;
  /** 'zh-CN' | 'en' */
  locale: string;
  /** IANA time zone. */
  timeZone: string;
  preferredChannel: 'email' | 'sms' | 'phone' | 'letter' | null;
  reachable: { email: boolean; sms: boolean };
  /** Ability x willingness quadrant from the scoring plugin: HH, HL (able, unwilling), LH, LL. */
  quadrant?: 'HH' | 'HL' | 'LH' | 'LL';
  /** Why the account is overdue: cash_flow, oversight, dispute, wilful or unknown. */
  reason?: 'cash_flow' | 'oversight' | 'dispute' | 'wilful' | 'unknown';
  /** 0–100. */
  abilityScore?: number;
  /** 0–100. */
  willingnessScore?: number;
}

/** One planned collection action, produced by an hk-plan-step node. */
export interface StepPlan {
  caseId: string;
  /** Stable key of the step: the node's configured `step` name, e.g. 'reminder', 'phone-day-3'. */
  stepKey: string;
  channel: ActionChannel;
  /** e.g. 'reminder', 'phone-script', 'demand-letter', 'visit', 'legal-review'. */
  templateCode: string;
  /** The action is due this many days after the as-of date (0 = today). */
  offsetDays: number;
  /** The planning node's z (tab id). */
  flowId: string;
  nodeId: string;
}

/** Receives the plans of a strategy run. */
export interface StrategyBridge {
  planStep(plan: StepPlan): void;
}

/** What the runtime sees of a deployed hk-case-source node. */
export interface CaseSource {
  readonly nodeId: string;
  readonly flowId: string;
  /** Sends every case into the flow as its own message and returns how many it sent. */
  emitCases(cases: readonly StrategyCase[]): number;
}

/** Where hk-case-source nodes announce themselves while they are deployed. */
export interface CaseSourceRegistry {
  registerSource(source: CaseSource): void;
  unregisterSource(source: CaseSource): void;
}

/** The object the strategy runtime puts under `RED.settings.huikuanBridge`. */
export interface HuikuanBridge extends StrategyBridge, CaseSourceRegistry {}

/** The custom Node-RED settings key that holds the HuikuanBridge. */
export const BRIDGE_SETTING = 'huikuanBridge';
