import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { csvText, invoiceNumbers, parse, utf8 } from './helpers';

const chineseRows = [
  [
    '序号',
    '客户编码',
    '客户名称',
    '统一社会信用代码',
    '行业',
    '地区',
    '联系人',
    '联系电话',
    '邮箱',
  ],
  ['发票号码', '合同编号', '开票日期', '到期日', '价税合计', '币种', '已收金额', '收款日期'],
  ['是否争议', '备注'],
].flat();

const chineseData = [
  ['1', 'C001', '华东机械（上海）有限公司', '91310000ma1fl0ab1x', '制造业', '上海', '王经理'],
  ['138 0013 8000', 'wang@example.com', 'FP2024001', 'HT-01', '2024-03-05', '2024-04-04'],
  ['￥1,234.56', '人民币', '', '', '否', '首批'],
  [
    '2',
    'C001',
    '华东机械(上海)有限公司',
    '',
    '',
    '',
    '王经理',
    '138 0013 8000',
    'wang@example.com',
  ],
  [
    'FP2024002',
    'HT-01',
    '2024/3/5',
    '2024/4/4',
    '￥ 1,234.5',
    'RMB',
    '500',
    '2024年4月1日',
    '是',
    '',
  ],
  ['3', 'C002', '深圳新材料科技有限公司', '', '新材料', '广东', '李会计', '0755-88886666', ''],
  ['FP2024003', '', '2024.3.5', '2024.4.4', 'RMB 1,234', 'CNY', '1,234.00', '2024/4/10', 'Y', ''],
  ['4', 'C003', '杭州云端软件有限公司', '', '', '浙江', '', '', ''],
  ['FP2024004', '', '2024年3月5日', '2024年4月4日', '1234', '', '', '', 'N', ''],
  ['', '', '合计', '', '', '', '', '', '', '', '', '', '', '4,937.06', '', '', '', '', ''],
];
/** Four data rows of 19 cells each, plus a totals line. */
const chineseTable = [
  chineseRows,
  chineseData.slice(0, 3).flat(),
  chineseData.slice(3, 5).flat(),
  chineseData.slice(5, 7).flat(),
  chineseData.slice(7, 9).flat(),
  chineseData[9] as string[],
];

function expectChineseBatch(result: Awaited<ReturnType<typeof parse>>): void {
  expect(result.errors).toEqual([]);
  expect(result.warnings.map((w) => [w.code, w.row])).toEqual([['total-row', 6]]);
  expect(result).toMatchObject({ rows: 4, validRows: 4 });

  const { batch } = result;
  expect(
    batch.invoices.map((i) => [
      i.number,
      i.issueDate,
      i.dueDate,
      i.amountMinor,
      i.currency,
      i.disputed,
    ]),
  ).toEqual([
    ['FP2024001', '2024-03-05', '2024-04-04', 123456, 'CNY', false],
    ['FP2024002', '2024-03-05', '2024-04-04', 123450, 'CNY', true],
    ['FP2024003', '2024-03-05', '2024-04-04', 123400, 'CNY', true],
    ['FP2024004', '2024-03-05', '2024-04-04', 123400, 'CNY', false],
  ]);
  expect(batch.invoices[0]).toMatchObject({ debtorCode: 'C001', contractNumber: 'HT-01' });
  expect(batch.payments).toEqual([
    {
      reference: 'IMPORT-FP2024002',
      debtorCode: 'C001',
      paymentDate: '2024-04-01',
      amountMinor: 50000,
      currency: 'CNY',
      allocations: [{ invoiceNumber: 'FP2024002', amountMinor: 50000 }],
    },
    expect.objectContaining({ reference: 'IMPORT-FP2024003', amountMinor: 123400 }),
  ]);
  expect(batch.debtors).toEqual([
    {
      code: 'C001',
      name: '华东机械（上海）有限公司',
      taxId: '91310000MA1FL0AB1X',
      industry: '制造业',
      region: '上海',
      address: null,
      timeZone: 'Asia/Shanghai',
      language: 'zh-CN',
    },
    expect.objectContaining({ code: 'C002', industry: '新材料', region: '广东' }),
    expect.objectContaining({ code: 'C003', name: '杭州云端软件有限公司' }),
  ]);
  expect(batch.contacts).toEqual([
    {
      debtorCode: 'C001',
      name: '王经理',
      role: null,
      phone: '138 0013 8000',
      email: 'wang@example.com',
      preferredChannel: null,
    },
    expect.objectContaining({
      debtorCode: 'C002',
      name: '李会计',
      phone: '0755-88886666',
      email: null,
    }),
  ]);
  expect(batch.contracts).toEqual([
    { number: 'HT-01', debtorCode: 'C001', signedDate: null, currency: null },
  ]);
}

