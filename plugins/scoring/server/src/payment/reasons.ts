import { formatMoney } from '@huikuan/plugin-collections/domain/money';

import type { Reason } from '../types';
import { lateSlope, type Components, type RowPrediction } from './components';
import type { FeatureName, FeatureRecord } from './features';

/** Reasons given per prediction, strongest first. */
export const TOP_REASONS = 3;
/** Contributions smaller than this (log-odds) are not worth a sentence. */
const NEGLIGIBLE = 0.01;

type Facts = Partial<FeatureRecord>;
type Text = Reason['text'];

/** What a sentence may quote besides the features. */
interface Context {
  money(minor: number, locale: string): string;
  /** P(dispute) when the invoice's own flag was not read. */
  disputeChance: number | null;
}

/** A factor: the features that express it and the sentence that states it. */
export interface Factor {
  code: string;
  features: readonly FeatureName[];
  describe(facts: Facts, context: Context): Text;
}

const num = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value) ? '?' : value.toFixed(digits);
const count = (share: number | undefined, of: number): number =>
  share === undefined || Number.isNaN(share) ? 0 : Math.round(share * of);
const percent = (share: number | undefined): string =>
  share === undefined || Number.isNaN(share) ? '?' : `${Math.round(share * 100)}%`;

const noHistory: Text = {
  'zh-CN': '尚无已结清的历史发票',
  en: 'no earlier invoice is settled yet',
};

