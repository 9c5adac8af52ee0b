/// <reference path="../types/jstat.d.ts" />
/**
 * Two reports on collection strategies (the Node-RED flows that plan actions
 * per overdue case):
 *
 * A. `attributeOutcomes`: a backtest replays a strategy over the history and
 *    asks which settlements followed each planned action. It describes what
 *    happened after an action, not what the action caused.
 * B. `compareBranches`: a champion/challenger split in live use, where cases
 *    were assigned to branches at random, so a difference between branches
 *    can be read as an effect of the strategy, with significance tests.
 *
 * Money is integer minor units per currency, never added across currencies.
 * Dates are YYYY-MM-DD calendar dates.
 */
import { jStat } from 'jstat';

import type { IsoDate } from './ledger';

/** A text in both report languages. */
export interface Bilingual {
  'zh-CN': string;
  en: string;
}

/** Bad input. `field` names the value with its index, e.g. `cases[3].recoveredMinor`. */
export class AnalyticsInputError extends Error {
  override name = 'AnalyticsInputError';

  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

// ---------------------------------------------------------------------------
// Input checks and small helpers
// ---------------------------------------------------------------------------

const requireList = <T>(value: readonly T[], field: string): readonly T[] => {
  if (!Array.isArray(value)) throw new AnalyticsInputError(field, 'must be an array');
  return value;
};

const requireRecord = (value: unknown, field: string): void => {
  if (typeof value !== 'object' || value === null) {
    throw new AnalyticsInputError(field, 'must be an object');
  }
};

const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AnalyticsInputError(field, 'must be a non-empty string');
  }
  return value;
};

const requireMinor = (value: unknown, field: string, allowZero = true): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    const bound = allowZero ? '≥ 0' : '> 0';
    throw new AnalyticsInputError(field, `must be a whole number of minor units ${bound}`);
  }
  return value;
};

const requireDays = (value: unknown, field: string, min: number, rule?: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new AnalyticsInputError(field, rule ?? `must be a whole number of days ≥ ${min}`);
  }
  return value;
};

const CURRENCY = /^[A-Z]{3}$/;

const requireCurrency = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw new AnalyticsInputError(
      field,
      `must be an ISO 4217 code such as CNY, got ${show(value)}`,
    );
  }
  return value;
};

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
const civilDay = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

/**
 * A strict YYYY-MM-DD date as a day number. Plain arithmetic rather than luxon:
 * a backtest parses two million dates, and DateTime objects would cost seconds.
 */
const dayNumber = (value: unknown, field: string): number => {
  const match = typeof value === 'string' ? ISO_DAY.exec(value) : null;
  if (match !== null) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const monthDays = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
    if (monthDays !== undefined && day >= 1 && day <= monthDays) {
      return civilDay(year, month, day);
    }
  }
  throw new AnalyticsInputError(field, `must be a calendar date YYYY-MM-DD, got ${show(value)}`);
};

/** Sums stay exact only below 2^53; past that a total would silently round. */
const addMinor = (total: number, amount: number, what: string): number => {
  const sum = total + amount;
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError(`${what} passes the safe integer range of minor units`);
  }
  return sum;
};

const addTo = (totals: Map<string, number>, key: string, amount: number, what: string): void => {
  totals.set(key, addMinor(totals.get(key) ?? 0, amount, what));
};

/** Code-unit order: stable across machines, unlike localeCompare. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sortedRecord = (totals: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...totals].sort(([a], [b]) => compareText(a, b)));

const ratioOrNull = (part: number, whole: number): number | null =>
  whole > 0 ? part / whole : null;

/** Index into arrays built in step with each other: a miss is a bug, not bad input. */
const at = <T>(list: readonly T[], index: number): T => {
  const item = list[index];
  if (item === undefined) throw new Error(`strategy-analytics: no item at index ${index}`);
  return item;
};

/** First index whose value is ≥ `value` in an ascending list. */
const lowerBound = (sorted: readonly number[], value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (at(sorted, middle) < value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** First index whose value is > `value` in an ascending list. */
const upperBound = (sorted: readonly number[], value: number): number =>
  lowerBound(sorted, value + 1);

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

/** Pearson's chi-square test of independence, without continuity correction. */
export interface ChiSquareFigures {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** The smallest expected count; below 5 the chi-square approximation is poor. */
  minExpectedCount: number;
}

/** Two-sided Welch t-test of mean(b) − mean(a), with a confidence interval at 1 − alpha. */
export interface WelchFigures {
  meanA: number;
  meanB: number;
  /** meanB − meanA */
  difference: number;
  standardError: number;
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom (not a whole number in general). */
  degreesOfFreedom: number;
  pValue: number;
  confidenceInterval: { level: number; lower: number; upper: number };
}

const clampProbability = (p: number): number => Math.min(1, Math.max(0, p));

/** P(X ≥ x) for X ~ chi-square(df): the p-value of a chi-square statistic. */
export const chiSquareUpperTail = (x: number, degreesOfFreedom: number): number =>
  clampProbability(1 - jStat.chisquare.cdf(x, degreesOfFreedom));

/**
 * P(|T| ≥ |t|) for T ~ Student t(df), as I_{df/(df+t²)}(df/2, 1/2): the same value
 * as 2·cdf(−|t|) but without the cancellation jstat's cdf suffers in the tails.
 * jstat stops the continued fraction at a relative step of 3e-7, so p is good to
 * about 1e-7 relative: ample for a report that prints three decimals.
 */
export const studentTwoSided = (t: number, degreesOfFreedom: number): number =>
  clampProbability(
    jStat.ibeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5),
  );

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/** Sample variance (n − 1), two-pass so large means do not swamp small spreads. */
const sampleVariance = (values: readonly number[], centre: number): number =>
  values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1);

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >>> 1;
  return sorted.length % 2 === 1
    ? at(sorted, middle)
    : (at(sorted, middle - 1) + at(sorted, middle)) / 2;
};

