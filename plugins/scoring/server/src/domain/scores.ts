import { daysBetween } from '@huikuan/plugin-collections/domain/dates';

import type { IsoDate } from '../types';
import type { Behaviour } from './history';
import { anchorScore, type Anchor, type ScoringPolicy } from './policy';

export type Basis = 'statements' | 'behaviour' | 'none';
export type Confidence = 'high' | 'medium' | 'low' | 'none';

/** One input of a score: its value, the 0–100 it earned and its weight. */
export interface Component {
  code: string;
  value: number;
  score: number;
  weight: number;
  text: { 'zh-CN': string; en: string };
}

export interface Score {
  score: number;
  basis: Basis;
  confidence: Confidence;
  components: Component[];
  /** Why the basis or confidence is what it is, e.g. no statement on file. */
  notes: Array<{ 'zh-CN': string; en: string }>;
}

/** What the ability module found in the debtor's latest statement. */
export interface StatementAssessment {
  periodEnd: IsoDate;
  ratios: Partial<Record<keyof ScoringPolicy['ability']['ratios'], number | null>>;
  /** Ratios that could not be computed, with the reason in both languages. */
  unavailable: Array<{ ratio: string; 'zh-CN': string; en: string }>;
}

const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  debtRatio: { 'zh-CN': '资产负债率', en: 'debt ratio' },
  currentRatio: { 'zh-CN': '流动比率', en: 'current ratio' },
  quickRatio: { 'zh-CN': '速动比率', en: 'quick ratio' },
  cashRatio: { 'zh-CN': '现金比率', en: 'cash ratio' },
  operatingCashFlowRatio: {
    'zh-CN': '经营现金流/流动负债',
    en: 'operating cash flow / short-term liabilities',
  },
  altmanZ2: { 'zh-CN': "Altman Z''", en: "Altman Z''" },
  bankruptcyProbability: { 'zh-CN': '破产风险概率', en: 'bankruptcy probability' },
  partialPaymentShare: { 'zh-CN': '部分付款发票占比', en: 'share of invoices paid in part' },
  extensionRequests: { 'zh-CN': '延期请求次数', en: 'requests for more time' },
  balanceGrowth: { 'zh-CN': '未结余额 90 天增幅', en: 'open balance growth over 90 days' },
  recentDaysLate: {
    'zh-CN': '最近 5 张发票平均逾期天数',
    en: 'mean days late of the last 5 invoices',
  },
  onTimeShare: { 'zh-CN': '历史按时付款比例', en: 'share of past invoices paid on time' },
  meanDaysLate: { 'zh-CN': '历史平均逾期天数', en: 'mean days late' },
  promiseKeptShare: { 'zh-CN': '付款承诺兑现率', en: 'share of promises kept' },
  reminderReplyShare: { 'zh-CN': '提醒回应率', en: 'share of reminders answered' },
  relationshipMonths: { 'zh-CN': '合作月数', en: 'months of relationship' },
  predictedOnTime: { 'zh-CN': '模型预测按时付款概率', en: 'predicted chance of paying on time' },
  refusals: { 'zh-CN': '拒付次数', en: 'refusals to pay' },
};

const fmt = (value: number): string =>
  Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(2);

const component = (code: string, value: number, anchor: Anchor): Component => {
  const score = anchorScore(value, anchor);
  const label = LABELS[code] ?? { 'zh-CN': code, en: code };
  return {
    code,
    value,
    score,
    weight: anchor.weight,
    text: {
      'zh-CN': `${label['zh-CN']} ${fmt(value)}（差 ${fmt(anchor.bad)}，好 ${fmt(anchor.good)}）→ ${score} 分`,
      en: `${label.en} ${fmt(value)} (bad ${fmt(anchor.bad)}, good ${fmt(anchor.good)}) → ${score}`,
    },
  };
};

const combine = (components: Component[]): number | null => {
  const weight = components.reduce((sum, c) => sum + c.weight, 0);
  if (weight === 0) return null;
  return Math.round(components.reduce((sum, c) => sum + c.score * c.weight, 0) / weight);
};

const present = (
  entries: Array<[code: string, value: number | null | undefined, anchor: Anchor]>,
): Component[] =>
  entries
    .filter(
      (entry): entry is [string, number, Anchor] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    )
    .map(([code, value, anchor]) => component(code, value, anchor));

const neutral = (threshold: number, what: { 'zh-CN': string; en: string }): Score => ({
  score: Math.round(threshold),
  basis: 'none',
  confidence: 'none',
  components: [],
  notes: [
    {
      'zh-CN': `${what['zh-CN']}：没有可用的证据，按分界线 ${Math.round(threshold)} 分处理，需人工核实`,
      en: `${what.en}: no evidence at all; placed on the threshold ${Math.round(threshold)} until someone checks`,
    },
  ],
});

/** A statement scores ability only if it yields at least this many ratios. */
export const MIN_RATIOS = 3;

/** Sub-scores below this count as weak ratios for the reason rules. */
export const WEAK_SCORE = 34;

/**
 * Ability to pay, 0–100: from the latest usable statement's ratios and bankruptcy risk;
 * without one, from behaviour (partial payments, requests for more time, a growing open
 * balance, recent lateness) at low confidence; with neither, on the threshold, marked so.
 */
