import {
  emptyBatch,
  type FinancialStatementRecord,
  type LedgerBatch,
  SIGNED_LINES,
  STATEMENT_LINES,
  type StatementLine,
} from '../domain/ledger';
import type { ColumnLayout, ColumnMap, ColumnSpec } from './columns';
import type { IssueLog } from './issues';
import type { PresetContext } from './presets/types';
import { RowReader } from './row-reader';
import type { SourceTable } from './types';
import { cellText } from './values/text';

/** The import preset name of financial-statement files (one row per debtor and period). */
export const STATEMENTS_PRESET = 'financial-statements';

/** Header names of each statement line as Chinese accounting standards (企业会计准则) and IFRS word them. */
const LINE_HEADERS: Record<StatementLine, [label: string, ...aliases: string[]]> = {
  totalAssetsMinor: ['资产总计', '资产合计', '总资产', 'total assets'],
  currentAssetsMinor: ['流动资产合计', '流动资产', 'current assets', 'total current assets'],
  inventoryMinor: ['存货', 'inventory', 'inventories'],
  cashMinor: ['货币资金', '现金及现金等价物', '现金', 'cash', 'cash and cash equivalents'],
  shortTermSecuritiesMinor: [
    '交易性金融资产',
    '短期投资',
    'short-term securities',
    'marketable securities',
  ],
  receivablesMinor: [
    '应收账款',
    '应收款项',
    'receivables',
    'accounts receivable',
    'trade receivables',
  ],
  totalLiabilitiesMinor: ['负债合计', '总负债', 'total liabilities'],
  shortTermLiabilitiesMinor: [
    '流动负债合计',
    '流动负债',
    'short-term liabilities',
    'current liabilities',
    'total current liabilities',
  ],
  equityMinor: ['所有者权益合计', '股东权益合计', '所有者权益', '净资产', 'equity', 'total equity'],
  shareCapitalMinor: ['实收资本', '股本', '实收资本（或股本）', 'share capital', 'paid-in capital'],
  retainedEarningsMinor: ['未分配利润', '留存收益', 'retained earnings'],
  salesMinor: [
    '营业收入',
    '营业总收入',
    '销售收入',
    '主营业务收入',
    'sales',
    'revenue',
    'turnover',
  ],
  costOfSalesMinor: ['营业成本', '销售成本', '主营业务成本', 'cost of sales', 'cost of goods sold'],
  grossProfitMinor: ['毛利', '毛利润', '销售毛利', 'gross profit'],
  operatingProfitMinor: ['营业利润', 'operating profit', 'profit on operating activities'],
  financialExpensesMinor: ['财务费用', 'financial expenses', 'finance costs'],
  operatingExpensesMinor: ['期间费用', '营业费用', '经营费用', 'operating expenses'],
  ebitMinor: ['息税前利润', 'ebit'],
  netProfitMinor: ['净利润', '净利', 'net profit', 'net income'],
  depreciationMinor: [
    '折旧与摊销',
    '折旧摊销',
    '折旧',
    'depreciation',
    'depreciation and amortisation',
  ],
  operatingCashFlowMinor: [
    '经营活动产生的现金流量净额',
    '经营活动现金流量净额',
    '经营现金流',
    'operating cash flow',
    'net cash from operating activities',
  ],
};

const specs: ColumnSpec[] = [
  {
    field: 'debtorCode',
    label: '客户编码',
    aliases: ['客户代码', '客户编号', '客户号', '往来单位编码', 'customer code', 'debtor code'],
    required: true,
  },
  {
    field: 'periodEnd',
    label: '报告期末',
    aliases: ['期末日期', '报表日期', '报告期', '会计期末', 'period end', 'statement date'],
    required: true,
  },
  { field: 'periodStart', label: '报告期初', aliases: ['期初日期', 'period start'] },
  { field: 'currency', label: '币种', aliases: ['货币', '币别', 'currency'] },
  ...STATEMENT_LINES.map((line): ColumnSpec => ({
    field: line,
    label: LINE_HEADERS[line][0],
    aliases: LINE_HEADERS[line].slice(1),
    units: 'money',
  })),
];

