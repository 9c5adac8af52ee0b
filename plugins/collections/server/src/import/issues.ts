import type { RowError } from '../domain/ledger';

/**
 * Facts an issue message may quote. `value` is also copied to RowError.value.
 * Fields ending in Zh are the Chinese wording of their English sibling.
 */
export interface IssueParams {
  value?: string | null;
  other?: string;
  otherRow?: number;
  expected?: string;
  list?: string;
  detail?: string;
  detailZh?: string;
}

/** English and Chinese wording; `column` is the issue's column, '' when it has none. */
type Template = (p: IssueParams, column: string) => [en: string, zh: string];

const q = (text: string | null | undefined): string => text ?? '';
const withDetail = (p: IssueParams): [string, string] =>
  p.detail ? [`: ${p.detail}`, `：${p.detailZh ?? p.detail}`] : ['', ''];
const withHint = (p: IssueParams): [string, string] =>
  p.detail ? [`; ${p.detail}`, `；${p.detailZh ?? p.detail}`] : ['', ''];

const fileTemplates = {
  'empty-file': () => ['the file is empty', '文件为空'],
  'binary-file': () => [
    'the file contains binary data (NUL bytes): export it as CSV or XLSX',
    '文件包含二进制数据（NUL 字节），请导出为 CSV 或 XLSX 文件',
  ],
  'wrong-encoding': (p) => [
    `the file is neither UTF-8 nor GBK/GB18030 text (it looks like ${p.other}); ` +
      're-export it as "CSV UTF-8"',
    `文件既不是 UTF-8 也不是 GBK/GB18030 编码（检测结果：${p.other}），请另存为“CSV UTF-8”格式`,
  ],
  'unsupported-format': (p) => [
    `${p.detail}; save it as .xlsx or CSV`,
    `${p.detailZh}，请另存为 .xlsx 或 CSV 文件`,
  ],
  'bad-xlsx': (p) => [
    `the workbook cannot be read (${p.detail})`,
    `无法读取该 Excel 工作簿（${p.detail}）`,
  ],
  'bad-csv': (p) => [`the CSV cannot be read: ${p.detail}`, `CSV 格式错误：${p.detail}`],
  'extension-mismatch': (p) => [
    `the file name ends in .${p.value} but the content is ${p.other}; it was read as ${p.other}`,
    `文件扩展名为 .${p.value}，但内容是 ${p.other}，已按 ${p.other} 读取`,
  ],
  'extra-sheets': (p) => [
    `only sheet '${p.value}' was read; other sheets ignored: ${p.list}`,
    `仅读取了工作表“${p.value}”，已忽略：${p.list}`,
  ],
  'replacement-characters': () => [
    'some bytes are not valid GB18030 and were replaced by \uFFFD',
    '部分字节不是有效的 GB18030 编码，已替换为 \uFFFD',
  ],
  'no-data-rows': () => ['the file has a header but no data rows', '文件只有表头，没有数据行'],
} satisfies Record<string, Template>;

/** Header issues name their column in the text: the location is only the header row. */
const headerTemplates = {
  'unknown-header': (p) => {
    const [en, zh] = withHint(p);
    return [
      `unknown column '${q(p.value)}'; accepted columns include ${p.list}${en}`,
      `无法识别的列“${q(p.value)}”，可用的列名例如：${p.list}${zh}`,
    ];
  },
  'missing-column': (p, column) => {
    const [en, zh] = withHint(p);
    return [
      `required column '${column}' is missing (accepted names: ${p.list})${en}`,
      `缺少必填列“${column}”（可用的列名：${p.list}）${zh}`,
    ];
  },
  'duplicate-column': (p) => [
    `column '${q(p.value)}' means the same as column '${p.other}'; keep only one`,
    `列“${q(p.value)}”与列“${p.other}”含义相同，请只保留一列`,
  ],
  'blank-header': (p) => [
    `column ${q(p.value)} has no header; its values are ignored`,
    `第 ${q(p.value)} 列没有列名，该列数据已忽略`,
  ],
  'title-rows-skipped': (p) => [
    `${p.other} row(s) above the header were skipped as a title: '${q(p.value)}'`,
    `已跳过表头上方的 ${p.other} 行标题：“${q(p.value)}”`,
  ],
} satisfies Record<string, Template>;