const FACTORS: readonly Factor[] = [
  {
    code: 'payment.history.late',
    features: [
      'lateShare',
      'knownLateShare',
      'meanDaysLate',
      'maxDaysLate',
      'lastDaysLate',
      'daysLateTrend',
      'recentLateShare',
      'recentDaysLate',
      'daysSinceLastLate',
      'sameChannelLateShare',
      'meanDaysFromDue',
    ],
    describe: (f) => {
      const settled = f.settledCount ?? 0;
      if (settled === 0) return noHistory;
      const late = count(f.lateShare, settled);
      const days = num(f.meanDaysLate, 1);
      return {
        'zh-CN': `过去 ${settled} 张发票中 ${late} 张逾期，平均逾期 ${days} 天`,
        en: `${late} of ${settled} past invoices were paid late, ${days} days late on average`,
      };
    },
  },
  {
    code: 'payment.history.speed',
    // The past average, with the adjustments for how those invoices were billed and
    // how many were disputed: together they say how fast this debtor pays.
    features: [
      'meanDaysToSettle',
      'sdDaysToSettle',
      'sameChannelCount',
      'sameChannelDaysToSettle',
      'knownDaysToSettle',
      'undisputedDaysToSettle',
      'paperShare',
      'disputedShare',
    ],
    describe: (f) => {
      if ((f.settledCount ?? 0) === 0) return noHistory;
      const same = f.sameChannelDaysToSettle;
      const sameKnown = same !== undefined && !Number.isNaN(same);
      return {
        'zh-CN':
          `过去发票平均 ${num(f.meanDaysToSettle)} 天结清` +
          (sameKnown ? `（相同开票方式 ${num(same)} 天）` : ''),
        en:
          `past invoices took ${num(f.meanDaysToSettle)} days on average to settle` +
          (sameKnown ? ` (${num(same)} days when billed the same way)` : ''),
      };
    },
  },
  {
    code: 'payment.open.overdue',
    features: ['overdueCount', 'overdueAmountMinor', 'oldestOverdueDays'],
    describe: (f, { money }) => {
      const overdue = f.overdueCount ?? 0;
      if (overdue === 0) {
        return {
          'zh-CN': '该客户目前没有其他逾期发票',
          en: 'no other invoice of the debtor is overdue',
        };
      }
      const amount = f.overdueAmountMinor ?? 0;
      const oldest = num(f.oldestOverdueDays);
      return {
        'zh-CN': `另有 ${overdue} 张发票已逾期（${money(amount, 'zh-CN')}），最长逾期 ${oldest} 天`,
        en:
          `${overdue} other invoices are overdue (${money(amount, 'en')}),` +
          ` the oldest by ${oldest} days`,
      };
    },
  },
  {
    code: 'payment.open.load',
    features: ['openCount', 'openAmountMinor', 'oldestOpenDays', 'partiallyPaidOpen'],
    describe: (f, { money }) => {
      const open = f.openCount ?? 0;
      const amount = f.openAmountMinor ?? 0;
      if (open === 0)
        return { 'zh-CN': '该客户没有其他未结清发票', en: 'no other invoice is open' };
      return {
        'zh-CN': `另有 ${open} 张未结清发票，共 ${money(amount, 'zh-CN')}`,
        en: `${open} other invoices are open, ${money(amount, 'en')} in all`,
      };
    },
  },
  {
    code: 'payment.invoice.amount',
    features: ['amountMinor', 'relativeAmount'],
    describe: (f, { money }) => {
      const amount = f.amountMinor ?? 0;
      const relative = f.relativeAmount;
      if (relative === undefined || Number.isNaN(relative)) {
        return {
          'zh-CN': `发票金额 ${money(amount, 'zh-CN')}`,
          en: `amount ${money(amount, 'en')}`,
        };
      }
      return {
        'zh-CN': `发票金额 ${money(amount, 'zh-CN')}，为该客户平均金额的 ${num(relative, 1)} 倍`,
        en: `amount ${money(amount, 'en')}, ${num(relative, 1)}× the debtor's average invoice`,
      };
    },
  },
  {
    code: 'payment.invoice.channel',
    features: ['paperBill'],
    describe: (f) => {
      if (f.paperBill === 1) return { 'zh-CN': '纸质开票', en: 'billed on paper' };
      if (f.paperBill === 0) return { 'zh-CN': '电子开票', en: 'billed electronically' };
      return { 'zh-CN': '开票方式未知', en: 'billing channel not known' };
    },
  },
  {
    code: 'payment.invoice.term',
    features: ['termDays'],
    describe: (f) => ({
      'zh-CN': `账期 ${num(f.termDays)} 天`,
      en: `payment term of ${num(f.termDays)} days`,
    }),
  },
  {
    code: 'payment.dispute',
    features: ['disputed'],
    describe: (f, { disputeChance }) => {
      if (f.disputed === 1) return { 'zh-CN': '该发票存在争议', en: 'the invoice is disputed' };
      if (f.disputed === 0) return { 'zh-CN': '该发票没有争议', en: 'the invoice is not disputed' };
      const settled = f.settledCount ?? 0;
      const disputed = count(f.disputedShare, settled);
      const chance = disputeChance === null ? '?' : percent(disputeChance);
      const region = f.regionDisputedShare;
      const regionKnown = region !== undefined && !Number.isNaN(region);
      return {
        'zh-CN':
          `过去 ${settled} 张发票中 ${disputed} 张有争议` +
          (regionKnown ? `（该地区其他客户的争议率 ${percent(region)}）` : '') +
          `，本张发生争议的概率约 ${chance}`,
        en:
          `${disputed} of ${settled} past invoices were disputed` +
          (regionKnown
            ? ` (disputes among other debtors in this region: ${percent(region)})`
            : '') +
          `; ${chance} chance this one will be`,
      };
    },
  },
  {
    code: 'payment.region',
    features: [
      'regionSettledCount',
      'regionLateShare',
      'regionDisputedShare',
      'regionDaysToSettle',
    ],
    describe: (f) => {
      const settled = f.regionSettledCount;
      if (settled === undefined || Number.isNaN(settled)) {
        return { 'zh-CN': '该客户所在地区未知', en: "the debtor's region is not known" };
      }
      if (settled === 0) {
        return {
          'zh-CN': '该地区其他客户尚无已结清的发票',
          en: 'no invoice of other debtors in this region is settled yet',
        };
      }
      const [late, disputed] = [percent(f.regionLateShare), percent(f.regionDisputedShare)];
      return {
        'zh-CN': `该地区其他客户的 ${settled} 张已结清发票中，逾期 ${late}，争议率 ${disputed}`,
        en:
          `of ${settled} settled invoices of other debtors in this region,` +
          ` ${late} were paid late and ${disputed} disputed`,
      };
    },
  },
  {
    code: 'payment.relationship',
    features: ['relationshipDays', 'pastInvoiceCount', 'invoicesLast90Days', 'settledCount'],
    describe: (f) => ({
      'zh-CN':
        `合作 ${num(f.relationshipDays)} 天，此前 ${num(f.pastInvoiceCount)} 张发票，` +
        `近 90 天 ${num(f.invoicesLast90Days)} 张`,
      en:
        `debtor for ${num(f.relationshipDays)} days, ${num(f.pastInvoiceCount)} earlier invoices,` +
        ` ${num(f.invoicesLast90Days)} in the last 90 days`,
    }),
  },
  {
    code: 'payment.promises',
    features: ['promisesKept', 'promisesBroken', 'promisesPending'],
    describe: (f) => ({
      'zh-CN': `付款承诺兑现 ${num(f.promisesKept)} 次、未兑现 ${num(f.promisesBroken)} 次`,
      en: `${num(f.promisesKept)} promises to pay kept, ${num(f.promisesBroken)} broken`,
    }),
  },
  {
    code: 'payment.contacts',
    features: [
      'remindersSent',
      'reminderAnswerShare',
      'meanDaysToAnswer',
      'refusals',
      'disputesRaised',
    ],
    describe: (f) => ({
      'zh-CN':
        `催收提醒 ${num(f.remindersSent)} 次，回应率 ${percent(f.reminderAnswerShare)}，` +
        `拒绝付款 ${num(f.refusals)} 次`,
      en:
        `${num(f.remindersSent)} reminders, ${percent(f.reminderAnswerShare)} answered,` +
        ` ${num(f.refusals)} refusals to pay`,
    }),
  },
  {
    code: 'payment.history.partial',
    features: ['partialShare', 'creditedShare'],
    describe: (f) => ({
      'zh-CN': `过去发票中 ${percent(f.partialShare)} 分次付款，${percent(f.creditedShare)} 开具了贷项通知单`,
      en:
        `${percent(f.partialShare)} of past invoices were paid in parts,` +
        ` ${percent(f.creditedShare)} credited`,
    }),
  },
];

