/**
 * Maps a financial statement (and the previous one) onto the 64 ratios of the Polish
 * companies bankruptcy data set (Attr1..Attr64, /shared/data/polish-bankruptcy), so the
 * bankruptcy model trained on that data can score our debtors.
 *
 * The data set's own figures decide what each Polish term means. Identities between the
 * attributes, checked on every row of 1year.arff and 5year.arff, show:
 * - "gross profit" is profit before tax (Polish zysk brutto), not sales − cost of sales:
 *   Attr18 (gross profit / TA) equals Attr7 (EBIT / TA) in every row, and Attr19 has a
 *   median of 5 % of sales. We use the EBIT line, as the data set does.
 * - "operating expenses", "cost of products sold" and "total costs" are all the operating
 *   costs (about 94 % of sales at the median; Attr56 = 1 − cost of products sold / sales
 *   has a median of 6 %). We use cost of sales + operating expenses; "profit on sales" is
 *   sales minus both.
 * - "gross profit + interest" (Attr14, Attr31's numerator) is then EBIT; Attr14 equals
 *   Attr7 in every row.
 * - "fixed assets" is total assets − current assets (Attr28, Attr53, Attr54 and Attr64
 *   reproduce in 99.7 % of rows); long-term liabilities are total − short-term
 *   liabilities here (the data set takes constant capital − equity: Attr37 and Attr59).
 * - Three published definitions do not fit the numbers, and we follow the numbers:
 *   Attr57 is net profit / equity (99.4 % of rows; not "(CA − inventory − STL) /
 *   (sales − gross profit − depreciation)"); Attr52 is short-term liabilities / cost of
 *   products sold without the × 365 (it is Attr32 / 365 in 99.9 % of rows); Attr41 is
 *   total liabilities × 12 / ((operating profit + depreciation) × 365) (99.9 %).
 * - Attr29 (log10 of total assets) and Attr55 (working capital) are in thousands of PLN
 *   (Attr55 / Attr3 = 10^Attr29 in 98 % of rows); they exist only for PLN statements.
 * Attr11 (extraordinary items), Attr24 (three years of profit) and Attr31 (interest, which
 * the data set itself adds inconsistently) need lines we do not have and are missing.
 */
import type { FinancialStatementRecord, Unavailable } from '../types';

import {
  type Amount,
  type Bilingual,
  LINE_LABELS,
  StatementReader,
  amountOf,
  describeProblem,
  divide,
  failed,
  nonNegative,
  sum,
} from './amounts';

export type PolishAttribute = `Attr${number}`;

/** Attr1..Attr64 in the data set's column order. */
export const POLISH_ATTRIBUTES: readonly PolishAttribute[] = Array.from(
  { length: 64 },
  (_, index): PolishAttribute => `Attr${index + 1}`,
);

const CONCEPT_LABELS = {
  totalAssets: LINE_LABELS.totalAssetsMinor,
  currentAssets: LINE_LABELS.currentAssetsMinor,
  inventory: LINE_LABELS.inventoryMinor,
  cash: LINE_LABELS.cashMinor,
  shortTermSecurities: LINE_LABELS.shortTermSecuritiesMinor,
  receivables: LINE_LABELS.receivablesMinor,
  totalLiabilities: LINE_LABELS.totalLiabilitiesMinor,
  shortTermLiabilities: LINE_LABELS.shortTermLiabilitiesMinor,
  equity: LINE_LABELS.equityMinor,
  shareCapital: LINE_LABELS.shareCapitalMinor,
  retainedEarnings: LINE_LABELS.retainedEarningsMinor,
  sales: LINE_LABELS.salesMinor,
  ebit: LINE_LABELS.ebitMinor,
  netProfit: LINE_LABELS.netProfitMinor,
  operatingProfit: LINE_LABELS.operatingProfitMinor,
  financialExpenses: LINE_LABELS.financialExpensesMinor,
  depreciation: LINE_LABELS.depreciationMinor,
  workingCapital: { 'zh-CN': '营运资本', en: 'working capital' },
  fixedAssets: { 'zh-CN': '非流动资产', en: 'fixed assets' },
  longTermLiabilities: { 'zh-CN': '非流动负债', en: 'long-term liabilities' },
  constantCapital: { 'zh-CN': '长期资本', en: 'constant capital' },
  operatingCosts: { 'zh-CN': '营业总成本', en: 'operating costs' },
  profitOnSales: { 'zh-CN': '销售利润', en: 'profit on sales' },
  previousSales: { 'zh-CN': '上期营业收入', en: "previous period's sales" },
} satisfies Record<string, Bilingual>;