/**
 * Pearson chi-square test of independence on an r × c table of counts. Returns
 * null when the table has fewer than 2 rows or columns, or a row or column with
 * no observations: then the expected counts are zero and there is nothing to test.
 */
export const chiSquareIndependence = (
  table: readonly (readonly number[])[],
): ChiSquareFigures | null => {
  const width = table[0]?.length ?? 0;
  for (const [r, row] of table.entries()) {
    if (row.length !== width || row.some((count) => !Number.isInteger(count) || count < 0)) {
      throw new RangeError(`table[${r}] must hold ${width} whole counts ≥ 0`);
    }
  }
  const rowTotals = table.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = Array.from({ length: width }, (_, c) =>
    table.reduce((sum, row) => sum + at(row, c), 0),
  );
  const total = rowTotals.reduce((sum, count) => sum + count, 0);
  if (table.length < 2 || width < 2 || [...rowTotals, ...columnTotals].includes(0)) return null;

  let statistic = 0;
  let minExpectedCount = Infinity;
  for (const [r, row] of table.entries()) {
    for (const [c, observed] of row.entries()) {
      const expected = (at(rowTotals, r) * at(columnTotals, c)) / total;
      statistic += (observed - expected) ** 2 / expected;
      minExpectedCount = Math.min(minExpectedCount, expected);
    }
  }
  const degreesOfFreedom = (table.length - 1) * (width - 1);
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareUpperTail(statistic, degreesOfFreedom),
    minExpectedCount,
  };
};

/**
 * Welch's two-sample t-test (unequal variances), two-sided. Returns null when
 * either sample has fewer than 2 values, or neither varies (the statistic is
 * then 0/0 or infinite, not a t value).
 */
export const welchTTest = (
  a: readonly number[],
  b: readonly number[],
  alpha = 0.05,
): WelchFigures | null => {
  if (a.length < 2 || b.length < 2) return null;
  const meanA = mean(a);
  const meanB = mean(b);
  const shareA = sampleVariance(a, meanA) / a.length;
  const shareB = sampleVariance(b, meanB) / b.length;
  const variance = shareA + shareB;
  if (!(variance > 0)) return null;

  const degreesOfFreedom =
    variance ** 2 / (shareA ** 2 / (a.length - 1) + shareB ** 2 / (b.length - 1));
  const standardError = Math.sqrt(variance);
  const difference = meanB - meanA;
  const statistic = difference / standardError;
  const margin = jStat.studentt.inv(1 - alpha / 2, degreesOfFreedom) * standardError;
  return {
    meanA,
    meanB,
    difference,
    standardError,
    statistic,
    degreesOfFreedom,
    pValue: studentTwoSided(statistic, degreesOfFreedom),
    confidenceInterval: {
      level: 1 - alpha,
      lower: difference - margin,
      upper: difference + margin,
    },
  };
};

// ---------------------------------------------------------------------------
// A. Backtest outcome attribution
// ---------------------------------------------------------------------------

export interface BacktestAction {
  strategy: string;
  /** 'experiment/branch', or null when the strategy runs no experiment. */
  branch: string | null;
  caseId: string;
  debtorCode: string;
  /** When the action would have been sent. */
  day: IsoDate;
  channel: string;
  stepKey: string;
  currency: string;
  /** Overdue amount of the case on that day. */
  overdueMinor: number;
}

export interface Settlement {
  debtorCode: string;
  invoiceNumber: string;
  /** Settled (paid) on. */
  day: IsoDate;
  amountMinor: number;
  currency: string;
  /** Due date of the invoice: it was overdue on an action day when dueOn < that day. */
  dueOn: IsoDate;
}

export interface UnitCosts {
  /** Currency of every unit cost. */
  currency: string;
  /** Minor units per action, by channel. */
  perChannel: Record<string, number>;
}

export interface AttributionOptions {
  /**
   * Windows in days after the action day.
   * @defaultValue [7, 30]
   */
  windows?: number[];
  /**
   * Also return one outcome per action, in input order. Off by default: with a
   * million actions the list costs far more memory than the report.
   * @defaultValue false
   */
  includeActions?: boolean;
}

export interface WindowOutcome {
  days: number;
  /** Actions followed by at least one settlement within the window. */
  actionsFollowed: number;
  /** actionsFollowed / actions */
  shareFollowed: number;
  /**
   * Sum over actions of what followed each: a settlement that followed three
   * actions counts three times. Compare actions with it, not money.
   */
  recoveredByCurrency: Record<string, number>;
  /** Each settlement once, however many of this group's actions it followed. */
  distinctRecoveredByCurrency: Record<string, number>;
  distinctSettlements: number;
  /**
   * costMinor / distinct recovered in the cost currency (minor units of cost per
   * minor unit recovered); null when nothing was recovered in that currency.
   */
  costPerUnitRecovered: number | null;
}

export interface StrategyOutcome {
  strategy: string;
  /** null: every action of the strategy, whatever its branch. */
  branch: string | null;
  actions: number;
  byChannel: Record<string, number>;
  byStep: Record<string, number>;
  casesTouched: number;
  /** Overdue amount of the touched cases, each taken on its first action day in this group. */
  overdueAtFirstActionByCurrency: Record<string, number>;
  costMinor: number;
  costCurrency: string;
  windows: WindowOutcome[];
}

export interface ActionOutcome {
  /** Index into the `actions` input. */
  index: number;
  windows: { days: number; followed: boolean; recoveredMinor: number }[];
}