const valueTemplates = {
  'missing-value': () => ['a value is required', '必填项为空'],
  'excel-error': (p) => [
    `cell shows Excel error ${q(p.value)}; correct the formula or enter the value`,
    `单元格显示 Excel 错误 ${q(p.value)}，请修正公式或直接填写数值`,
  ],
  'value-too-long': (p) => [
    `the value has ${p.other} characters; at most ${p.expected} are allowed`,
    `内容有 ${p.other} 个字符，最多允许 ${p.expected} 个字符`,
  ],
  'amount-too-large': (p) => [
    `amount '${q(p.value)}' is too large (at most ${p.expected})`,
    `金额“${q(p.value)}”过大（最大为 ${p.expected}）`,
  ],
  'bad-date': (p) => [
    `bad date '${q(p.value)}' (expected e.g. 2024-03-05, 2024/3/5, 2024年3月5日 or 3/5/2024)`,
    `日期无效“${q(p.value)}”（应为 2024-03-05、2024/3/5、2024年3月5日 或 3/5/2024 等格式）`,
  ],
  'bad-amount': (p) => {
    const [en, zh] = withDetail(p);
    return [`bad amount '${q(p.value)}'${en}`, `金额无效“${q(p.value)}”${zh}`];
  },
  'negative-amount': (p) => [`amount '${q(p.value)}' is negative`, `金额“${q(p.value)}”为负数`],
  'non-positive-amount': (p) => [
    `amount '${q(p.value)}' must be greater than zero`,
    `金额“${q(p.value)}”必须大于零`,
  ],
  'bad-currency': (p) => [
    `unknown currency '${q(p.value)}' (use an ISO code such as CNY, USD, HKD or EUR)`,
    `无法识别的币种“${q(p.value)}”（请使用 CNY、USD、HKD、EUR 等代码）`,
  ],
  'currency-mismatch': (p) => [
    `amount '${q(p.value)}' is in ${p.other} but the row's currency is ${p.expected}`,
    `金额“${q(p.value)}”的币种 ${p.other} 与本行币种 ${p.expected} 不一致`,
  ],
  'bad-boolean': (p) => [
    `'${q(p.value)}' is not a yes/no value (use 是/否, Y/N, Yes/No, true/false or 1/0)`,
    `“${q(p.value)}”不是有效的是/否值（请填 是/否、Y/N、Yes/No、true/false 或 1/0）`,
  ],
  'bad-number': (p) => [`'${q(p.value)}' is not a whole number`, `“${q(p.value)}”不是整数`],
  'bad-terms': (p) => [
    `bad payment terms '${q(p.value)}' (expected a number of days, e.g. 30)`,
    `账期无效“${q(p.value)}”（应为天数，例如 30）`,
  ],
  'bad-value': (p) => [
    `'${q(p.value)}' is not one of ${p.list}`,
    `“${q(p.value)}”不是以下值之一：${p.list}`,
  ],
  'too-few-cells': (p) => [
    `the row has ${q(p.value)} cells but the header has ${p.other} columns: is the line cut off?`,
    `本行只有 ${q(p.value)} 个单元格，而表头有 ${p.other} 列，该行可能不完整`,
  ],
  'too-many-cells': (p) => [
    `the row has ${q(p.value)} cells but the header has only ${p.other} columns`,
    `本行有 ${q(p.value)} 个单元格，但表头只有 ${p.other} 列`,
  ],
} satisfies Record<string, Template>;

const ruleTemplates = {
  'period-start-after-end': (p) => [
    `period start ${q(p.value)} is after the period end ${p.other}`,
    `报告期初 ${q(p.value)} 晚于期末 ${p.other}`,
  ],
  'part-exceeds-whole': (p) => [
    `${q(p.value)} is more than '${p.other}' of the same statement`,
    `${q(p.value)} 大于同一报表的“${p.other}”`,
  ],
  'due-before-issue': (p) => [
    `due date ${q(p.value)} is before the issue date ${p.other}`,
    `到期日 ${q(p.value)} 早于开票日期 ${p.other}`,
  ],
  'settled-before-issue': (p) => [
    `settled date ${q(p.value)} is before the invoice date ${p.other}`,
    `结清日期 ${q(p.value)} 早于开票日期 ${p.other}`,
  ],
  'paid-before-issue': (p) => [
    `payment date ${q(p.value)} is before the issue date ${p.other}`,
    `收款日期 ${q(p.value)} 早于开票日期 ${p.other}`,
  ],
  'missing-paid-date': (p) => [
    `a paid amount of ${q(p.value)} needs a payment date`,
    `已收金额 ${q(p.value)} 缺少收款日期`,
  ],
  'missing-paid-amount': (p) => [
    `payment date ${q(p.value)} is given without a paid or open amount`,
    `填写了收款日期 ${q(p.value)}，但没有已收金额或未收金额`,
  ],
  'open-exceeds-amount': (p) => [
    `open amount ${q(p.value)} exceeds the invoice amount ${p.other}`,
    `未收金额 ${q(p.value)} 超过发票金额 ${p.other}`,
  ],
  overpaid: (p) => [
    `paid amount ${q(p.value)} exceeds the invoice amount ${p.other}`,
    `已收金额 ${q(p.value)} 超过发票金额 ${p.other}`,
  ],
  'balance-mismatch': (p) => [
    `open amount ${q(p.value)} does not equal the amount ${p.expected} minus paid ${p.other}`,
    `未收金额 ${q(p.value)} 不等于金额 ${p.expected} 减去已收金额 ${p.other}`,
  ],
  'days-mismatch': (p) => [
    `stated ${q(p.value)} days but the dates give ${p.expected}`,
    `填写为 ${q(p.value)} 天，但按日期计算应为 ${p.expected} 天`,
  ],
  'due-date-mismatch': (p) => [
    `due date ${q(p.value)} differs from the issue date plus ${p.other} days (${p.expected}); ` +
      'the due date is used',
    `到期日 ${q(p.value)} 与开票日期加账期 ${p.other} 天（${p.expected}）不一致，已采用到期日`,
  ],
  'bad-email': (p) => [
    `'${q(p.value)}' is not an email address; it was left out`,
    `“${q(p.value)}”不是有效的邮箱地址，已忽略`,
  ],
  'total-row': (p) => [`total row '${q(p.value)}' skipped`, `已跳过合计行“${q(p.value)}”`],
} satisfies Record<string, Template>;

