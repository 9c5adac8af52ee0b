/**
 * Reading statement lines into amounts, and the small arithmetic that ratios and the
 * bankruptcy features share: sums of lines and quotients that never yield NaN or
 * Infinity. A failure is a `Problem`, turned into a bilingual `Unavailable` by
 * `describeProblem` once the caller knows what it was computing.
 */
import type { FinancialStatementRecord, StatementLine, Unavailable } from '../types';
import { SIGNED_LINES } from '@huikuan/plugin-collections/domain/ledger';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

/** A remark on a figure that was computed but deserves attention (e.g. negative equity). */
export type Notice = Omit<Unavailable, 'available'>;

/** Statement lines in the reader's words; Chinese labels follow the CAS statement captions. */
export const LINE_LABELS: Record<StatementLine, Bilingual> = {
  totalAssetsMinor: { 'zh-CN': '资产总计', en: 'total assets' },
  currentAssetsMinor: { 'zh-CN': '流动资产合计', en: 'current assets' },
  inventoryMinor: { 'zh-CN': '存货', en: 'inventory' },
  cashMinor: { 'zh-CN': '货币资金', en: 'cash' },
  shortTermSecuritiesMinor: { 'zh-CN': '交易性金融资产', en: 'short-term securities' },
  receivablesMinor: { 'zh-CN': '应收账款', en: 'receivables' },
  totalLiabilitiesMinor: { 'zh-CN': '负债合计', en: 'total liabilities' },
  shortTermLiabilitiesMinor: { 'zh-CN': '流动负债合计', en: 'short-term liabilities' },
  equityMinor: { 'zh-CN': '所有者权益合计', en: 'equity' },
  shareCapitalMinor: { 'zh-CN': '实收资本（股本）', en: 'share capital' },
  retainedEarningsMinor: { 'zh-CN': '未分配利润', en: 'retained earnings' },
  salesMinor: { 'zh-CN': '营业收入', en: 'sales' },
  costOfSalesMinor: { 'zh-CN': '营业成本', en: 'cost of sales' },
  grossProfitMinor: { 'zh-CN': '毛利', en: 'gross profit' },
  operatingProfitMinor: { 'zh-CN': '营业利润', en: 'operating profit' },
  financialExpensesMinor: { 'zh-CN': '财务费用', en: 'financial expenses' },
  operatingExpensesMinor: { 'zh-CN': '销售及管理费用', en: 'operating expenses' },
  ebitMinor: { 'zh-CN': '息税前利润', en: 'EBIT' },
  netProfitMinor: { 'zh-CN': '净利润', en: 'net profit' },
  depreciationMinor: { 'zh-CN': '折旧与摊销', en: 'depreciation and amortisation' },
  operatingCashFlowMinor: { 'zh-CN': '经营活动产生的现金流量净额', en: 'operating cash flow' },
};

/** A line of this period's statement, or of the previous period's. */
export interface LineRef {
  line: StatementLine;
  previous: boolean;
}

export type Problem =
  | { code: 'missing_line'; lines: LineRef[] }
  | { code: 'invalid_line'; ref: LineRef; issue: 'negative' | 'not_integer' }
  | { code: 'zero_denominator'; denominator: Bilingual }
  | { code: 'inconsistent_lines'; amount: Bilingual }
  | { code: 'no_previous_statement' }
  | { code: 'currency_mismatch'; current: string; previous: string }
  | { code: 'previous_not_comparable'; reason: 'other_debtor' | 'not_earlier' };

export type Amount = { ok: true; value: number } | { ok: false; problem: Problem };

export const amountOf = (value: number): Amount => ({ ok: true, value });
export const failed = (problem: Problem): Amount => ({ ok: false, problem });

/** Reads lines of a statement and, when given, of the same debtor's previous statement. */
export class StatementReader {
  constructor(
    readonly statement: FinancialStatementRecord,
    readonly previousStatement: FinancialStatementRecord | null = null,
  ) {}

  line(line: StatementLine): Amount {
    return readLine(this.statement, { line, previous: false });
  }

  /** A line of the previous statement, once that statement is comparable with this one. */
  previous(line: StatementLine): Amount {
    const previous = this.previousStatement;
    if (!previous) return failed({ code: 'no_previous_statement' });
    if (previous.debtorCode !== this.statement.debtorCode) {
      return failed({ code: 'previous_not_comparable', reason: 'other_debtor' });
    }
    if (!(previous.periodEnd < this.statement.periodEnd)) {
      return failed({ code: 'previous_not_comparable', reason: 'not_earlier' });
    }
    if (previous.currency !== this.statement.currency) {
      const { currency } = this.statement;
      return failed({ code: 'currency_mismatch', current: currency, previous: previous.currency });
    }
    return readLine(previous, { line, previous: true });
  }
}

const readLine = (statement: FinancialStatementRecord, ref: LineRef): Amount => {
  const value: unknown = statement[ref.line];
  if (value === undefined || value === null) return failed({ code: 'missing_line', lines: [ref] });
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return failed({ code: 'invalid_line', ref, issue: 'not_integer' });
  }
  // Only the ledger's signed lines (equity, profits, cash flow…) may be below zero.
  if (value < 0 && !SIGNED_LINES.has(ref.line)) {
    return failed({ code: 'invalid_line', ref, issue: 'negative' });
  }
  return amountOf(value);
};