export interface BacktestReport {
  windows: number[];
  costCurrency: string;
  /** Per strategy (branch null) and per branch, by strategy then branch. */
  strategies: StrategyOutcome[];
  /** Only with `includeActions`. */
  actions?: ActionOutcome[];
  caveat: Bilingual;
}

export const DEFAULT_WINDOWS: readonly number[] = [7, 30];

export const BACKTEST_CAVEAT: Bilingual = {
  'zh-CN':
    '历史回测只能说明动作之后发生了什么，不能证明动作导致了回款；要判断因果，请在实际运行中使用冠军/挑战者分流。',
  en:
    'A backtest shows what followed each action in the history, not what the action caused; a ' +
    'champion/challenger split in live use can show that.',
};

interface ParsedSettlement {
  day: number;
  dueOn: number;
  amountMinor: number;
}

interface ParsedAction {
  index: number;
  day: number;
  /** Tallies this action counts in: the strategy's, then its branch's if any. */
  groups: number[];
}

interface WindowTally {
  followed: number;
  recovered: Map<string, number>;
  distinct: Map<string, number>;
  distinctSettlements: number;
}

interface GroupTally {
  strategy: string;
  branch: string | null;
  actions: number;
  byChannel: Map<string, number>;
  byStep: Map<string, number>;
  costMinor: number;
  firstActions: Map<string, { day: number; overdueMinor: number; currency: string }>;
  windows: WindowTally[];
}

/** Actions and settlements meet per debtor and currency: a payment in USD never follows a CNY case. */
interface DebtorBook {
  currency: string;
  actions: ParsedAction[];
  settlements: ParsedSettlement[];
}

interface PerActionColumns {
  followed: Uint8Array;
  recovered: Float64Array;
}

const bookKey = (debtorCode: string, currency: string): string => `${currency}\u0000${debtorCode}`;

const parseWindows = (windows: readonly number[] | undefined): number[] => {
  const list = requireList(windows ?? DEFAULT_WINDOWS, 'options.windows');
  if (list.length === 0) throw new AnalyticsInputError('options.windows', 'must not be empty');
  list.forEach((days, w) => requireDays(days, `options.windows[${w}]`, 1));
  return [...new Set(list)].sort((a, b) => a - b);
};

const parseUnitCosts = (costs: UnitCosts): Map<string, number> => {
  requireRecord(costs, 'costs');
  requireCurrency(costs.currency, 'costs.currency');
  requireRecord(costs.perChannel, 'costs.perChannel');
  const entries = Object.entries(costs.perChannel);
  for (const [channel, cost] of entries) requireMinor(cost, `costs.perChannel.${channel}`);
  return new Map(entries);
};

/** Groups settlements by debtor and currency; amounts per book stay below 2^53. */
const indexSettlements = (settlements: readonly Settlement[]): Map<string, DebtorBook> => {
  const books = new Map<string, DebtorBook>();
  const bookTotals = new Map<string, number>();
  for (const [i, settlement] of requireList(settlements, 'settlements').entries()) {
    const field = (name: string): string => `settlements[${i}].${name}`;
    requireRecord(settlement, `settlements[${i}]`);
    const debtorCode = requireText(settlement.debtorCode, field('debtorCode'));
    requireText(settlement.invoiceNumber, field('invoiceNumber'));
    const currency = requireCurrency(settlement.currency, field('currency'));
    // A settlement of nothing is not a payment and must not mark an action as followed.
    const amountMinor = requireMinor(settlement.amountMinor, field('amountMinor'), false);
    const parsed: ParsedSettlement = {
      day: dayNumber(settlement.day, field('day')),
      dueOn: dayNumber(settlement.dueOn, field('dueOn')),
      amountMinor,
    };

    const key = bookKey(debtorCode, currency);
    addTo(bookTotals, key, amountMinor, `settlements of debtor '${debtorCode}' in ${currency}`);
    const book = books.get(key);
    if (book) book.settlements.push(parsed);
    else books.set(key, { currency, actions: [], settlements: [parsed] });
  }
  return books;
};

const newGroup = (strategy: string, branch: string | null, windowCount: number): GroupTally => ({
  strategy,
  branch,
  actions: 0,
  byChannel: new Map(),
  byStep: new Map(),
  costMinor: 0,
  firstActions: new Map(),
  windows: Array.from({ length: windowCount }, () => ({
    followed: 0,
    recovered: new Map(),
    distinct: new Map(),
    distinctSettlements: 0,
  })),
});

/** Hands out one tally per strategy and one per (strategy, branch). */
const groupRegistry = (windowCount: number) => {
  const groups: GroupTally[] = [];
  const byStrategy = new Map<string, { total: number; branches: Map<string, number> }>();
  const open = (strategy: string, branch: string | null): number => {
    groups.push(newGroup(strategy, branch, windowCount));
    return groups.length - 1;
  };
  const groupsOf = (strategy: string, branch: string | null): number[] => {
    let entry = byStrategy.get(strategy);
    if (entry === undefined) {
      entry = { total: open(strategy, null), branches: new Map() };
      byStrategy.set(strategy, entry);
    }
    if (branch === null) return [entry.total];
    let branchGroup = entry.branches.get(branch);
    if (branchGroup === undefined) {
      branchGroup = open(strategy, branch);
      entry.branches.set(branch, branchGroup);
    }
    return [entry.total, branchGroup];
  };
  return { groups, groupsOf };
};

const countAction = (
  tally: GroupTally,
  action: BacktestAction,
  day: number,
  unitCost: number,
): void => {
  tally.actions += 1;
  tally.byChannel.set(action.channel, (tally.byChannel.get(action.channel) ?? 0) + 1);
  tally.byStep.set(action.stepKey, (tally.byStep.get(action.stepKey) ?? 0) + 1);
  tally.costMinor = addMinor(tally.costMinor, unitCost, `cost of strategy '${tally.strategy}'`);
  const first = tally.firstActions.get(action.caseId);
  if (first === undefined || day < first.day) {
    const { overdueMinor, currency } = action;
    tally.firstActions.set(action.caseId, { day, overdueMinor, currency });
  }
};

