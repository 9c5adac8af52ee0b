import type { Core } from '@strapi/strapi';
import {
  bulkUpsert,
  type UpsertCounts,
} from '@huikuan/plugin-collections/repositories/bulk-upsert';
import { compositeKey } from '@huikuan/plugin-collections/domain/ledger';
import { modelTable, type Db } from '@huikuan/plugin-collections/utils/model';

import type { DebtorAssessment } from '../domain/assess';
import type { PaymentPrediction } from '../payment/model';

export interface SnapshotInput {
  assessment: DebtorAssessment;
  debtorId: number;
  caseId: number | null;
  policyVersion: number;
  modelVersions: Record<string, string | null>;
  /** The payment model's predictions for the debtor's open invoices. */
  predictions: PaymentPrediction[];
}

/** One snapshot per debtor and day: a re-run of the same day replaces that day's scores. */
export const snapshotKey = (debtorCode: string, asOf: string): string =>
  compositeKey(debtorCode, asOf);

const round = (value: number | null, digits = 4): number | null =>
  value === null ? null : Number(value.toFixed(digits));

/** Writes the dated score snapshots that let a score's history be audited later. */
export const createSnapshotStore = (strapi: Core.Strapi) => {
  const write = async (db: Db, inputs: SnapshotInput[]): Promise<UpsertCounts> => {
    const model = modelTable(strapi, 'api::score-snapshot.score-snapshot');
    const rows = inputs.map((input) => {
      const { assessment, debtorId, caseId, policyVersion, modelVersions } = input;
      const key = snapshotKey(assessment.debtorCode, assessment.asOf);
      return {
        key,
        values: {
          snapshotKey: key,
          asOf: assessment.asOf,
          abilityScore: assessment.ability.score,
          abilityBasis: assessment.ability.basis,
          abilityConfidence: assessment.ability.confidence,
          willingnessScore: assessment.willingness.score,
          willingnessConfidence: assessment.willingness.confidence,
          quadrant: assessment.quadrant,
          reasonVerdict: assessment.reason.verdict,
          bankruptcyProbability: round(assessment.statement?.bankruptcyProbability ?? null),
          lateProbability: round(assessment.lateProbability),
          details: JSON.stringify({
            ability: assessment.ability,
            willingness: assessment.willingness,
            reason: assessment.reason,
            behaviour: assessment.behaviour,
            statement: assessment.statement,
            invoices: input.predictions.map((prediction) => ({
              ...prediction,
              reasons: prediction.reasons.slice(0, 3),
            })),
          }),
          modelVersions: JSON.stringify(modelVersions),
          policyVersion,
        },
        links: [
          { attribute: 'debtor', targetId: debtorId, frozen: true },
          { attribute: 'collectionCase', targetId: caseId },
        ],
      };
    });
    const result = await bulkUpsert(db, model, 'snapshotKey', rows, 200);
    return { created: result.created, updated: result.updated, unchanged: result.unchanged };
  };

  return { write };
};
