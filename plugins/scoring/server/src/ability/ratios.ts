/**
 * Ability-to-pay ratios of one financial statement: leverage, liquidity, cash cover and
 * Altman's Z'' for private, non-manufacturing firms. Every ratio is a value or an
 * `Unavailable` that names the line it lacks; bad data never throws and never yields
 * NaN or Infinity.
 */
import type { FinancialStatementRecord, Unavailable } from '../types';

import {
  type Amount,
  type Bilingual,
  type Notice,
  LINE_LABELS,
  StatementReader,
  describeProblem,
  divide,
  mergeProblems,
  sum,
} from './amounts';

export type Ratio = { available: true; value: number; notices: Notice[] } | Unavailable;

export type AltmanZone = 'safe' | 'grey' | 'distress';

/** X1 working capital / TA, X2 retained earnings / TA, X3 EBIT / TA, X4 equity / TL. */
export interface AltmanComponents {
  x1: number;
  x2: number;
  x3: number;
  x4: number;
}

export type AltmanZ =
  | {
      available: true;
      value: number;
      zone: AltmanZone;
      components: AltmanComponents;
      notices: Notice[];
    }
  | Unavailable;

export interface AbilityRatios {
  /** 资产负债率: total liabilities / total assets. */
  debtRatio: Ratio;
  /** 流动比率: current assets / short-term liabilities. */
  currentRatio: Ratio;
  /** 速动比率: (current assets − inventory) / short-term liabilities. */
  quickRatio: Ratio;
  /** 现金比率: (cash + short-term securities) / short-term liabilities. */
  cashRatio: Ratio;
  /** 现金流量比率: operating cash flow / short-term liabilities. */
  operatingCashFlowRatio: Ratio;
  /** 营业收入增长: sales / the previous period's sales (needs the previous statement). */
  salesGrowth: Ratio;
  altmanZ: AltmanZ;
}

export const RATIO_LABELS: Record<keyof AbilityRatios, Bilingual> = {
  debtRatio: { 'zh-CN': '资产负债率', en: 'debt ratio' },
  currentRatio: { 'zh-CN': '流动比率', en: 'current ratio' },
  quickRatio: { 'zh-CN': '速动比率', en: 'quick ratio' },
  cashRatio: { 'zh-CN': '现金比率', en: 'cash ratio' },
  operatingCashFlowRatio: { 'zh-CN': '现金流量比率', en: 'operating cash flow ratio' },
  salesGrowth: { 'zh-CN': '营业收入增长率', en: 'sales growth' },
  altmanZ: { 'zh-CN': "Altman Z''值", en: "Altman Z''" },
};

/** Z'' above this is the safe zone (Altman, private non-manufacturing firms). */
export const ALTMAN_SAFE_ABOVE = 2.6;
/** Z'' below this is the distress zone; from here to ALTMAN_SAFE_ABOVE, both included, grey. */
export const ALTMAN_DISTRESS_BELOW = 1.1;

/** Z'' = 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4. */
export const altmanZDoublePrime = ({ x1, x2, x3, x4 }: AltmanComponents): number =>
  6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4;

export const altmanZone = (z: number): AltmanZone => {
  if (z > ALTMAN_SAFE_ABOVE) return 'safe';
  if (z < ALTMAN_DISTRESS_BELOW) return 'distress';
  return 'grey';
};

const NEGATIVE_EQUITY: Notice = {
  code: 'negative_equity',
  message: {
    'zh-CN': '所有者权益为负（资不抵债），资产负债率高于 100%',
    en: 'equity is negative: liabilities exceed assets and the debt ratio is above 100 %',
  },
};

const NEGATIVE_EQUITY_Z: Notice = {
  code: 'negative_equity',
  message: {
    'zh-CN': "所有者权益为负（资不抵债）：Z''照常计算，其中 X4（所有者权益/负债合计）为负",
    en:
      "equity is negative: Z'' is still computed, " +
      'with a negative X4 (equity / total liabilities)',
  },
};

const toRatio = (amount: Amount, label: Bilingual, notices: Notice[] = []): Ratio =>
  amount.ok
    ? { available: true, value: amount.value, notices }
    : describeProblem(amount.problem, label);

const isNegative = (amount: Amount): boolean => amount.ok && amount.value < 0;

/** Computes every ratio; `previous` is the same debtor's statement for the prior period. */
export const computeRatios = (
  statement: FinancialStatementRecord,
  previous?: FinancialStatementRecord | null,
): AbilityRatios => {
  const reader = new StatementReader(statement, previous ?? null);
  const line = reader.line.bind(reader);
  const totalAssets = line('totalAssetsMinor');
  const shortTerm = line('shortTermLiabilitiesMinor');
  const perShortTerm = (numerator: Amount): Amount =>
    divide(numerator, shortTerm, LINE_LABELS.shortTermLiabilitiesMinor);
  const equityNotices = isNegative(line('equityMinor')) ? [NEGATIVE_EQUITY] : [];

  return {
    debtRatio: toRatio(
      divide(line('totalLiabilitiesMinor'), totalAssets, LINE_LABELS.totalAssetsMinor),
      RATIO_LABELS.debtRatio,
      equityNotices,
    ),
    currentRatio: toRatio(perShortTerm(line('currentAssetsMinor')), RATIO_LABELS.currentRatio),
    quickRatio: toRatio(
      perShortTerm(sum([line('currentAssetsMinor'), 1], [line('inventoryMinor'), -1])),
      RATIO_LABELS.quickRatio,
    ),
    cashRatio: toRatio(
      perShortTerm(sum([line('cashMinor'), 1], [line('shortTermSecuritiesMinor'), 1])),
      RATIO_LABELS.cashRatio,
    ),
    operatingCashFlowRatio: toRatio(
      perShortTerm(line('operatingCashFlowMinor')),
      RATIO_LABELS.operatingCashFlowRatio,
    ),
    salesGrowth: toRatio(
      divide(line('salesMinor'), reader.previous('salesMinor'), {
        'zh-CN': '上期营业收入',
        en: "the previous period's sales",
      }),
      RATIO_LABELS.salesGrowth,
    ),
    altmanZ: computeAltmanZ(reader),
  };
};

/** Z'' with its zone; negative equity still scores (X4 < 0) but carries a notice. */
const computeAltmanZ = (reader: StatementReader): AltmanZ => {
  const line = reader.line.bind(reader);
  const totalAssets = line('totalAssetsMinor');
  const workingCapital = sum(
    [line('currentAssetsMinor'), 1],
    [line('shortTermLiabilitiesMinor'), -1],
  );
  const parts = [
    divide(workingCapital, totalAssets, LINE_LABELS.totalAssetsMinor),
    divide(line('retainedEarningsMinor'), totalAssets, LINE_LABELS.totalAssetsMinor),
    divide(line('ebitMinor'), totalAssets, LINE_LABELS.totalAssetsMinor),
    divide(line('equityMinor'), line('totalLiabilitiesMinor'), LINE_LABELS.totalLiabilitiesMinor),
  ];
  const [x1, x2, x3, x4] = parts;
  if (!x1?.ok || !x2?.ok || !x3?.ok || !x4?.ok) {
    return describeProblem(mergeProblems(parts), RATIO_LABELS.altmanZ);
  }

  const components = { x1: x1.value, x2: x2.value, x3: x3.value, x4: x4.value };
  const value = altmanZDoublePrime(components);
  const notices = x4.value < 0 ? [NEGATIVE_EQUITY_Z] : [];
  return { available: true, value, zone: altmanZone(value), components, notices };
};
