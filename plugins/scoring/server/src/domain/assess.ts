import type { IsoDate } from '../types';
import { summariseBehaviour, type Behaviour, type DebtorHistory } from './history';
import type { ScoringPolicy, Signal } from './policy';
import { quadrantOf, type Quadrant } from './quadrant';
import { decideReason, type ReasonVerdict, type SignalValues } from './reasons';
import {
  abilityScore,
  willingnessScore,
  WEAK_SCORE,
  type Score,
  type StatementAssessment,
} from './scores';

/** The ability module's reading of a debtor's statements, with its bankruptcy model. */
export type StatementReading = StatementAssessment & {
  bankruptcyProbability: number | null;
  /** Top factors of the bankruptcy probability, in both languages. */
  factors: Array<{ 'zh-CN': string; en: string }>;
  modelVersion: string | null;
};

export interface DebtorAssessment {
  debtorCode: string;
  asOf: IsoDate;
  ability: Score;
  willingness: Score;
  quadrant: Quadrant;
  reason: ReasonVerdict;
  behaviour: Omit<Behaviour, 'notes'>;
  statement: StatementReading | null;
  /** Mean predicted chance the open invoices are paid late, when a payment model is active. */
  lateProbability: number | null;
}

export interface AssessInputs {
  /** Reads the latest statement on or before the as-of date; null without one. */
  readStatement: (history: DebtorHistory, asOf: IsoDate) => StatementReading | null;
  /** Mean P(late) of the debtor's open invoices from the active payment model, if any. */
  lateProbability: number | null;
}

const signalsOf = (behaviour: Behaviour, ability: Score, willingness: Score): SignalValues => {
  const values: Record<Signal, number | null> = {
    disputedOpenInvoices: behaviour.disputedOpenInvoices,
    disputeContacts: behaviour.disputeContacts,
    promisesKept: behaviour.promisesKept,
    promisesBroken: behaviour.promisesBroken,
    refusals: behaviour.refusals,
    unansweredReminders: behaviour.unansweredReminders,
    repliedReminders: behaviour.repliedReminders,
    settledInvoices: behaviour.settledInvoices,
    onTimeShare: behaviour.onTimeShare,
    lateShare: behaviour.onTimeShare === null ? null : 1 - behaviour.onTimeShare,
    recentDaysLateTrend:
      behaviour.recentMeanDaysLate === null || behaviour.meanDaysLate === null
        ? null
        : behaviour.recentMeanDaysLate - behaviour.meanDaysLate,
    maxDaysPastDue: behaviour.maxDaysPastDue,
    partialPayments: behaviour.partialPayments,
    extensionRequests: behaviour.extensionRequests,
    balanceGrowth: behaviour.balanceGrowth,
    // An ability placed on the threshold for lack of evidence supports no verdict.
    abilityScore: ability.basis === 'none' ? null : ability.score,
    willingnessScore: willingness.basis === 'none' ? null : willingness.score,
    weakRatios:
      ability.basis === 'statements'
        ? ability.components.filter((c) => c.score < WEAK_SCORE).length
        : null,
  };
  return values;
};

/** Scores one debtor on one day: ability, willingness, quadrant and the overdue reason. */
export const assessDebtor = (
  policy: ScoringPolicy,
  history: DebtorHistory,
  asOf: IsoDate,
  inputs: AssessInputs,
): DebtorAssessment => {
  const behaviour = summariseBehaviour(history, asOf, policy.ability.extensionKeywords);
  const statement = inputs.readStatement(history, asOf);
  const ability = abilityScore(policy, behaviour, statement);
  if (statement?.factors.length && ability.basis === 'statements') {
    ability.notes.push(...statement.factors);
  }
  const predictedOnTime = inputs.lateProbability === null ? null : 1 - inputs.lateProbability;
  const willingness = willingnessScore(policy, behaviour, predictedOnTime);
  const quadrant = quadrantOf(ability.score, willingness.score, policy.quadrant);
  const reason = decideReason(
    policy.reasons,
    signalsOf(behaviour, ability, willingness),
    behaviour.notes,
  );
  const { notes: _notes, ...summary } = behaviour;
  return {
    debtorCode: history.debtorCode,
    asOf,
    ability,
    willingness,
    quadrant,
    reason,
    behaviour: summary,
    statement,
    lateProbability: inputs.lateProbability,
  };
};