describe('default preset, Chinese headers', () => {
  it('reads UTF-8 with a BOM', async () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(chineseTable)]);
    const result = await parse(content);
    expect(result).toMatchObject({ preset: 'default', format: 'csv', encoding: 'utf-8' });
    expectChineseBatch(result);
  });

  it('reads GBK (as GB18030)', async () => {
    const result = await parse(iconv.encode(csvText(chineseTable), 'gbk'));
    expect(result.encoding).toBe('gb18030');
    expectChineseBatch(result);
  });

  it('reads a short GBK file that chardet does not recognise', async () => {
    const rows = [
      ['客户', '发票号', '开票日期', '账期', '金额'],
      ['甲公司', '1', '2024-03-05', '30', '100'],
    ];
    const result = await parse(iconv.encode(csvText(rows), 'gbk'));
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe('gb18030');
    expect(result.batch.debtors[0]).toMatchObject({ code: '甲公司', name: '甲公司' });
  });

  it('reads UTF-16 with a BOM, tab-delimited (Excel "Unicode text")', async () => {
    const text = csvText(chineseTable, '\t');
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const result = await parse(content, { fileName: 'export.txt' });
    expect(result.encoding).toBe('utf-16le');
    expectChineseBatch(result);

    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    const swapped = await parse(bigEndian, { fileName: 'export.txt' });
    expect(swapped.encoding).toBe('utf-16be');
    expectChineseBatch(swapped);
  });

  it('reads semicolon-delimited files', async () => {
    const result = await parse(Buffer.from(csvText(chineseTable, ';')));
    expectChineseBatch(result);
  });
});

describe('default preset, English headers', () => {
  const rows = [
    [
      'Customer ID',
      'Customer Name',
      'Invoice No.',
      'Invoice Date',
      'Payment Terms',
      'Amount (USD)',
    ],
    ['Open Amount', 'Payment Date', 'Disputed', 'Remarks'],
  ].flat();
  const data = [
    [
      'A-1',
      'Acme Trading Ltd',
      'INV-1',
      '3/5/2024',
      '30',
      '$1,000.00',
      '250.00',
      '4/1/2024',
      'No',
      '',
    ],
    [
      'A-1',
      'Acme Trading Ltd',
      'INV-2',
      '3/31/2024',
      'Net 45',
      'US$ 99.9',
      '99.90',
      '',
      'yes',
      'x',
    ],
  ];

  it('derives due dates from payment terms and payments from open amounts', async () => {
    const result = await parse(utf8([rows, ...data]));

    expect(result.errors).toEqual([]);
    expect(
      result.batch.invoices.map((i) => [
        i.number,
        i.dueDate,
        i.amountMinor,
        i.currency,
        i.disputed,
      ]),
    ).toEqual([
      ['INV-1', '2024-04-04', 100000, 'USD', false],
      ['INV-2', '2024-05-15', 9990, 'USD', true],
    ]);
    expect(result.batch.payments).toEqual([
      expect.objectContaining({
        reference: 'IMPORT-INV-1',
        amountMinor: 75000,
        currency: 'USD',
      }),
    ]);
    expect(result.batch.debtors).toHaveLength(1);
  });
});

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('应收明细');
  sheet.addRow([
    '客户编码',
    '客户名称',
    '发票号',
    '开票日期',
    '到期日',
    '金额',
    '已收金额',
    '收款日期',
  ]);
  sheet.addRow([
    1001,
    { richText: [{ text: '北方' }, { text: '重工' }] },
    611365,
    new Date(Date.UTC(2024, 2, 5)),
  ]);
  sheet.getRow(2).getCell(5).value = new Date(Date.UTC(2024, 3, 4));
  sheet.getRow(2).getCell(6).value = 1234.56;
  sheet.addRow([]);
  sheet.addRow([
    1002,
    '南方贸易',
    'FP-2',
    45356,
    45386,
    { formula: '0.1+0.2', result: 0.1 + 0.2 },
    0.1,
    45370,
  ]);
  sheet.addRow([1002, '南方贸易', 'FP-3', '2024/3/5', '2024年4月4日', '¥2,000', null, null]);
  book.addWorksheet('说明').addRow(['本表由系统导出']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('default preset, XLSX', () => {
  it('reads Date cells, numeric cells, serial dates, rich text and formula results', async () => {
    const result = await parse(await workbook(), { fileName: '应收.xlsx' });

    expect(result).toMatchObject({ format: 'xlsx', encoding: null, rows: 3, validRows: 3 });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['extra-sheets']);
    expect(result.batch.debtors.map((d) => [d.code, d.name])).toEqual([
      ['1001', '北方重工'],
      ['1002', '南方贸易'],
    ]);
    expect(
      result.batch.invoices.map((i) => [i.number, i.issueDate, i.dueDate, i.amountMinor]),
    ).toEqual([
      ['611365', '2024-03-05', '2024-04-04', 123456],
      ['FP-2', '2024-03-05', '2024-04-04', 30],
      ['FP-3', '2024-03-05', '2024-04-04', 200000],
    ]);
    expect(result.batch.payments).toEqual([
      expect.objectContaining({ reference: 'IMPORT-FP-2', amountMinor: 10 }),
    ]);
  });

  it('reports error cells and formulas that failed as excel-error', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.addRow(['客户', '发票号', '开票日期', '到期日', '金额']);
    sheet.addRow([
      '甲',
      'A1',
      { error: '#N/A' },
      '2024-04-04',
      { formula: 'B9/0', result: { error: '#DIV/0!' } },
    ]);
    sheet.addRow(['甲', 'A2', '2024-03-05', '2024-04-04', 100]);
    const result = await parse(Buffer.from(await book.xlsx.writeBuffer()), { fileName: 'a.xlsx' });

    expect(result.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([
      [2, '开票日期', 'excel-error', '#N/A'],
      [2, '金额', 'excel-error', '#DIV/0!'],
    ]);
    expect(invoiceNumbers(result)).toEqual(['A2']);
  });

  it('keeps spreadsheet row numbers across blank rows', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('S');
    sheet.addRow(['客户', '发票号', '开票日期', '账期', '金额']);
    sheet.addRow([]);
    sheet.addRow(['甲', 'A1', '2024-02-30', 30, 100]);
    const result = await parse(Buffer.from(await book.xlsx.writeBuffer()), { fileName: 'a.xlsx' });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '开票日期', 'bad-date'],
    ]);
  });
});