export const abilityScore = (
  policy: ScoringPolicy,
  behaviour: Behaviour,
  statement: (StatementAssessment & { bankruptcyProbability: number | null }) | null,
): Score => {
  const rules = policy.ability;
  const notes: Score['notes'] = [];
  if (statement) {
    const age = daysBetween(statement.periodEnd, behaviour.asOf);
    if (age <= rules.statementMaxAgeDays) {
      const components = present([
        ...Object.entries(rules.ratios)
          .filter(([code]) => code !== 'bankruptcyProbability')
          .map(([code, anchor]): [string, number | null | undefined, Anchor] => [
            code,
            statement.ratios[code as keyof typeof statement.ratios],
            anchor,
          ]),
        [
          'bankruptcyProbability',
          statement.bankruptcyProbability,
          rules.ratios.bankruptcyProbability,
        ],
      ]);
      for (const missing of statement.unavailable)
        notes.push({ 'zh-CN': missing['zh-CN'], en: missing.en });
      const ratioCount = components.filter((c) => c.code !== 'bankruptcyProbability').length;
      const score = ratioCount >= MIN_RATIOS ? combine(components) : null;
      if (score === null) {
        notes.push({
          'zh-CN': `${statement.periodEnd} 的报表只能算出 ${ratioCount} 个比率（至少需要 ${MIN_RATIOS} 个），未采用`,
          en: `the statement for ${statement.periodEnd} gives ${ratioCount} ratios (at least ${MIN_RATIOS} needed) and was not used`,
        });
      }
      if (score !== null) {
        const fresh = age <= rules.statementFreshDays && components.length >= 4;
        notes.unshift({
          'zh-CN': `依据 ${statement.periodEnd} 的财务报表（${age} 天前）`,
          en: `from the statement for the period ending ${statement.periodEnd} (${age} days old)`,
        });
        return {
          score,
          basis: 'statements',
          confidence: fresh ? 'high' : 'medium',
          components,
          notes,
        };
      }
    } else {
      notes.push({
        'zh-CN': `最近的财务报表（${statement.periodEnd}）已超过 ${rules.statementMaxAgeDays} 天，未采用`,
        en: `the latest statement (${statement.periodEnd}) is older than ${rules.statementMaxAgeDays} days and was not used`,
      });
    }
  } else {
    notes.push({ 'zh-CN': '没有财务报表', en: 'no financial statement on file' });
  }

  const b = rules.behaviour;
  const components = present([
    [
      'partialPaymentShare',
      behaviour.invoicesWithPayments > 0
        ? behaviour.partialPayments / behaviour.invoicesWithPayments
        : null,
      b.partialPaymentShare,
    ],
    [
      'extensionRequests',
      behaviour.notes.length > 0 || behaviour.extensionRequests > 0
        ? behaviour.extensionRequests
        : null,
      b.extensionRequests,
    ],
    [
      'balanceGrowth',
      behaviour.invoicesIssued > 0 ? Math.min(behaviour.balanceGrowth, 5) : null,
      b.balanceGrowth,
    ],
    ['recentDaysLate', behaviour.recentMeanDaysLate, b.recentDaysLate],
  ]);
  const score = combine(components);
  if (score === null) {
    const fallback = neutral(policy.quadrant.abilityThreshold, {
      'zh-CN': '还款能力',
      en: 'ability to pay',
    });
    return { ...fallback, notes: [...notes, ...fallback.notes] };
  }
  notes.push({
    'zh-CN': '依据付款行为推断（无可用报表），可信度低',
    en: 'inferred from payment behaviour (no usable statement): low confidence',
  });
  return { score, basis: 'behaviour', confidence: 'low', components, notes };
};

/**
 * Willingness to pay, 0–100: on-time record and days late, promises kept, answers to
 * reminders, length of the relationship, refusals, and the payment model's prediction
 * for the open invoices when a model has been trained.
 */
export const willingnessScore = (
  policy: ScoringPolicy,
  behaviour: Behaviour,
  predictedOnTime: number | null,
): Score => {
  const w = policy.willingness;
  const promises = behaviour.promisesKept + behaviour.promisesBroken;
  const answered = behaviour.repliedReminders + behaviour.unansweredReminders;
  const conversed =
    behaviour.repliedReminders + behaviour.refusals + promises + behaviour.disputeContacts > 0;
  const components = present([
    ['onTimeShare', behaviour.onTimeShare, w.onTimeShare],
    ['meanDaysLate', behaviour.meanDaysLate, w.meanDaysLate],
    [
      'promiseKeptShare',
      promises > 0 ? behaviour.promisesKept / promises : null,
      w.promiseKeptShare,
    ],
    [
      'reminderReplyShare',
      answered > 0 ? behaviour.repliedReminders / answered : null,
      w.reminderReplyShare,
    ],
    [
      'relationshipMonths',
      behaviour.invoicesIssued > 0 ? behaviour.relationshipMonths : null,
      w.relationshipMonths,
    ],
    // No refusal means something only once the debtor has answered at least once.
    ['refusals', conversed ? behaviour.refusals : null, w.refusals],
    ['predictedOnTime', predictedOnTime, w.predictedOnTime],
  ]);
  const score = combine(components);
  if (score === null)
    return neutral(policy.quadrant.willingnessThreshold, {
      'zh-CN': '还款意愿',
      en: 'willingness to pay',
    });
  const settled = behaviour.settledInvoices;
  const confidence: Confidence = settled >= 10 ? 'high' : settled >= 3 ? 'medium' : 'low';
  const notes =
    predictedOnTime === null
      ? [
          {
            'zh-CN': '尚未训练付款预测模型（npm run model:train）',
            en: 'no payment model trained yet (npm run model:train)',
          },
        ]
      : [];
  return { score, basis: 'behaviour', confidence, components, notes };
};
