import iconv from 'iconv-lite';

import { csvText, only, parse, utf8 } from './helpers';

const HEADER = ['客户编码', '客户名称', '地区', '发票号', '开票日期', '到期日', '账期', '金额'];

describe('warnings that keep the row', () => {
  it('prefers the due date column when payment terms disagree', async () => {
    const content = utf8([
      HEADER,
      ['C1', '甲', '上海', 'A1', '2024-03-05', '2024-04-30', '30', '100'],
    ]);
    const result = await parse(content);

    expect(result.errors).toEqual([]);
    expect(only(result.warnings, 'due-date-mismatch')).toMatchObject({ row: 2, column: '到期日' });
    expect(result.batch.invoices[0]?.dueDate).toBe('2024-04-30');
  });

  it('keeps the first region of a customer and warns about a later one', async () => {
    const content = utf8([
      HEADER,
      ['C1', '甲', '', 'A1', '2024-03-05', '', '30', '100'],
      ['C1', '甲', '上海', 'A2', '2024-03-05', '', '30', '100'],
      ['C1', '甲', '北京', 'A3', '2024-03-05', '', '30', '100'],
    ]);
    const result = await parse(content);

    const warning = only(result.warnings, 'debtor-detail-mismatch');
    expect(warning).toMatchObject({ row: 4, column: '地区', value: '北京' });
    expect(warning.message).toContain('row 3');
    expect(result.batch.debtors).toEqual([expect.objectContaining({ code: 'C1', region: '上海' })]);
    expect(result.batch.invoices).toHaveLength(3);
  });

  it('warns about a payment dated before the invoice', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '账期', '金额', '已收金额', '收款日期'],
      ['甲', 'A1', '2024-03-05', '30', '100', '100', '2024-03-01'],
    ]);
    const result = await parse(content);
    expect(only(result.warnings, 'paid-before-issue')).toMatchObject({
      row: 2,
      column: '收款日期',
    });
    expect(result.batch.payments).toHaveLength(1);
  });

  it('ignores an unnamed empty column and warns about an unnamed column with data', async () => {
    const content = utf8([
      ['客户', '发票号', '', '开票日期', '账期', '金额', ''],
      ['甲', 'A1', '', '2024-03-05', '30', '100', '备用'],
    ]);
    const result = await parse(content);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.row, w.code, w.value])).toEqual([
      [1, 'blank-header', 'G'],
    ]);
  });

  it('reads GB18030 with a damaged byte, with a warning', async () => {
    const rows = [
      ['客户名称', '发票号', '开票日期', '到期日', '金额'],
      ...Array.from({ length: 20 }, (_, i) => [
        '华东机械有限公司',
        `FP${i}`,
        '2024-03-05',
        '2024-04-04',
        '100',
      ]),
    ];
    const encoded = iconv.encode(csvText(rows), 'gbk');
    const damaged = Buffer.concat([
      encoded.subarray(0, 60),
      Buffer.from([0xff]),
      encoded.subarray(60),
    ]);
    const result = await parse(damaged);

    expect(result.encoding).toBe('gb18030');
    expect(only(result.warnings, 'replacement-characters').row).toBe(0);
  });
});