/** Checks every action, tallies counts and costs, and files it in its debtor's book. */
const tallyActions = (
  actions: readonly BacktestAction[],
  unitCosts: Map<string, number>,
  books: Map<string, DebtorBook>,
  windowCount: number,
): GroupTally[] => {
  const registry = groupRegistry(windowCount);
  const cases = new Map<string, { index: number; debtorCode: string; currency: string }>();
  for (const [index, action] of requireList(actions, 'actions').entries()) {
    const field = (name: string): string => `actions[${index}].${name}`;
    requireRecord(action, `actions[${index}]`);
    const strategy = requireText(action.strategy, field('strategy'));
    const branch = action.branch === null ? null : requireText(action.branch, field('branch'));
    const caseId = requireText(action.caseId, field('caseId'));
    const debtorCode = requireText(action.debtorCode, field('debtorCode'));
    const day = dayNumber(action.day, field('day'));
    const channel = requireText(action.channel, field('channel'));
    requireText(action.stepKey, field('stepKey'));
    const currency = requireCurrency(action.currency, field('currency'));
    requireMinor(action.overdueMinor, field('overdueMinor'));
    // A channel without a price is a cost-policy gap; a silent 0 would flatter the strategy.
    const unitCost = unitCosts.get(channel);
    if (unitCost === undefined) {
      throw new AnalyticsInputError(
        field('channel'),
        `'${channel}' has no unit cost in costs.perChannel: add it to the cost policy`,
      );
    }

    const known = cases.get(caseId);
    if (known === undefined) cases.set(caseId, { index, debtorCode, currency });
    else if (known.currency !== currency || known.debtorCode !== debtorCode) {
      const [name, value, was] =
        known.currency !== currency
          ? ['currency', currency, known.currency]
          : ['debtorCode', debtorCode, known.debtorCode];
      throw new AnalyticsInputError(
        field(name),
        `${show(value)} differs from ${show(was)} of case '${caseId}' at actions[${known.index}]`,
      );
    }

    const groups = registry.groupsOf(strategy, branch);
    for (const group of groups) countAction(at(registry.groups, group), action, day, unitCost);
    const key = bookKey(debtorCode, currency);
    const book = books.get(key);
    const parsed: ParsedAction = { index, day, groups };
    if (book) book.actions.push(parsed);
    else books.set(key, { currency, actions: [parsed], settlements: [] });
  }
  return registry.groups;
};

/** Counts and amounts of settlements by position in day order, added as they become eligible. */
class SettlementTree {
  private readonly counts: Float64Array;
  private readonly amounts: Float64Array;

  constructor(size: number) {
    this.counts = new Float64Array(size + 1);
    this.amounts = new Float64Array(size + 1);
  }

  add(position: number, amount: number): void {
    for (let i = position + 1; i < this.counts.length; i += i & -i) {
      this.counts[i] = (this.counts[i] ?? 0) + 1;
      this.amounts[i] = (this.amounts[i] ?? 0) + amount;
    }
  }

  /** Count and amount of eligible settlements at positions [start, end). */
  range(start: number, end: number): { count: number; amount: number } {
    let count = 0;
    let amount = 0;
    for (let i = end; i > 0; i -= i & -i) {
      count += this.counts[i] ?? 0;
      amount += this.amounts[i] ?? 0;
    }
    for (let i = start; i > 0; i -= i & -i) {
      count -= this.counts[i] ?? 0;
      amount -= this.amounts[i] ?? 0;
    }
    return { count, amount };
  }
}

/**
 * What followed each action of one debtor book. A settlement follows an action
 * within W days when it was paid in (day, day + W] on an invoice already overdue
 * on the action day (dueOn < day). The action day itself is left out: dates carry
 * no time, and a payment made on the morning of a reminder did not follow it.
 *
 * Actions are swept in day order; a settlement enters a Fenwick tree (keyed by its
 * position in day order) once its invoice is overdue, so each window is a range
 * query: O((actions + settlements) · log settlements) per book, however crowded
 * the windows. Amounts are whole numbers below 2^53, so the float sums are exact.
 */
const followActions = (
  book: DebtorBook,
  windows: readonly number[],
  groups: readonly GroupTally[],
  perAction: readonly PerActionColumns[] | null,
): void => {
  const byDay = [...book.settlements].sort((a, b) => a.day - b.day);
  const days = byDay.map((settlement) => settlement.day);
  const byDueOn = byDay
    .map((settlement, position) => ({ position, settlement }))
    .sort((a, b) => a.settlement.dueOn - b.settlement.dueOn);
  const tree = new SettlementTree(byDay.length);
  let next = 0;

  for (const action of book.actions) {
    for (let entry = byDueOn[next]; entry && entry.settlement.dueOn < action.day;) {
      tree.add(entry.position, entry.settlement.amountMinor);
      entry = byDueOn[++next];
    }
    const start = upperBound(days, action.day);
    for (const [w, span] of windows.entries()) {
      const { count, amount } = tree.range(start, upperBound(days, action.day + span));
      if (count === 0) continue;
      for (const group of action.groups) {
        const tally = at(at(groups, group).windows, w);
        tally.followed += 1;
        addTo(tally.recovered, book.currency, amount, 'recovered amount');
      }
      if (perAction) {
        at(perAction, w).followed[action.index] = 1;
        at(perAction, w).recovered[action.index] = amount;
      }
    }
  }
};

