import type { ContactNote } from './history';
import type { Condition, ReasonRule, ScoringPolicy, Signal, Verdict } from './policy';

/** One fact that counted towards a verdict, in words a collector can check. */
export interface Evidence {
  verdict: Verdict;
  weight: number;
  text: { 'zh-CN': string; en: string };
  /** For a keyword: the note it was found in. */
  note?: ContactNote;
}

export interface ReasonVerdict {
  verdict: Verdict;
  /** Evidence weight of the chosen verdict. */
  weight: number;
  evidence: Evidence[];
  /** Weight each rule gathered, so a close second is visible. */
  weights: Partial<Record<Verdict, number>>;
}

export type SignalValues = Record<Signal, number | null>;

const SIGNAL_NAMES: Record<Signal, { 'zh-CN': string; en: string }> = {
  disputedOpenInvoices: { 'zh-CN': '有争议的未结发票数', en: 'open invoices in dispute' },
  disputeContacts: { 'zh-CN': '记录的争议次数', en: 'disputes recorded in contacts' },
  promisesKept: { 'zh-CN': '已兑现的付款承诺', en: 'promises to pay kept' },
  promisesBroken: { 'zh-CN': '未兑现的付款承诺', en: 'promises to pay broken' },
  refusals: { 'zh-CN': '明确拒付次数', en: 'refusals to pay' },
  unansweredReminders: { 'zh-CN': '未回应的催收提醒', en: 'reminders left unanswered' },
  repliedReminders: { 'zh-CN': '有回应的催收提醒', en: 'reminders answered' },
  settledInvoices: { 'zh-CN': '已结清的历史发票', en: 'invoices settled in the past' },
  onTimeShare: { 'zh-CN': '历史按时付款比例', en: 'share of past invoices paid on time' },
  lateShare: { 'zh-CN': '历史逾期付款比例', en: 'share of past invoices paid late' },
  recentDaysLateTrend: { 'zh-CN': '近期逾期天数变化', en: 'change in recent days late' },
  maxDaysPastDue: { 'zh-CN': '最长逾期天数', en: 'most days past due' },
  partialPayments: { 'zh-CN': '部分付款的发票数', en: 'invoices paid in part' },
  extensionRequests: { 'zh-CN': '延期付款请求', en: 'requests for more time' },
  balanceGrowth: { 'zh-CN': '未结余额 90 天增幅', en: 'growth of the open balance over 90 days' },
  abilityScore: { 'zh-CN': '还款能力分', en: 'ability-to-pay score' },
  willingnessScore: { 'zh-CN': '还款意愿分', en: 'willingness-to-pay score' },
  weakRatios: { 'zh-CN': '偏弱的财务比率个数', en: 'weak financial ratios' },
};

const OPS: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
};

const shown = (value: number): string =>
  Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');

const findKeyword = (notes: ContactNote[], keywords: string[]) => {
  for (const note of notes) {
    const lower = note.text.toLowerCase();
    const keyword = keywords.find((word) => lower.includes(word.toLowerCase()));
    if (keyword) return { note, keyword };
  }
  return null;
};

/** The evidence a condition yields, or null when it does not hold (or its signal is unknown). */
const test = (
  condition: Condition,
  verdict: Verdict,
  signals: SignalValues,
  notes: ContactNote[],
): Evidence | null => {
  if ('keywords' in condition) {
    const found = findKeyword(notes, condition.keywords);
    if (!found) return null;
    const { note, keyword } = found;
    const quote = note.text.length > 80 ? `${note.text.slice(0, 80)}…` : note.text;
    return {
      verdict,
      weight: condition.weight,
      note,
      text: {
        'zh-CN': `${note.occurredOn} ${note.channel} 记录中出现“${keyword}”：“${quote}”`,
        en: `'${keyword}' in the ${note.channel} note of ${note.occurredOn}: "${quote}"`,
      },
    };
  }
  const value = signals[condition.signal];
  if (value === null || !OPS[condition.op]?.(value, condition.value)) return null;
  const name = SIGNAL_NAMES[condition.signal];
  return {
    verdict,
    weight: condition.weight,
    text: {
      'zh-CN': `${name['zh-CN']}为 ${shown(value)}（规则：${condition.op} ${shown(condition.value)}）`,
      en: `${name.en} is ${shown(value)} (rule: ${condition.op} ${shown(condition.value)})`,
    },
  };
};

const applyRule = (rule: ReasonRule, signals: SignalValues, notes: ContactNote[]): Evidence[] => {
  const prerequisites = rule.requires.map((c) => test(c, rule.verdict, signals, notes));
  if (prerequisites.some((found) => found === null)) return [];
  const evidence = rule.evidence
    .map((c) => test(c, rule.verdict, signals, notes))
    .filter((found): found is Evidence => found !== null);
  return evidence.length === 0
    ? []
    : [...(prerequisites as Evidence[]).map((e) => ({ ...e, weight: 0 })), ...evidence];
};

/**
 * Decides why an account is overdue from the policy's rules: each rule whose prerequisites
 * hold gathers the weight of its evidence; the heaviest verdict at or above the policy's
 * minimum wins (the earlier rule on a tie); otherwise the reason is unknown.
 */
export const decideReason = (
  policy: ScoringPolicy['reasons'],
  signals: SignalValues,
  notes: ContactNote[],
): ReasonVerdict => {
  const weights: Partial<Record<Verdict, number>> = {};
  const gathered = new Map<Verdict, Evidence[]>();
  for (const rule of policy.rules) {
    const evidence = applyRule(rule, signals, notes);
    if (evidence.length === 0) continue;
    const weight = evidence.reduce((sum, e) => sum + e.weight, 0);
    weights[rule.verdict] = (weights[rule.verdict] ?? 0) + weight;
    gathered.set(rule.verdict, [...(gathered.get(rule.verdict) ?? []), ...evidence]);
  }
  let best: Verdict = 'unknown';
  let bestWeight = 0;
  for (const rule of policy.rules) {
    const weight = weights[rule.verdict] ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [rule.verdict, weight];
  }
  if (bestWeight < policy.minWeight) {
    return {
      verdict: 'unknown',
      weight: bestWeight,
      evidence: [...gathered.values()].flat(),
      weights,
    };
  }
  return { verdict: best, weight: bestWeight, evidence: gathered.get(best) ?? [], weights };
};