type Concept = keyof typeof CONCEPT_LABELS;
type Term = Concept | `-${Concept}`;

/** A ratio of signed sums of concepts, times `factor`. */
interface RatioSpec {
  numerator: Term[];
  denominator: Term[];
  factor?: number;
}

/** How each attribute we can compute is built from our concepts. */
const RATIO_SPECS: Record<string, RatioSpec> = {
  Attr1: { numerator: ['netProfit'], denominator: ['totalAssets'] },
  Attr2: { numerator: ['totalLiabilities'], denominator: ['totalAssets'] },
  Attr3: { numerator: ['workingCapital'], denominator: ['totalAssets'] },
  Attr4: { numerator: ['currentAssets'], denominator: ['shortTermLiabilities'] },
  Attr5: {
    numerator: ['cash', 'shortTermSecurities', 'receivables', '-shortTermLiabilities'],
    denominator: ['operatingCosts', '-depreciation'],
    factor: 365,
  },
  Attr6: { numerator: ['retainedEarnings'], denominator: ['totalAssets'] },
  Attr7: { numerator: ['ebit'], denominator: ['totalAssets'] },
  Attr8: { numerator: ['equity'], denominator: ['totalLiabilities'] },
  Attr9: { numerator: ['sales'], denominator: ['totalAssets'] },
  Attr10: { numerator: ['equity'], denominator: ['totalAssets'] },
  Attr12: { numerator: ['ebit'], denominator: ['shortTermLiabilities'] },
  Attr13: { numerator: ['ebit', 'depreciation'], denominator: ['sales'] },
  Attr14: { numerator: ['ebit'], denominator: ['totalAssets'] },
  Attr15: { numerator: ['totalLiabilities'], denominator: ['ebit', 'depreciation'], factor: 365 },
  Attr16: { numerator: ['ebit', 'depreciation'], denominator: ['totalLiabilities'] },
  Attr17: { numerator: ['totalAssets'], denominator: ['totalLiabilities'] },
  Attr18: { numerator: ['ebit'], denominator: ['totalAssets'] },
  Attr19: { numerator: ['ebit'], denominator: ['sales'] },
  Attr20: { numerator: ['inventory'], denominator: ['sales'], factor: 365 },
  Attr21: { numerator: ['sales'], denominator: ['previousSales'] },
  Attr22: { numerator: ['operatingProfit'], denominator: ['totalAssets'] },
  Attr23: { numerator: ['netProfit'], denominator: ['sales'] },
  Attr25: { numerator: ['equity', '-shareCapital'], denominator: ['totalAssets'] },
  Attr26: { numerator: ['netProfit', 'depreciation'], denominator: ['totalLiabilities'] },
  Attr27: { numerator: ['operatingProfit'], denominator: ['financialExpenses'] },
  Attr28: { numerator: ['workingCapital'], denominator: ['fixedAssets'] },
  Attr30: { numerator: ['totalLiabilities', '-cash'], denominator: ['sales'] },
  Attr32: { numerator: ['shortTermLiabilities'], denominator: ['operatingCosts'], factor: 365 },
  Attr33: { numerator: ['operatingCosts'], denominator: ['shortTermLiabilities'] },
  Attr34: { numerator: ['operatingCosts'], denominator: ['totalLiabilities'] },
  Attr35: { numerator: ['profitOnSales'], denominator: ['totalAssets'] },
  Attr36: { numerator: ['sales'], denominator: ['totalAssets'] },
  Attr37: { numerator: ['currentAssets', '-inventory'], denominator: ['longTermLiabilities'] },
  Attr38: { numerator: ['constantCapital'], denominator: ['totalAssets'] },
  Attr39: { numerator: ['profitOnSales'], denominator: ['sales'] },
  Attr40: {
    numerator: ['currentAssets', '-inventory', '-receivables'],
    denominator: ['shortTermLiabilities'],
  },
  Attr41: {
    numerator: ['totalLiabilities'],
    denominator: ['operatingProfit', 'depreciation'],
    factor: 12 / 365,
  },
  Attr42: { numerator: ['operatingProfit'], denominator: ['sales'] },
  Attr43: { numerator: ['receivables', 'inventory'], denominator: ['sales'], factor: 365 },
  Attr44: { numerator: ['receivables'], denominator: ['sales'], factor: 365 },
  Attr45: { numerator: ['netProfit'], denominator: ['inventory'] },
  Attr46: { numerator: ['currentAssets', '-inventory'], denominator: ['shortTermLiabilities'] },
  Attr47: { numerator: ['inventory'], denominator: ['operatingCosts'], factor: 365 },
  Attr48: { numerator: ['operatingProfit', '-depreciation'], denominator: ['totalAssets'] },
  Attr49: { numerator: ['operatingProfit', '-depreciation'], denominator: ['sales'] },
  Attr50: { numerator: ['currentAssets'], denominator: ['totalLiabilities'] },
  Attr51: { numerator: ['shortTermLiabilities'], denominator: ['totalAssets'] },
  Attr52: { numerator: ['shortTermLiabilities'], denominator: ['operatingCosts'] },
  Attr53: { numerator: ['equity'], denominator: ['fixedAssets'] },
  Attr54: { numerator: ['constantCapital'], denominator: ['fixedAssets'] },
  Attr56: { numerator: ['sales', '-operatingCosts'], denominator: ['sales'] },
  Attr57: { numerator: ['netProfit'], denominator: ['equity'] },
  Attr58: { numerator: ['operatingCosts'], denominator: ['sales'] },
  Attr59: { numerator: ['longTermLiabilities'], denominator: ['equity'] },
  Attr60: { numerator: ['sales'], denominator: ['inventory'] },
  Attr61: { numerator: ['sales'], denominator: ['receivables'] },
  Attr62: { numerator: ['shortTermLiabilities'], denominator: ['sales'], factor: 365 },
  Attr63: { numerator: ['sales'], denominator: ['shortTermLiabilities'] },
  Attr64: { numerator: ['sales'], denominator: ['fixedAssets'] },
};