/**
 * Counts each settlement once per group: it followed some action of the group
 * when one fell on a day in [max(dueOn + 1, day − W), day − 1], the rule of
 * `followActions` read from the settlement's side.
 */
const countDistinct = (
  book: DebtorBook,
  windows: readonly number[],
  groups: readonly GroupTally[],
): void => {
  const actionDays = new Map<number, number[]>();
  for (const action of book.actions) {
    for (const group of action.groups) {
      const days = actionDays.get(group);
      if (days === undefined) actionDays.set(group, [action.day]);
      else if (days[days.length - 1] !== action.day) days.push(action.day);
    }
  }

  for (const [group, days] of actionDays) {
    const tallies = at(groups, group).windows;
    for (const settlement of book.settlements) {
      for (const [w, span] of windows.entries()) {
        const first = lowerBound(days, Math.max(settlement.dueOn + 1, settlement.day - span));
        if (first === days.length || at(days, first) > settlement.day - 1) continue;
        const tally = at(tallies, w);
        tally.distinctSettlements += 1;
        addTo(tally.distinct, book.currency, settlement.amountMinor, 'recovered amount');
      }
    }
  }
};

const outcomeOf = (
  tally: GroupTally,
  windows: readonly number[],
  costCurrency: string,
): StrategyOutcome => {
  const overdue = new Map<string, number>();
  for (const first of tally.firstActions.values()) {
    addTo(overdue, first.currency, first.overdueMinor, 'overdue amount');
  }
  return {
    strategy: tally.strategy,
    branch: tally.branch,
    actions: tally.actions,
    byChannel: sortedRecord(tally.byChannel),
    byStep: sortedRecord(tally.byStep),
    casesTouched: tally.firstActions.size,
    overdueAtFirstActionByCurrency: sortedRecord(overdue),
    costMinor: tally.costMinor,
    costCurrency,
    windows: tally.windows.map((window, w) => ({
      days: at(windows, w),
      actionsFollowed: window.followed,
      shareFollowed: window.followed / tally.actions,
      recoveredByCurrency: sortedRecord(window.recovered),
      distinctRecoveredByCurrency: sortedRecord(window.distinct),
      distinctSettlements: window.distinctSettlements,
      costPerUnitRecovered: ratioOrNull(tally.costMinor, window.distinct.get(costCurrency) ?? 0),
    })),
  };
};

const byStrategyThenBranch = (a: GroupTally, b: GroupTally): number =>
  compareText(a.strategy, b.strategy) ||
  (a.branch === null ? -1 : 0) - (b.branch === null ? -1 : 0) ||
  compareText(a.branch ?? '', b.branch ?? '');

const actionOutcomes = (
  count: number,
  windows: readonly number[],
  columns: readonly PerActionColumns[],
): ActionOutcome[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    windows: windows.map((days, w) => ({
      days,
      followed: at(columns, w).followed[index] === 1,
      recoveredMinor: at(columns, w).recovered[index] ?? 0,
    })),
  }));

/**
 * Which settlements followed each backtest action, per strategy and per branch.
 * Throws AnalyticsInputError on bad input, including a channel without a unit cost.
 */
export const attributeOutcomes = (
  actions: readonly BacktestAction[],
  settlements: readonly Settlement[],
  costs: UnitCosts,
  options: AttributionOptions = {},
): BacktestReport => {
  const windows = parseWindows(options.windows);
  const unitCosts = parseUnitCosts(costs);
  const books = indexSettlements(settlements);
  const groups = tallyActions(actions, unitCosts, books, windows.length);

  const perAction = options.includeActions
    ? windows.map(() => ({
        followed: new Uint8Array(actions.length),
        recovered: new Float64Array(actions.length),
      }))
    : null;
  for (const book of books.values()) {
    if (book.actions.length === 0 || book.settlements.length === 0) continue;
    book.actions.sort((a, b) => a.day - b.day);
    followActions(book, windows, groups, perAction);
    countDistinct(book, windows, groups);
  }

  const report: BacktestReport = {
    windows,
    costCurrency: costs.currency,
    strategies: [...groups]
      .sort(byStrategyThenBranch)
      .map((tally) => outcomeOf(tally, windows, costs.currency)),
    caveat: BACKTEST_CAVEAT,
  };
  if (perAction) report.actions = actionOutcomes(actions.length, windows, perAction);
  return report;
};

// ---------------------------------------------------------------------------
// B. Champion/challenger comparison in live use
// ---------------------------------------------------------------------------

export interface BranchCase {
  experiment: string;
  branch: string;
  caseId: string;
  assignedOn: IsoDate;
  currency: string;
  overdueAtAssignmentMinor: number;
  /** Paid against that overdue amount from assignedOn to asOf. */
  recoveredMinor: number;
  /** Days from assignedOn until the overdue amount was paid in full; null if not (yet). */
  daysToPay: number | null;
  /** In the case's currency. */
  costMinor: number;
}

export interface ComparisonOptions {
  /**
   * Significance level: a test is significant when p < alpha.
   * @defaultValue 0.05
   */
  alpha?: number;
}

export interface BranchSummary {
  branch: string;
  champion: boolean;
  cases: number;
  overdueByCurrency: Record<string, number>;
  recoveredByCurrency: Record<string, number>;
  costByCurrency: Record<string, number>;
  /** Cases in the experiment's main currency: the base of the three rates below. */
  mainCurrencyCases: number;
  /** Recovered / overdue, main currency; null without main-currency cases. */
  recoveryRate: number | null;
  /** Mean of recovered / overdue per case, main currency. */
  meanCaseRecoveryRate: number | null;
  /** Cost / recovered, main currency; null when nothing was recovered in it. */
  costPerUnitRecovered: number | null;
  /** Cases paid in full (daysToPay set), every currency. */
  paidInFull: number;
  paidInFullShare: number;
  meanDaysToPay: number | null;
  medianDaysToPay: number | null;
}

