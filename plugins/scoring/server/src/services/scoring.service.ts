import type { Core } from '@strapi/strapi';
import { logEvent } from '@huikuan/plugin-collections/utils/log';
import type { Db } from '@huikuan/plugin-collections/utils/model';

import { forecastPayments, upcomingLateProbability } from '../adapters/payments';
import { createStatementReader } from '../adapters/statements';
import { assessDebtor, type DebtorAssessment } from '../domain/assess';
import type { Verdict } from '../domain/policy';
import { QUADRANTS, type Quadrant } from '../domain/quadrant';
import { createHistoryStore } from '../repositories/history-store';
import { createSnapshotStore } from '../repositories/snapshot-store';
import type { PaymentPrediction } from '../payment/model';
import type { IsoDate } from '../types';
import { getScoringService } from '../utils/services';

export interface CaseToScore {
  caseId: number;
  debtorId: number;
  asOf: IsoDate;
}

/** What the strategy flow and the run's report receive for one case. */
export interface CaseScore {
  caseId: number;
  debtorId: number;
  quadrant: Quadrant;
  reason: Verdict;
  abilityScore: number;
  willingnessScore: number;
  abilityBasis: DebtorAssessment['ability']['basis'];
  lateProbability: number | null;
}

export interface ScoringResult {
  scores: Map<number, CaseScore>;
  segments: Record<Quadrant, number>;
  reasons: Record<Verdict, number>;
  policyVersion: number;
  modelVersions: Record<string, string | null>;
}

const emptyCounts = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

const scoringService = ({ strapi }: { strapi: Core.Strapi }) => {
  const histories = createHistoryStore(strapi);
  const snapshots = createSnapshotStore(strapi);

  /** Scores debtors on their as-of dates without writing anything. */
  const assess = async (db: Db, targets: Array<{ debtorId: number; asOf: IsoDate }>) => {
    const { version, hash, policy } = await getScoringService(strapi, 'policy').current();
    const loaded = await histories.load(db, [...new Set(targets.map((t) => t.debtorId))]);
    const historyOf = (debtorId: number) => {
      const history = loaded.get(debtorId);
      if (!history) throw new Error(`debtor ${debtorId} is not in the ledger`);
      return history;
    };
    const readStatement = await createStatementReader();
    const forecast = await forecastPayments(
      strapi,
      db,
      targets.map((target) => ({ history: historyOf(target.debtorId), asOf: target.asOf })),
    );
    const assessments = new Map<number, DebtorAssessment>();
    const predictions = new Map<number, PaymentPrediction[]>();
    for (const target of targets) {
      const history = historyOf(target.debtorId);
      const forDebtor = forecast.byDebtor.get(history.debtorCode) ?? [];
      predictions.set(target.debtorId, forDebtor);
      assessments.set(
        target.debtorId,
        assessDebtor(policy, history, target.asOf, {
          readStatement,
          lateProbability: upcomingLateProbability(forDebtor),
        }),
      );
    }
    const modelVersions = {
      bankruptcy: readStatement.modelVersion,
      payment: forecast.version,
      policy: `v${version} sha256:${hash.slice(0, 16)}`,
    };
    return { assessments, predictions, policyVersion: version, modelVersions };
  };

  /**
   * Scores the debtor of every open case before the strategy runs and keeps a dated
   * snapshot of each score with its evidence, policy version and model versions
   * (`write: false`, for dry runs, scores the same and keeps nothing).
   */
  const scoreCases = async (
    db: Db,
    cases: CaseToScore[],
    options: { write?: boolean } = {},
  ): Promise<ScoringResult> => {
    const { assessments, predictions, policyVersion, modelVersions } = await assess(db, cases);
    const scores = new Map<number, CaseScore>();
    const segments = emptyCounts(QUADRANTS);
    const reasons = emptyCounts<Verdict>([
      'cash_flow',
      'oversight',
      'dispute',
      'wilful',
      'unknown',
    ]);
    for (const entry of cases) {
      const assessment = assessments.get(entry.debtorId) as DebtorAssessment;
      segments[assessment.quadrant] += 1;
      reasons[assessment.reason.verdict] += 1;
      scores.set(entry.caseId, {
        caseId: entry.caseId,
        debtorId: entry.debtorId,
        quadrant: assessment.quadrant,
        reason: assessment.reason.verdict,
        abilityScore: assessment.ability.score,
        willingnessScore: assessment.willingness.score,
        abilityBasis: assessment.ability.basis,
        lateProbability: assessment.lateProbability,
      });
    }
    if (options.write === false) {
      return { scores, segments, reasons, policyVersion, modelVersions };
    }
    const written = await snapshots.write(
      db,
      cases.map((entry) => ({
        assessment: assessments.get(entry.debtorId) as DebtorAssessment,
        debtorId: entry.debtorId,
        caseId: entry.caseId,
        policyVersion,
        modelVersions,
        predictions: predictions.get(entry.debtorId) ?? [],
      })),
    );
    logEvent(strapi, 'info', 'scoring.done', {
      cases: cases.length,
      segments,
      reasons,
      snapshots: written,
      policyVersion,
      modelVersions,
    });
    return { scores, segments, reasons, policyVersion, modelVersions };
  };

  /** Fails now, before a run writes anything, if the policy or the shipped model is unusable. */
  const ready = async (): Promise<void> => {
    await getScoringService(strapi, 'policy').current();
    await createStatementReader();
  };

  return { assess, ready, scoreCases };
};

export default scoringService;