/**
 * The problem behind failed amounts (at least one must have failed). Missing lines are
 * gathered into one problem, so a reader learns every line to add at once; any other
 * problem comes first.
 */
export const mergeProblems = (amounts: readonly Amount[]): Problem => {
  const problems = amounts.flatMap((amount) => (amount.ok ? [] : [amount.problem]));
  const other = problems.find((problem) => problem.code !== 'missing_line');
  if (other) return other;
  const seen = new Set<string>();
  const lines = problems
    .flatMap((problem) => (problem.code === 'missing_line' ? problem.lines : []))
    .filter((ref) => {
      const key = `${ref.previous}:${ref.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (lines.length === 0) throw new Error('mergeProblems called without a failed amount');
  return { code: 'missing_line', lines };
};

/** A signed sum of amounts: `sum([a, 1], [b, -1])` is a − b. */
export const sum = (...terms: Array<[Amount, 1 | -1]>): Amount => {
  const amounts = terms.map(([amount]) => amount);
  if (amounts.some((amount) => !amount.ok)) return failed(mergeProblems(amounts));
  let total = 0;
  for (const [amount, sign] of terms) if (amount.ok) total += sign * amount.value;
  return amountOf(total);
};

/** An amount that must not be negative, e.g. total assets − current assets. */
export const nonNegative = (amount: Amount, label: Bilingual): Amount =>
  amount.ok && amount.value < 0 ? failed({ code: 'inconsistent_lines', amount: label }) : amount;

/** numerator × factor / denominator; a zero denominator is a problem, never Infinity. */
export const divide = (
  numerator: Amount,
  denominator: Amount,
  denominatorLabel: Bilingual,
  factor = 1,
): Amount => {
  if (!numerator.ok || !denominator.ok) return failed(mergeProblems([numerator, denominator]));
  if (denominator.value === 0) {
    return failed({ code: 'zero_denominator', denominator: denominatorLabel });
  }
  return amountOf((numerator.value * factor) / denominator.value);
};

const lineName = (ref: LineRef, lang: 'zh-CN' | 'en'): string => {
  const label = LINE_LABELS[ref.line][lang];
  if (lang === 'en') return `${ref.previous ? "the previous period's " : ''}${label} (${ref.line})`;
  return `${ref.previous ? '上期' : ''}“${label}”（${ref.line}）`;
};

/** The bilingual Unavailable for a problem met while computing `subject`. */
export const describeProblem = (problem: Problem, subject: Bilingual): Unavailable => {
  const zh = subject['zh-CN'];
  const en = subject.en;
  const unavailable = (code: string, zhText: string, enText: string): Unavailable => ({
    available: false,
    code,
    message: { 'zh-CN': zhText, en: enText },
  });
  switch (problem.code) {
    case 'missing_line': {
      const zhLines = problem.lines.map((ref) => lineName(ref, 'zh-CN')).join('、');
      const enLines = problem.lines.map((ref) => lineName(ref, 'en')).join(', ');
      return unavailable(
        'missing_line',
        `报表缺少${zhLines}，无法计算${zh}`,
        `the statement has no ${enLines}, so the ${en} cannot be computed`,
      );
    }
    case 'invalid_line': {
      const issueZh =
        problem.issue === 'negative' ? '为负数，报表中不可能出现' : '不是以最小货币单位表示的整数';
      const issueEn =
        problem.issue === 'negative'
          ? 'is negative, which a statement cannot show'
          : 'is not an integer amount in minor units';
      return unavailable(
        'invalid_line',
        `${lineName(problem.ref, 'zh-CN')}${issueZh}，无法计算${zh}`,
        `${lineName(problem.ref, 'en')} ${issueEn}, so the ${en} cannot be computed`,
      );
    }
    case 'zero_denominator':
      return unavailable(
        'zero_denominator',
        `${problem.denominator['zh-CN']}为 0，无法计算${zh}`,
        `${problem.denominator.en} is 0, so the ${en} cannot be computed`,
      );
    case 'inconsistent_lines':
      return unavailable(
        'inconsistent_lines',
        `报表项目之间不一致：${problem.amount['zh-CN']}为负数，无法计算${zh}`,
        `the statement lines contradict each other: ${problem.amount.en} is negative, ` +
          `so the ${en} cannot be computed`,
      );
    case 'no_previous_statement':
      return unavailable(
        'no_previous_statement',
        `没有上期报表，无法计算${zh}`,
        `there is no previous statement, so the ${en} cannot be computed`,
      );
    case 'currency_mismatch':
      return unavailable(
        'currency_mismatch',
        `本期报表币种为 ${problem.current}，上期为 ${problem.previous}，两期不可比较，无法计算${zh}`,
        `this statement is in ${problem.current} and the previous one in ${problem.previous}, ` +
          `so the ${en} cannot be computed`,
      );
    case 'previous_not_comparable':
      return problem.reason === 'other_debtor'
        ? unavailable(
            'previous_not_comparable',
            `上期报表属于另一债务人，无法计算${zh}`,
            `the previous statement belongs to another debtor, so the ${en} cannot be computed`,
          )
        : unavailable(
            'previous_not_comparable',
            `上期报表的期末日不早于本期，无法计算${zh}`,
            `the previous statement does not end before this one, so the ${en} cannot be computed`,
          );
  }
};