export type TestName = 'Pearson chi-square test of independence' | "Welch's two-sample t-test";

export type Measure =
  'paid-in-full share' | 'days to pay among paid cases' | 'recovery rate per case';

interface TestHeading {
  test: TestName;
  measure: Measure;
  /** Observations per branch that entered the test. */
  sampleSizes: Record<string, number>;
}

export interface TestNotRun extends TestHeading {
  ran: false;
  reason: Bilingual;
}

interface TestVerdict extends TestHeading {
  ran: true;
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  alpha: number;
  /** p < alpha */
  significant: boolean;
  warnings: Bilingual[];
  /** The result in a sentence, for the report page. */
  statement: Bilingual;
}

export interface ChiSquareResult extends TestVerdict {
  test: 'Pearson chi-square test of independence';
  minExpectedCount: number;
}

export interface WelchResult extends TestVerdict {
  test: "Welch's two-sample t-test";
  championMean: number;
  challengerMean: number;
  /** challengerMean − championMean; the t statistic has the same sign. */
  difference: number;
  confidenceInterval: { level: number; lower: number; upper: number };
}

export interface BranchComparison {
  champion: string;
  challenger: string;
  daysToPay: WelchResult | TestNotRun;
  caseRecoveryRate: WelchResult | TestNotRun;
}

export interface ExperimentReport {
  experiment: string;
  /** The currency with the most overdue amount in the experiment (ties: first by code). */
  mainCurrency: string;
  /** The branch named 'champion', else the first branch by name. */
  champion: string;
  alpha: number;
  cases: number;
  /** Champion first, then the challengers by name. */
  branches: BranchSummary[];
  /** All branches at once. */
  paidInFull: ChiSquareResult | TestNotRun;
  /** Champion against each challenger. */
  comparisons: BranchComparison[];
  notes: Bilingual[];
}

const MEASURE_ZH: Record<Measure, string> = {
  'paid-in-full share': '全额回款占比',
  'days to pay among paid cases': '已回款案件的回款天数',
  'recovery rate per case': '单案回款率',
};

const CHAMPION = 'champion';

const parseAlpha = (alpha: number | undefined): number => {
  const value = alpha ?? 0.05;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new AnalyticsInputError('options.alpha', 'must be a number between 0 and 1 (exclusive)');
  }
  return value;
};

/** Checks one case; recovered and daysToPay must tell the same story about payment in full. */
const checkCase = (item: BranchCase, i: number): void => {
  const field = (name: string): string => `cases[${i}].${name}`;
  requireRecord(item, `cases[${i}]`);
  requireText(item.experiment, field('experiment'));
  requireText(item.branch, field('branch'));
  requireText(item.caseId, field('caseId'));
  dayNumber(item.assignedOn, field('assignedOn'));
  requireCurrency(item.currency, field('currency'));
  const overdue = requireMinor(
    item.overdueAtAssignmentMinor,
    field('overdueAtAssignmentMinor'),
    false,
  );
  const recovered = requireMinor(item.recoveredMinor, field('recoveredMinor'));
  requireMinor(item.costMinor, field('costMinor'));

  if (recovered > overdue) {
    throw new AnalyticsInputError(
      field('recoveredMinor'),
      'must not exceed overdueAtAssignmentMinor',
    );
  }
  if (item.daysToPay === null) {
    if (recovered === overdue) {
      throw new AnalyticsInputError(
        field('daysToPay'),
        'is null but the overdue amount was recovered in full: give the days it took',
      );
    }
    return;
  }
  requireDays(item.daysToPay, field('daysToPay'), 0, 'must be null or a whole number of days ≥ 0');
  if (recovered < overdue) {
    throw new AnalyticsInputError(
      field('daysToPay'),
      'is set but recoveredMinor is below overdueAtAssignmentMinor: the case is not paid in full',
    );
  }
};