/** Attributes our statement lines cannot produce, with the reason. */
export const NOT_COMPUTABLE: Readonly<Record<string, Bilingual>> = {
  Attr11: {
    'zh-CN': '需要非常项目（营业外收支）及利息，报表中没有这些项目',
    en: 'needs extraordinary items and interest, which our statements do not carry',
  },
  Attr24: {
    'zh-CN': '需要连续三年的利润总额，而只有本期和上期报表',
    en: 'needs three years of profit before tax; we have this and the previous period only',
  },
  Attr31: {
    'zh-CN': '需要利息支出，报表中没有该项目（数据集本身对利息的处理也不一致）',
    en:
      'needs interest expense, which our statements do not carry ' +
      '(the data set adds it inconsistently)',
  },
};

/** Every attribute a statement can produce (given the lines), in column order. */
export const COMPUTABLE_ATTRIBUTES: readonly PolishAttribute[] = POLISH_ATTRIBUTES.filter(
  (name) => !(name in NOT_COMPUTABLE),
);

const termLabel = (term: Term, lang: keyof Bilingual): { text: string; negative: boolean } => {
  const negative = term.startsWith('-');
  const concept = (negative ? term.slice(1) : term) as Concept;
  return { text: CONCEPT_LABELS[concept][lang], negative };
};

