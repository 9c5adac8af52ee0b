/**
 * Shared types of Huikuan's collection-strategy flows: what a strategy run feeds into a flow
 * (StrategyCase), what the flow hands back (StepPlan) and the bridge between the two.
 */

/**
 * How an action reaches the debtor, or who takes it over: 'agency' hands the case to an external
 * collection agency, 'write_off' is a write-off proposal for finance to approve.
 */
export type ActionChannel =
  'email' | 'sms' | 'letter' | 'phone' | 'visit' | 'legal' | 'agency' | 'write_off';

/** What followed an action, as recorded (activities) or as the dispatcher left it. */
export type ActionOutcome =
  | 'none'
  | 'sent'
  | 'failed'
  | 'no_answer'
  | 'wrong_number'
  | 'reached'
  | 'refused'
  | 'promised'
  | 'disputed'
  | 'paid';

/** One step of the case already planned by an earlier run (a stored action row). */
export interface CaseStepRecord {
  stepKey: string;
  /** The round the step was planned in (see CaseHistory.round). */
  round: number;
  channel: ActionChannel;
  /** YYYY-MM-DD, in the debtor's time zone: when the step is or was due. */
  dueOn: string;
  /** YYYY-MM-DD when it was sent or its task created; null while pending. */
  doneOn: string | null;
  status: 'pending' | 'done' | 'failed' | 'cancelled';
  /** The latest outcome recorded against the action. */
  outcome: ActionOutcome;
}

/** The promise to pay of the case, if any (the latest one counts). */
export interface CasePromise {
  /** open: its date has not passed; kept: paid in full by it; broken: not paid by its date. */
  state: 'none' | 'open' | 'kept' | 'broken';
  /** YYYY-MM-DD, or null when there is no promise. */
  dueOn: string | null;
  amountMinor: number | null;
  /** How many promises of this case were broken. */
  broken: number;
}

/**
 * What the case has been through: read from stored rows at each run, so a flow that reacts
 * to it keeps no state of its own.
 */
export interface CaseHistory {
  /** YYYY-MM-DD due date of the oldest collectible overdue invoice. */
  oldestDueOn: string;
  /** Steps of the case planned so far in the current round, by step key. */
  steps: Record<string, CaseStepRecord>;
  /** The latest step done (sent or task created), with how many days ago, or null. */
  lastAction: (CaseStepRecord & { daysAgo: number }) | null;
  /** Outbound contacts of this case so far (messages sent, tasks created). */
  contacts: number;
  /** Inbound contacts of this case (replies, calls taken, promises, disputes). */
  responses: number;
  /** Steps done since the latest response or payment, counting back from the newest. */
  unansweredActions: number;
  /** A reply, promise, dispute or payment after the last action done. */
  respondedSinceLastAction: boolean;
  /** A payment that left part of the overdue amount open, after the last action done. */
  partialPaymentSinceLastAction: boolean;
  promise: CasePromise;
  /** Earlier (closed) cases of the same debtor: 0 for a first-time offender. */
  priorCases: number;
  /**
   * Re-entries so far: each broken promise starts a new round, and a step key is planned once
   * per case and round.
   */
  round: number;
  /** The case was handed to an external agency: no internal step is planned any more. */
  frozen: boolean;
  agencyCode: string | null;
  /**
   * The case is with legal review (an open referral): internal steps stop, escalations (an
   * agency hand-off, a write-off) may still follow its outcome.
   */
  underLegalReview?: boolean;
}

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
  /** Stored history of the case; absent means none (a new case). */
  history?: CaseHistory;
}

/** The split branches a case went through on its way to a plan. */
export interface BranchAssignment {
  /** The experiment name configured on the hk-split node (stable across edits). */
  experiment: string;
  branch: string;
  nodeId: string;
}

/**
 * What a plan is: 'action' a message or task (hk-plan-step), 'hold' a pause until a date
 * (hk-wait), 'escalation' a visit, legal review, agency hand-off or write-off proposal
 * (hk-escalate), 'offer' an instalment plan or extension proposed to the debtor (hk-offer).
 */
export type PlanKind = 'action' | 'hold' | 'escalation' | 'offer';

export type EscalationType = 'visit' | 'legal' | 'agency' | 'write_off';

/** An instalment plan or extension as proposed; amounts in minor units of the case currency. */
export interface OfferTerms {
  type: 'instalment' | 'extension';
  /** Paid on acceptance; 0 when none. */
  downPaymentMinor: number;
  /** The schedule after the down payment (one entry for an extension). */
  instalments: Array<{ dueOn: string; amountMinor: number }>;
  /** Days the last payment lies after the as-of date. */
  extensionDays: number;
  currency: string;
}

/** One thing planned for a case by a Huikuan node. */
export interface StepPlan {
  kind: PlanKind;
  caseId: string;
  /** Stable key of the step: the node's configured `step` name, e.g. 'reminder', 'phone-day-3'. */
  stepKey: string;
  /** The case's round when planned (CaseHistory.round, 0 without history). */
  round: number;
  /** For a hold: null. */
  channel: ActionChannel | null;
  /** e.g. 'reminder', 'phone-script', 'demand-letter'; null for a hold. */
  templateCode: string | null;
  /** YYYY-MM-DD in the debtor's time zone: when it is due (a hold: until when). */
  dueOn: string;
  /** Days from the as-of date to dueOn (0 = today). */
  offsetDays: number;
  /** The split branches the case took to get here, in order. */
  branches: BranchAssignment[];
  /** kind 'hold': why. */
  hold?: { reason: 'promise' | 'wait' };
  /** kind 'escalation'. */
  escalation?: { type: EscalationType; agencyCode: string | null };
  /** kind 'offer'. */
  offer?: OfferTerms;
  /** The planning node's z (tab id). */
  flowId: string;
  nodeId: string;
}

/** A dry run's answer, as the editor's button shows it. */
export interface DryRunSummary {
  asOf: string;
  cases: number;
  planned: { total: number; byStep: Record<string, number>; byChannel: Record<string, number> };
  /** Plans the platform would refuse, with why (when the dry runner reports them). */
  refused?: Array<{ caseKey: string; stepKey: string; nodeId: string; reason: string }>;
}

/** What to dry-run: the deployed flows, or `flows` (the editor's nodes, not deployed). */
export interface DryRunOptions {
  asOf?: string;
  flows?: Array<Record<string, unknown>>;
}

/** Receives the plans of a strategy run. */
export interface StrategyBridge {
  planStep(plan: StepPlan): void;
  /** A case went down a branch of an hk-split node (also when nothing is planned after it). */
  assignBranch?(caseId: string, assignment: BranchAssignment): void;
  /** The agencies a case can be handed to (active rows of the agency content type). */
  listAgencies?(): Promise<Array<{ code: string; name: string }>>;
  /**
   * Plans today's open cases through the deployed flows, or through `flows` when given,
   * without deploying, storing or sending anything.
   */
  dryRun?(options: DryRunOptions): Promise<DryRunSummary>;
}

/** What the runtime sees of a deployed hk-case-source node. */
export interface CaseSource {
  readonly nodeId: string;
  readonly flowId: string;
  /**
   * Sends every case into the flow as its own message and returns how many it sent. A big run
   * arrives in several calls; `firstOfRun` marks the first (the node's counts start again).
   */
  emitCases(cases: readonly StrategyCase[], options?: { firstOfRun?: boolean }): number;
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