/** experiment → branch → cases. A case sits in one branch of an experiment, once. */
const groupCases = (cases: readonly BranchCase[]): Map<string, Map<string, BranchCase[]>> => {
  const experiments = new Map<string, Map<string, BranchCase[]>>();
  const seen = new Map<string, number>();
  for (const [i, item] of requireList(cases, 'cases').entries()) {
    checkCase(item, i);
    const key = `${item.experiment}\u0000${item.caseId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const first = at(cases, earlier);
      const [name, rule] =
        first.currency !== item.currency
          ? ['currency', `${show(item.currency)} differs from ${show(first.currency)} of`]
          : ['caseId', `${show(item.caseId)} repeats`];
      throw new AnalyticsInputError(
        `cases[${i}].${name}`,
        `${rule} the same case in experiment '${item.experiment}' at cases[${earlier}]`,
      );
    }
    seen.set(key, i);

    let branches = experiments.get(item.experiment);
    if (branches === undefined) {
      branches = new Map();
      experiments.set(item.experiment, branches);
    }
    const list = branches.get(item.branch);
    if (list) list.push(item);
    else branches.set(item.branch, [item]);
  }
  return experiments;
};

const mainCurrencyOf = (cases: readonly BranchCase[]): string => {
  const overdue = new Map<string, number>();
  for (const item of cases) {
    addTo(overdue, item.currency, item.overdueAtAssignmentMinor, 'overdue amount');
  }
  const [first] = [...overdue].sort(([a, x], [b, y]) => y - x || compareText(a, b));
  if (first === undefined) throw new Error('strategy-analytics: an experiment without cases');
  return first[0];
};

const paidDays = (cases: readonly BranchCase[]): number[] =>
  cases.flatMap((item) => (item.daysToPay === null ? [] : [item.daysToPay]));

const caseRates = (cases: readonly BranchCase[], currency: string): number[] =>
  cases
    .filter((item) => item.currency === currency)
    .map((item) => item.recoveredMinor / item.overdueAtAssignmentMinor);

const summariseBranch = (
  branch: string,
  champion: boolean,
  cases: readonly BranchCase[],
  mainCurrency: string,
): BranchSummary => {
  const overdue = new Map<string, number>();
  const recovered = new Map<string, number>();
  const cost = new Map<string, number>();
  for (const item of cases) {
    addTo(overdue, item.currency, item.overdueAtAssignmentMinor, 'overdue amount');
    addTo(recovered, item.currency, item.recoveredMinor, 'recovered amount');
    addTo(cost, item.currency, item.costMinor, 'cost');
  }
  const rates = caseRates(cases, mainCurrency);
  const days = paidDays(cases);
  const recoveredMain = recovered.get(mainCurrency) ?? 0;
  return {
    branch,
    champion,
    cases: cases.length,
    overdueByCurrency: sortedRecord(overdue),
    recoveredByCurrency: sortedRecord(recovered),
    costByCurrency: sortedRecord(cost),
    mainCurrencyCases: rates.length,
    recoveryRate: ratioOrNull(recoveredMain, overdue.get(mainCurrency) ?? 0),
    meanCaseRecoveryRate: rates.length > 0 ? mean(rates) : null,
    costPerUnitRecovered: ratioOrNull(cost.get(mainCurrency) ?? 0, recoveredMain),
    paidInFull: days.length,
    paidInFullShare: days.length / cases.length,
    meanDaysToPay: days.length > 0 ? mean(days) : null,
    medianDaysToPay: median(days),
  };
};

/** Three significant digits for sentences; the exact figures are in the fields. */
const figure = (value: number): string =>
  Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));

const pText = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

const sizesText = (sizes: Record<string, number>, separator: string): string =>
  Object.entries(sizes)
    .map(([branch, n]) => `${branch} ${n}`)
    .join(separator);

const verdictText = (significant: boolean, alpha: number): Bilingual =>
  significant
    ? { 'zh-CN': `在 α = ${alpha} 下显著。`, en: `Significant at α = ${alpha}.` }
    : {
        'zh-CN': `在 α = ${alpha} 下不显著：数据没有显示分支之间的差异。`,
        en: `Not significant at α = ${alpha}: the data do not show a difference between the branches.`,
      };

const notRun = (
  test: TestName,
  measure: Measure,
  sampleSizes: Record<string, number>,
  reason: Bilingual,
): TestNotRun => ({ ran: false, test, measure, sampleSizes, reason });

const SMALL_EXPECTED = 5;

const testPaidInFull = (
  names: readonly string[],
  branches: Map<string, BranchCase[]>,
  alpha: number,
): ChiSquareResult | TestNotRun => {
  const test = 'Pearson chi-square test of independence';
  const measure = 'paid-in-full share';
  const lists = names.map((name) => branches.get(name) ?? []);
  const sampleSizes = Object.fromEntries(names.map((name, b) => [name, at(lists, b).length]));
  if (names.length < 2) {
    return notRun(test, measure, sampleSizes, {
      'zh-CN': '只有一个分支，无从比较。',
      en: 'There is only one branch: nothing to compare.',
    });
  }
  const table = lists.map((list) => {
    const paid = paidDays(list).length;
    return [paid, list.length - paid];
  });
  const figures = chiSquareIndependence(table);
  if (figures === null) {
    return notRun(test, measure, sampleSizes, {
      'zh-CN': '所有分支的全额回款占比都是 0%（或都是 100%），没有差异可检验。',
      en: 'Every branch has a paid-in-full share of 0% (or every one 100%): there is no difference to test.',
    });
  }

  const significant = figures.pValue < alpha;
  const warnings: Bilingual[] = [];
  if (figures.minExpectedCount < SMALL_EXPECTED) {
    const smallest = figure(figures.minExpectedCount);
    warnings.push({
      'zh-CN': `有期望频数小于 5（最小 ${smallest}），卡方近似不可靠：请谨慎解读 p 值，等待更多案件后再下结论。`,
      en:
        `An expected count is below 5 (smallest ${smallest}), so the chi-square approximation ` +
        `is unreliable: read the p-value with care and wait for more cases before deciding.`,
    });
  }
  const numbers =
    `χ² = ${figure(figures.statistic)}, df = ${figures.degreesOfFreedom}, ` + pText(figures.pValue);
  const verdict = verdictText(significant, alpha);
  return {
    ran: true,
    test,
    measure,
    sampleSizes,
    ...figures,
    alpha,
    significant,
    warnings,
    statement: {
      'zh-CN':
        `${MEASURE_ZH[measure]}的 Pearson 卡方独立性检验（无连续性校正）：${numbers}` +
        `（样本量：${sizesText(sampleSizes, '，')}）。${verdict['zh-CN']}`,
      en:
        `${test} on the ${measure} (no continuity correction): ${numbers} (n: ` +
        `${sizesText(sampleSizes, ', ')}). ${verdict.en}`,
    },
  };
};

const DAYS_TO_PAY_CAVEAT: Bilingual = {
  'zh-CN':
    '这里只统计已全额回款的案件：促使更多案件回款的分支可能多出一些付款较慢的客户，请结合全额回款占比一起判断。',
  en:
    'Only cases paid in full count here: a branch that gets more cases to pay may add slower ' +
    'payers, so read this together with the paid-in-full share.',
};

const testWelch = (
  measure: Measure,
  champion: { name: string; values: number[] },
  challenger: { name: string; values: number[] },
  alpha: number,
): WelchResult | TestNotRun => {
  const test = "Welch's two-sample t-test";
  const sampleSizes = {
    [champion.name]: champion.values.length,
    [challenger.name]: challenger.values.length,
  };
  if (champion.values.length < 2 || challenger.values.length < 2) {
    const sizes =
      `${champion.name} ${champion.values.length}, ` +
      `${challenger.name} ${challenger.values.length}`;
    return notRun(test, measure, sampleSizes, {
      'zh-CN': `每个分支至少需要 2 个观测值（${sizes}）。`,
      en: `Each branch needs at least 2 observations (${sizes}).`,
    });
  }
  const figures = welchTTest(champion.values, challenger.values, alpha);
  if (figures === null) {
    return notRun(test, measure, sampleSizes, {
      'zh-CN': '两个分支内部的值都完全相同（方差为 0），无法计算 t 检验。',
      en: 'The values do not vary within either branch (variance 0), so a t-test cannot be computed.',
    });
  }

  const significant = figures.pValue < alpha;
  const { confidenceInterval: interval } = figures;
  const level = `${figure(interval.level * 100)}%`;
  const means = `${figure(figures.meanB)} vs ${figure(figures.meanA)}`;
  const range = `${figure(interval.lower)} … ${figure(interval.upper)}`;
  const numbers =
    `t = ${figure(figures.statistic)}, df = ${figure(figures.degreesOfFreedom)}, ` +
    pText(figures.pValue);
  const verdict = verdictText(significant, alpha);
  return {
    ran: true,
    test,
    measure,
    sampleSizes,
    statistic: figures.statistic,
    degreesOfFreedom: figures.degreesOfFreedom,
    pValue: figures.pValue,
    alpha,
    significant,
    warnings: measure === 'days to pay among paid cases' ? [DAYS_TO_PAY_CAVEAT] : [],
    championMean: figures.meanA,
    challengerMean: figures.meanB,
    difference: figures.difference,
    confidenceInterval: interval,
    statement: {
      'zh-CN':
        `${MEASURE_ZH[measure]}的 Welch 双样本 t 检验（双侧），${challenger.name} 对 ` +
        `${champion.name}：均值 ${means}（差 ${figure(figures.difference)}，${level} 置信区间 ` +
        `${range}），${numbers}（样本量：${sizesText(sampleSizes, '，')}）。${verdict['zh-CN']}`,
      en:
        `${test} (two-sided) on the ${measure}, ${challenger.name} vs ${champion.name}: mean ` +
        `${means} (difference ${figure(figures.difference)}, ${level} CI ${range}), ${numbers} ` +
        `(n: ${sizesText(sampleSizes, ', ')}). ${verdict.en}`,
    },
  };
};

const experimentNotes = (mainCurrency: string, challengers: number): Bilingual[] => {
  const notes: Bilingual[] = [
    {
      'zh-CN': `回款率、单案回款率和单位回款成本只使用 ${mainCurrency} 案件（逾期金额最多的币种）；全额回款占比和回款天数统计全部案件。`,
      en:
        `Recovery rates and cost per unit recovered use ${mainCurrency} cases only (the ` +
        `currency with the most overdue amount); the paid-in-full share and days to pay count ` +
        `every case.`,
    },
  ];
  if (challengers > 1) {
    notes.push({
      'zh-CN': `每个挑战者分别与冠军比较；共 ${challengers} 组比较时，某一组可能仅因偶然而显著（p 值未做多重比较校正）。`,
      en:
        `Each challenger is compared with the champion on its own; with ${challengers} ` +
        'comparisons one may look significant by chance (p-values are not adjusted for ' +
        'multiple comparisons).',
    });
  }
  return notes;
};

const reportExperiment = (
  experiment: string,
  branches: Map<string, BranchCase[]>,
  alpha: number,
): ExperimentReport => {
  const all = [...branches.values()].flat();
  const mainCurrency = mainCurrencyOf(all);
  const names = [...branches.keys()].sort(compareText);
  const champion = names.includes(CHAMPION) ? CHAMPION : at(names, 0);
  const ordered = [champion, ...names.filter((name) => name !== champion)];
  const casesOf = (name: string): BranchCase[] => branches.get(name) ?? [];

  const comparisons = ordered.slice(1).map((challenger): BranchComparison => ({
    champion,
    challenger,
    daysToPay: testWelch(
      'days to pay among paid cases',
      { name: champion, values: paidDays(casesOf(champion)) },
      { name: challenger, values: paidDays(casesOf(challenger)) },
      alpha,
    ),
    caseRecoveryRate: testWelch(
      'recovery rate per case',
      { name: champion, values: caseRates(casesOf(champion), mainCurrency) },
      { name: challenger, values: caseRates(casesOf(challenger), mainCurrency) },
      alpha,
    ),
  }));
  return {
    experiment,
    mainCurrency,
    champion,
    alpha,
    cases: all.length,
    branches: ordered.map((name) =>
      summariseBranch(name, name === champion, casesOf(name), mainCurrency),
    ),
    paidInFull: testPaidInFull(ordered, branches, alpha),
    comparisons,
    notes: experimentNotes(mainCurrency, comparisons.length),
  };
};

/**
 * Champion/challenger figures and significance tests per experiment, by
 * experiment name. Throws AnalyticsInputError on bad input.
 */
export const compareBranches = (
  cases: readonly BranchCase[],
  options: ComparisonOptions = {},
): ExperimentReport[] => {
  const alpha = parseAlpha(options.alpha);
  const experiments = groupCases(cases);
  return [...experiments]
    .sort(([a], [b]) => compareText(a, b))
    .map(([experiment, branches]) => reportExperiment(experiment, branches, alpha));
};