const crossRowTemplates = {
  'duplicate-row': (p) => [
    `invoice ${q(p.value)} repeats row ${p.otherRow} with identical content; kept once`,
    `发票号 ${q(p.value)} 与第 ${p.otherRow} 行完全相同，只保留一次`,
  ],
  'duplicate-invoice': (p) => [
    `invoice ${q(p.value)} already appears in row ${p.otherRow} with a different '${p.other}'`,
    `发票号 ${q(p.value)} 已在第 ${p.otherRow} 行出现，但“${p.other}”不同`,
  ],
  'conflicting-debtor': (p) => [
    `customer ${p.expected} has ${p.detail} '${p.other}' in row ${p.otherRow}, not '${q(p.value)}'`,
    `客户 ${p.expected} 在第 ${p.otherRow} 行的${p.detailZh}为“${p.other}”，与“${q(p.value)}”不一致`,
  ],
  'debtor-detail-mismatch': (p) => [
    `customer ${p.expected}: '${q(p.value)}' differs from '${p.other}' in row ${p.otherRow}; ` +
      'the earlier value is kept',
    `客户 ${p.expected}：“${q(p.value)}”与第 ${p.otherRow} 行的“${p.other}”不一致，已保留前者`,
  ],
  'unknown-debtor': (p) => [
    `customer ${q(p.value)} is not in the ledger: import its receivables first`,
    `客户 ${q(p.value)} 不在账中，请先导入其应收数据`,
  ],
  'duplicate-statement': (p) => [
    `the statement of ${q(p.value)} already appears in row ${p.otherRow}`,
    `${q(p.value)} 的财务报表已在第 ${p.otherRow} 行出现`,
  ],
  'conflicting-contract': (p) => [
    `contract ${q(p.value)} belongs to customer ${p.other} in row ${p.otherRow}`,
    `合同 ${q(p.value)} 在第 ${p.otherRow} 行属于客户 ${p.other}`,
  ],
} satisfies Record<string, Template>;

const templates = {
  ...fileTemplates,
  ...headerTemplates,
  ...valueTemplates,
  ...ruleTemplates,
  ...crossRowTemplates,
};

export type IssueCode = keyof typeof templates;

const isHeaderCode = (code: IssueCode): boolean => code in headerTemplates;

/**
 * Codes meaning the file as a whole cannot be read: its bytes, its format or its header row.
 * A file with any of them yields no valid rows, whichever row the header was found on.
 */
export const FILE_LEVEL_CODES: ReadonlySet<string> = new Set<IssueCode>([
  'empty-file',
  'binary-file',
  'wrong-encoding',
  'unsupported-format',
  'bad-xlsx',
  'bad-csv',
  'unknown-header',
  'missing-column',
  'duplicate-column',
]);

/** True for an error that rejects the whole file rather than one data row. */
export const isFileLevel = (error: Pick<RowError, 'code'>): boolean =>
  FILE_LEVEL_CODES.has(error.code);

/** Where the issue happened, stated once per language; header templates name the column. */
function locate(code: IssueCode, row: number, column: string | null): [string, string] {
  if (row === 0) return ['', ''];
  if (isHeaderCode(code)) return [`header row ${row}: `, `第 ${row} 行表头：`];
  if (!column) return [`row ${row}: `, `第 ${row} 行：`];
  return [`row ${row}, column '${column}': `, `第 ${row} 行“${column}”列：`];
}

/** Builds a RowError whose message is "English / 中文", each prefixed with where it happened. */
export function issue(
  code: IssueCode,
  row: number,
  column: string | null,
  params: IssueParams = {},
): RowError {
  const [en, zh] = (templates[code] as Template)(params, column ?? '');
  const [whereEn, whereZh] = locate(code, row, column);
  const error: RowError = { row, column, code, message: `${whereEn}${en} / ${whereZh}${zh}` };
  if (params.value !== undefined) error.value = params.value;
  return error;
}

/** Collects errors and warnings while a file is read. */
export class IssueLog {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];

  error(code: IssueCode, row: number, column: string | null, params?: IssueParams): void {
    this.errors.push(issue(code, row, column, params));
  }

  warn(code: IssueCode, row: number, column: string | null, params?: IssueParams): void {
    this.warnings.push(issue(code, row, column, params));
  }
}
