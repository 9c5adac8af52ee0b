import type { FinancialStatementRecord } from '../../types';

/**
 * A healthy debtor, amounts in minor units chosen so every ratio is easy to check by
 * hand (read them as thousands): TA 1,000, CA 600, STL 250, TL 400, equity 600, sales
 * 1,500, EBIT 200, net profit 150.
 */
export const strongStatement = (
  overrides: Partial<FinancialStatementRecord> = {},
): FinancialStatementRecord => ({
  debtorCode: 'D-STRONG',
  periodEnd: '2024-12-31',
  periodStart: '2024-01-01',
  currency: 'CNY',
  totalAssetsMinor: 1_000_000,
  currentAssetsMinor: 600_000,
  inventoryMinor: 150_000,
  cashMinor: 120_000,
  shortTermSecuritiesMinor: 30_000,
  receivablesMinor: 200_000,
  totalLiabilitiesMinor: 400_000,
  shortTermLiabilitiesMinor: 250_000,
  equityMinor: 600_000,
  shareCapitalMinor: 200_000,
  retainedEarningsMinor: 300_000,
  salesMinor: 1_500_000,
  costOfSalesMinor: 1_050_000,
  grossProfitMinor: 450_000,
  operatingExpensesMinor: 270_000,
  operatingProfitMinor: 180_000,
  financialExpensesMinor: 20_000,
  ebitMinor: 200_000,
  netProfitMinor: 150_000,
  depreciationMinor: 40_000,
  operatingCashFlowMinor: 175_000,
  ...overrides,
});

/** The same debtor a year earlier, with sales of 1,200. */
export const strongPrevious = (
  overrides: Partial<FinancialStatementRecord> = {},
): FinancialStatementRecord =>
  strongStatement({
    periodEnd: '2023-12-31',
    periodStart: '2023-01-01',
    salesMinor: 1_200_000,
    ...overrides,
  });

/**
 * A debtor in distress: liabilities 1,100 exceed assets 1,000 (equity −100), short-term
 * liabilities 700 against current assets 300, an operating loss and negative cash flow.
 */
export const weakStatement = (
  overrides: Partial<FinancialStatementRecord> = {},
): FinancialStatementRecord => ({
  debtorCode: 'D-WEAK',
  periodEnd: '2024-12-31',
  currency: 'CNY',
  totalAssetsMinor: 1_000_000,
  currentAssetsMinor: 300_000,
  inventoryMinor: 180_000,
  cashMinor: 10_000,
  shortTermSecuritiesMinor: 0,
  receivablesMinor: 90_000,
  totalLiabilitiesMinor: 1_100_000,
  shortTermLiabilitiesMinor: 700_000,
  equityMinor: -100_000,
  shareCapitalMinor: 200_000,
  retainedEarningsMinor: -350_000,
  salesMinor: 800_000,
  costOfSalesMinor: 720_000,
  grossProfitMinor: 80_000,
  operatingExpensesMinor: 150_000,
  operatingProfitMinor: -70_000,
  financialExpensesMinor: 60_000,
  ebitMinor: -60_000,
  netProfitMinor: -130_000,
  depreciationMinor: 30_000,
  operatingCashFlowMinor: -40_000,
  ...overrides,
});

/** Every number anywhere inside a value, for "never NaN, never Infinity" checks. */
export const numbersIn = (value: unknown): number[] => {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
};