const termsLabel = (terms: Term[], lang: keyof Bilingual): string => {
  const text = terms
    .map((term, index) => {
      const { text: label, negative } = termLabel(term, lang);
      if (index === 0) return negative ? `−${label}` : label;
      return `${negative ? ' − ' : ' + '}${label}`;
    })
    .join('');
  return terms.length > 1 ? `(${text})` : text;
};

const ratioLabel = (spec: RatioSpec, lang: keyof Bilingual): string => {
  const numerator = termsLabel(spec.numerator, lang);
  const denominator = termsLabel(spec.denominator, lang);
  if (spec.factor === 365) return `${numerator} × 365 / ${denominator}`;
  if (spec.factor === 12 / 365) return `${numerator} × 12 / (${denominator} × 365)`;
  return `${numerator} / ${denominator}`;
};

/** What each computable attribute is, in our statement's words. */
export const ATTRIBUTE_LABELS: Readonly<Record<string, Bilingual>> = Object.fromEntries([
  ...Object.entries(RATIO_SPECS).map(([name, spec]) => [
    name,
    { 'zh-CN': ratioLabel(spec, 'zh-CN'), en: ratioLabel(spec, 'en') },
  ]),
  [
    'Attr29',
    { 'zh-CN': 'log10(资产总计，千兹罗提)', en: 'log10(total assets in thousands of PLN)' },
  ],
  ['Attr55', { 'zh-CN': '营运资本（千兹罗提）', en: 'working capital in thousands of PLN' }],
]);

export const attributeLabel = (name: PolishAttribute): Bilingual =>
  ATTRIBUTE_LABELS[name] ?? { 'zh-CN': name, en: name };

export type FeatureValues = Partial<Record<PolishAttribute, number>>;

/** Every one of the 64 attributes is in exactly one of `values` and `missing`. */
export interface PolishFeatures {
  values: FeatureValues;
  missing: Partial<Record<PolishAttribute, Unavailable>>;
}

/** The concepts of the Polish definitions, read from our statement lines. */
const readConcepts = (reader: StatementReader): Record<Concept, Amount> => {
  const line = reader.line.bind(reader);
  const totalAssets = line('totalAssetsMinor');
  const currentAssets = line('currentAssetsMinor');
  const totalLiabilities = line('totalLiabilitiesMinor');
  const shortTermLiabilities = line('shortTermLiabilitiesMinor');
  const equity = line('equityMinor');
  const costOfSales = line('costOfSalesMinor');
  const operatingExpenses = line('operatingExpensesMinor');
  const longTermLiabilities = nonNegative(sum([totalLiabilities, 1], [shortTermLiabilities, -1]), {
    'zh-CN': '负债合计 − 流动负债合计',
    en: 'total liabilities − short-term liabilities',
  });

  return {
    totalAssets,
    currentAssets,
    inventory: line('inventoryMinor'),
    cash: line('cashMinor'),
    shortTermSecurities: line('shortTermSecuritiesMinor'),
    receivables: line('receivablesMinor'),
    totalLiabilities,
    shortTermLiabilities,
    equity,
    shareCapital: line('shareCapitalMinor'),
    retainedEarnings: line('retainedEarningsMinor'),
    sales: line('salesMinor'),
    ebit: line('ebitMinor'),
    netProfit: line('netProfitMinor'),
    operatingProfit: line('operatingProfitMinor'),
    financialExpenses: line('financialExpensesMinor'),
    depreciation: line('depreciationMinor'),
    workingCapital: sum([currentAssets, 1], [shortTermLiabilities, -1]),
    fixedAssets: nonNegative(sum([totalAssets, 1], [currentAssets, -1]), {
      'zh-CN': '资产总计 − 流动资产合计',
      en: 'total assets − current assets',
    }),
    longTermLiabilities,
    constantCapital: sum([equity, 1], [longTermLiabilities, 1]),
    operatingCosts: sum([costOfSales, 1], [operatingExpenses, 1]),
    profitOnSales: sum([line('salesMinor'), 1], [costOfSales, -1], [operatingExpenses, -1]),
    previousSales: reader.previous('salesMinor'),
  };
};