export const STATEMENT_LAYOUT: ColumnLayout = {
  specs,
  ignored: ['客户名称', '客户', 'customer name', '备注', '序号', 'remark', 'notes', 'no.'],
  requiredAnyOf: [['totalAssetsMinor', 'salesMinor']],
};

/** Parts that cannot exceed their whole; a row that says otherwise is mistyped. */
const PARTS: Array<[part: StatementLine, whole: StatementLine]> = [
  ['currentAssetsMinor', 'totalAssetsMinor'],
  ['inventoryMinor', 'currentAssetsMinor'],
  ['shortTermLiabilitiesMinor', 'totalLiabilitiesMinor'],
];

function readStatement(
  reader: RowReader,
  context: PresetContext,
): { key: string | null; record: FinancialStatementRecord | null } {
  const debtorCode = reader.code('debtorCode', true);
  const periodEnd = reader.date('periodEnd', true);
  const periodStart = reader.date('periodStart');
  // One currency per statement: its column, else the first line header that names one
  // ("资产总计(美元)"), else the default; a line whose header names another is an error.
  const hinted = STATEMENT_LINES.map((line) => reader.currencyHint(line)).find(Boolean) ?? null;
  const stated = (reader.has('currency') ? reader.currency('currency') : null) ?? hinted;
  const fallback = stated ?? context.defaultCurrency;

  const record: FinancialStatementRecord = {
    debtorCode: debtorCode ?? '',
    periodEnd: periodEnd ?? '',
    periodStart,
    currency: fallback,
  };
  for (const line of STATEMENT_LINES) {
    if (!reader.has(line)) continue;
    const money = reader.amount(line, {
      currency: fallback,
      fallback,
      sign: SIGNED_LINES.has(line) ? 'any' : 'non-negative',
    });
    if (money === null) continue;
    record[line] = money.minor;
  }
  if (periodStart && periodEnd && periodStart > periodEnd) {
    reader.error('period-start-after-end', 'periodStart', { value: periodStart, other: periodEnd });
  }
  for (const [part, whole] of PARTS) {
    const a = record[part];
    const b = record[whole];
    if (typeof a === 'number' && typeof b === 'number' && a > b) {
      reader.error('part-exceeds-whole', part, {
        value: reader.raw(part),
        other: reader.header(whole),
      });
    }
  }
  const key = debtorCode && periodEnd ? `${debtorCode}|${periodEnd}` : null;
  return { key, record: reader.errors.length === 0 ? record : null };
}

/**
 * Reads the data rows of a financial-statement file: one statement per debtor and period
 * end; a second row for the same pair is an error naming the first.
 */
export function readStatementRows(
  table: SourceTable,
  columns: ColumnMap,
  context: PresetContext,
  log: IssueLog,
  format: 'csv' | 'xlsx' = 'csv',
): { batch: LedgerBatch; rows: number; validRows: number; statementRows: number[] } {
  const batch = emptyBatch();
  const statementRows: number[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  let validRows = 0;
  for (const row of table.rows) {
    if (row.cells.every((cell) => cellText(cell) === '')) continue;
    rows += 1;
    const reader = new RowReader(row, columns, table.date1904);
    // A CSV line shorter than its header was cut off: its blank lines would erase stored ones.
    if (format === 'csv' && row.cells.length < columns.width) {
      reader.error('too-few-cells', null, {
        value: String(row.cells.length),
        other: String(columns.width),
      });
    }
    const { key, record } = readStatement(reader, context);
    const first = key === null ? undefined : seen.get(key);
    if (first !== undefined) {
      reader.error('duplicate-statement', 'periodEnd', {
        value: key?.replace('|', ' '),
        otherRow: first,
      });
    } else if (key !== null) {
      seen.set(key, row.row);
    }
    if (reader.errors.length === 0 && record) {
      batch.statements.push(record);
      statementRows.push(row.row);
      validRows += 1;
    }
    log.errors.push(...reader.errors);
    log.warnings.push(...reader.warnings);
  }
  return { batch, rows, validRows, statementRows };
}