describe('default preset, details', () => {
  it('names the invoice numbers it kept', async () => {
    const result = await parse(utf8(chineseTable));
    expect(invoiceNumbers(result)).toEqual(['FP2024001', 'FP2024002', 'FP2024003', 'FP2024004']);
  });

  it('folds full-width codes and numbers to half-width before using them as keys', async () => {
    const header = ['客户编码', '客户名称', '统一社会信用代码', '联系电话', '合同号', '发票号'];
    const content = utf8(
      [
        [...header, '开票日期', '账期', '金额'],
        [
          'ＱＡ０３４',
          '甲公司',
          '９１３１００００ＭＡ１ＦＬ０ＡＢ１Ｘ',
          '１３８００１３８０００',
          'ＨＴ－１',
          'ＦＰ０１',
        ],
        ['QA034', '甲公司', '91310000MA1FL0AB1X', '13800138000', 'HT-1', 'FP02'],
        ['ＱＡ034', '甲公司', '91310000MA1FL0AB1X', '13800138000', 'HT-1', 'ＦＰ02'],
      ].map((cells, i) => (i === 0 ? cells : [...cells, '2024-03-05', '30', '100'])),
    );
    const result = await parse(content);

    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.row, w.code])).toEqual([[4, 'duplicate-row']]);
    const { batch } = result;
    expect(batch.debtors).toEqual([
      expect.objectContaining({ code: 'QA034', taxId: '91310000MA1FL0AB1X' }),
    ]);
    expect(batch.contacts).toEqual([
      expect.objectContaining({ debtorCode: 'QA034', phone: '13800138000' }),
    ]);
    expect(batch.contracts).toEqual([expect.objectContaining({ number: 'HT-1' })]);
    expect(batch.invoices.map((i) => [i.number, i.debtorCode])).toEqual([
      ['FP01', 'QA034'],
      ['FP02', 'QA034'],
    ]);
  });

  it('folds the customer name when it stands in for the missing code', async () => {
    const content = utf8([
      ['客户名称', '发票号', '开票日期', '账期', '金额'],
      ['ＡＢＣ（上海）公司', 'A1', '2024-03-05', '30', '100'],
      ['ABC(上海)公司', 'A2', '2024-03-05', '30', '100'],
    ]);
    const { batch, errors } = await parse(content);
    expect(errors).toEqual([]);
    expect(batch.debtors.map((d) => [d.code, d.name])).toEqual([
      ['ABC(上海)公司', 'ＡＢＣ（上海）公司'],
    ]);
  });
});
