import type { RowError } from '../../domain/ledger';
import { parse, utf8 } from './helpers';

const HEADER = ['客户编码', '客户名称', '发票号', '开票日期', '到期日', '金额'];

/** How the CLI prints an issue: the message alone carries the location. */
const printed = (issue: RowError): string =>
  `${issue.message}${issue.value != null ? ` (value '${issue.value}')` : ''} [${issue.code}]`;

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/**
 * The English and the Chinese half each state the row and the column exactly once, also in the
 * printed line (whose value suffix may repeat a header's text, which is its value).
 */
function expectLocatedOnce(issue: RowError): void {
  const [en = '', zh = '', ...rest] = issue.message.split(' / ');
  expect(rest).toEqual([]);
  const line = printed(issue);
  const rows = line.match(new RegExp(`\\brow ${issue.row}\\b`, 'g'))?.length;
  expect([issue.code, rows, occurrences(line, `第 ${issue.row} 行`)]).toEqual([issue.code, 1, 1]);
  if (issue.column === null || issue.code === 'missing-column') return;
  const columns = [occurrences(en, `'${issue.column}'`), occurrences(zh, `“${issue.column}”`)];
  expect([issue.code, ...columns]).toEqual([issue.code, 1, 1]);
}

describe('issue messages', () => {
  it('state the location of header issues once', async () => {
    const result = await parse(
      utf8([
        ['应收账款明细表'],
        [...HEADER, '颜色', '价税合计', ''],
        ['C1', '甲公司', 'A1', '2024-03-05', '2024-04-04', '1', '红', '1', 'x'],
      ]),
    );
    const issues = [...result.errors, ...result.warnings];
    expect(issues.map((issue) => [issue.row, issue.code])).toEqual([
      [2, 'unknown-header'],
      [2, 'duplicate-column'],
      [2, 'title-rows-skipped'],
      [2, 'blank-header'],
    ]);
    issues.forEach(expectLocatedOnce);
    expect(result.errors[0]?.message).toMatch(/^header row 2: unknown column '颜色'; /);
  });

  it('state the location of a missing column once', async () => {
    const result = await parse(
      utf8([HEADER.slice(0, 5), ['C1', '甲公司', 'A1', '2024-03-05', '']]),
    );
    expect(result.errors.map((error) => error.message.split(' / ')[0])).toEqual([
      "header row 1: required column '金额' is missing (accepted names: 金额, 发票金额, 价税合计, 应收金额, 含税金额)",
    ]);
    result.errors.forEach(expectLocatedOnce);
  });

  it('state the location of value and cross-row issues once', async () => {
    const result = await parse(
      utf8([
        [...HEADER, '已收金额', '收款日期'],
        ['C1', '甲公司', 'A1', '2024-03-05', '2024-04-04', '100', '', ''],
        ['C1', '甲公司', 'A2', '2024-02-30', '2024-04-04', 'abc', '#N/A', '2024-03-01'],
        ['C1', '甲公司', 'A1', '2024-03-05', '2024-04-04', '200', '', '', '多余'],
        ['C1', '甲公司', '', '2024-03-05', '2024-03-01', '1', '', ''],
        ['', '合计', '', '', '', '301', '', ''],
        ['C1', '甲公司', 'A3', '2024-03-05', '2024-04-04', 'x'.repeat(300), '', ''],
      ]),
    );
    const codes = result.errors.map((error) => error.code);
    expect(codes).toEqual([
      'bad-date',
      'bad-amount',
      'excel-error',
      'too-many-cells',
      'duplicate-invoice',
      'missing-value',
      'due-before-issue',
      'bad-amount',
    ]);
    [...result.errors, ...result.warnings].forEach(expectLocatedOnce);
    expect(result.errors[0]?.message).toMatch(/^row 3, column '开票日期': bad date '2024-02-30'/);
  });
});