const FACTOR_OF = new Map<FeatureName, Factor>(
  FACTORS.flatMap((factor) => factor.features.map((feature) => [feature, factor] as const)),
);
const DISPUTE = FACTORS.find((factor) => factor.code === 'payment.dispute')!;
const TERM = FACTORS.find((factor) => factor.code === 'payment.invoice.term')!;

/**
 * Log-odds contributions of each factor to P(paid late), against an invoice at the
 * training average: P(late) rises by `slope` log-odds per expected day over the term, and
 * expected days are linear in the coded features. Exact when the invoice's own disputed
 * flag is read; when it is not, the dispute factor is the chance of a dispute above the
 * portfolio rate times the days a dispute adds (the mixture, linearised).
 */
export function contributions(
  parts: Components,
  prediction: RowPrediction,
  facts: Facts,
  readDisputed: boolean,
): Map<Factor, number> {
  const slope = lateSlope(parts, prediction.disputeProbability);
  const total = new Map<Factor, number>();
  const add = (factor: Factor | undefined, value: number): void => {
    if (factor) total.set(factor, (total.get(factor) ?? 0) + value);
  };
  parts.coding.forEach((code, index) => {
    if (!readDisputed && code.feature === 'disputed') return;
    add(FACTOR_OF.get(code.feature), slope * parts.days.weights[index]! * prediction.coded[index]!);
  });
  const aboveRate = prediction.disputeProbability - parts.disputeRate;
  add(DISPUTE, (parts.late[2] ?? 0) * aboveRate);
  if (!readDisputed) {
    const added = prediction.daysIfDisputed - prediction.daysIfClear;
    add(DISPUTE, slope * aboveRate * added);
  }
  const termCode = parts.coding.find((code) => code.feature === 'termDays');
  if (termCode && facts.termDays !== undefined) {
    add(TERM, -slope * (facts.termDays - termCode.center));
  }
  return total;
}

/** The strongest factors behind a prediction, as bilingual reasons. */
export function explain(
  parts: Components,
  prediction: RowPrediction,
  facts: Facts,
  options: { readDisputed: boolean; currency: string },
): Reason[] {
  const context: Context = {
    money: (minor, locale) => formatMoney(minor, options.currency, locale),
    disputeChance: options.readDisputed ? null : prediction.disputeProbability,
  };
  const shown = { ...facts };
  if (!options.readDisputed) delete shown.disputed;
  return [...contributions(parts, prediction, facts, options.readDisputed)]
    .filter(([, weight]) => Math.abs(weight) >= NEGLIGIBLE)
    .sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))
    .slice(0, TOP_REASONS)
    .map(([factor, weight]) => ({
      code: factor.code,
      weight: Number(weight.toFixed(4)),
      text: factor.describe(shown, context),
    }));
}
