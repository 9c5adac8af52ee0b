import { BankruptcyModel } from '../ability/bankruptcy-model';
import { computeRatios, type Ratio } from '../ability/ratios';
import type { StatementReading } from '../domain/assess';
import type { DebtorHistory } from '../domain/history';
import type { IsoDate } from '../types';

let shipped: Promise<BankruptcyModel> | null = null;

/** The shipped bankruptcy model, loaded once per process (its WASM memory is shared). */
const bankruptcyModel = (): Promise<BankruptcyModel> => {
  shipped ??= BankruptcyModel.loadShipped().catch((error: unknown) => {
    shipped = null;
    throw error;
  });
  return shipped;
};

export type StatementReader = ((
  history: DebtorHistory,
  asOf: IsoDate,
) => StatementReading | null) & {
  modelVersion: string;
};

const valueOf = (ratio: Ratio): number | null => (ratio.available ? ratio.value : null);

/**
 * Reads a debtor's latest statement on or before the as-of date (with the one before it,
 * for growth): the ability ratios, Altman Z'' and the bankruptcy model's probability
 * with its top factors. Ratios that cannot be computed say why.
 */
export const createStatementReader = async (): Promise<StatementReader> => {
  const model = await bankruptcyModel();
  const read = (history: DebtorHistory, asOf: IsoDate): StatementReading | null => {
    const usable = history.statements.filter((statement) => statement.periodEnd <= asOf);
    const latest = usable[usable.length - 1];
    if (!latest) return null;
    const previous = usable[usable.length - 2] ?? null;
    const ratios = computeRatios(latest, previous);
    const named = {
      debtRatio: ratios.debtRatio,
      currentRatio: ratios.currentRatio,
      quickRatio: ratios.quickRatio,
      cashRatio: ratios.cashRatio,
      operatingCashFlowRatio: ratios.operatingCashFlowRatio,
    };
    const unavailable: StatementReading['unavailable'] = [];
    for (const [ratio, result] of Object.entries({ ...named, altmanZ2: ratios.altmanZ })) {
      if (!result.available) unavailable.push({ ratio, ...result.message });
      else for (const notice of result.notices) unavailable.push({ ratio, ...notice.message });
    }
    const prediction = model.predict(latest, previous);
    return {
      periodEnd: latest.periodEnd,
      ratios: {
        ...Object.fromEntries(Object.entries(named).map(([key, ratio]) => [key, valueOf(ratio)])),
        altmanZ2: ratios.altmanZ.available ? ratios.altmanZ.value : null,
      },
      unavailable,
      bankruptcyProbability: prediction.available ? prediction.probability : null,
      factors: prediction.available
        ? prediction.factors.map((factor) => factor.text)
        : [prediction.message],
      modelVersion: model.version,
    };
  };
  return Object.assign(read, { modelVersion: model.version });
};