const sumTerms = (concepts: Record<Concept, Amount>, terms: Term[]): Amount =>
  sum(
    ...terms.map((term): [Amount, 1 | -1] =>
      term.startsWith('-')
        ? [concepts[term.slice(1) as Concept], -1]
        : [concepts[term as Concept], 1],
    ),
  );

const computeRatio = (concepts: Record<Concept, Amount>, spec: RatioSpec): Amount => {
  const denominatorLabel: Bilingual = {
    'zh-CN': termsLabel(spec.denominator, 'zh-CN'),
    en: termsLabel(spec.denominator, 'en'),
  };
  const numerator = sumTerms(concepts, spec.numerator);
  return divide(numerator, sumTerms(concepts, spec.denominator), denominatorLabel, spec.factor);
};

/** PLN minor units (grosz) per thousand PLN, the data set's unit for absolute amounts. */
const MINOR_PER_THOUSAND_PLN = 100_000;

const plnOnly = (name: PolishAttribute, currency: string): Unavailable => ({
  available: false,
  code: 'currency_scale',
  message: {
    'zh-CN': `${name} 以千兹罗提（PLN）计量，${currency} 报表无法换算到该尺度`,
    en: `${name} is measured in thousands of PLN; a ${currency} statement has no such scale`,
  },
});

/** Attr29 and Attr55, in the data set's thousands of PLN. */
const PLN_SCALED: Readonly<Record<string, (concepts: Record<Concept, Amount>) => Amount>> = {
  Attr29: ({ totalAssets }) => {
    if (!totalAssets.ok) return totalAssets;
    if (totalAssets.value === 0) {
      return failed({ code: 'zero_denominator', denominator: CONCEPT_LABELS.totalAssets });
    }
    return amountOf(Math.log10(totalAssets.value / MINOR_PER_THOUSAND_PLN));
  },
  Attr55: ({ workingCapital }) =>
    workingCapital.ok ? amountOf(workingCapital.value / MINOR_PER_THOUSAND_PLN) : workingCapital,
};

/** Attributes on the data set's absolute scale (thousands of PLN): PLN statements only. */
export const PLN_SCALED_ATTRIBUTES = Object.keys(PLN_SCALED) as readonly PolishAttribute[];

const notComputable = (name: PolishAttribute, reason: Bilingual): Unavailable => ({
  available: false,
  code: 'not_computable',
  message: {
    'zh-CN': `${name} 无法由报表计算：${reason['zh-CN']}`,
    en: `${name} cannot be computed from a statement: ${reason.en}`,
  },
});

/** The Polish attributes of a statement; `previous` is the prior period (for Attr21). */
export const polishFeatures = (
  statement: FinancialStatementRecord,
  previous?: FinancialStatementRecord | null,
): PolishFeatures => {
  const concepts = readConcepts(new StatementReader(statement, previous ?? null));
  const features: PolishFeatures = { values: {}, missing: {} };

  for (const name of POLISH_ATTRIBUTES) {
    const spec = RATIO_SPECS[name];
    const scaled = PLN_SCALED[name];
    const reason = NOT_COMPUTABLE[name];
    let result: Amount | Unavailable;
    if (spec) result = computeRatio(concepts, spec);
    else if (scaled && statement.currency === 'PLN') result = scaled(concepts);
    else if (scaled) result = plnOnly(name, statement.currency);
    else if (reason) result = notComputable(name, reason);
    else throw new Error(`${name} has no definition`);

    if ('available' in result) features.missing[name] = result;
    else if (result.ok) features.values[name] = result.value;
    else features.missing[name] = describeProblem(result.problem, attributeSubject(name));
  }
  return features;
};

const attributeSubject = (name: PolishAttribute): Bilingual => {
  const label = attributeLabel(name);
  return { 'zh-CN': `${name}（${label['zh-CN']}）`, en: `${name} (${label.en})` };
};
