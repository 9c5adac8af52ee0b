import iconv from 'iconv-lite';

import { presetNames } from '../index';
import { invoiceNumbers, only, parse, utf8 } from './helpers';

const HEADER = ['客户编码', '客户名称', '统一社会信用代码', '发票号', '开票日期', '到期日', '金额'];
const HEADER_TAIL = ['已收金额', '收款日期', '是否争议'];
const COLUMNS = [...HEADER, ...HEADER_TAIL];

type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

/** A valid data row for invoice FP<n>, with some cells changed. */
function row(n: number, changes: Row = {}): string[] {
  const base: Row = {
    客户编码: 'C1',
    客户名称: '甲公司',
    发票号: `FP${n}`,
    开票日期: '2024-03-05',
    到期日: '2024-04-04',
    金额: '100.00',
    是否争议: '否',
  };
  return COLUMNS.map((column) => ({ ...base, ...changes })[column] ?? '');
}

const file = (...rows: string[][]): Buffer => utf8([COLUMNS, ...rows]);

const codesAt = (issues: Array<{ row: number; column: string | null; code: string }>) =>
  issues.map((issue) => [issue.row, issue.column, issue.code]);

describe('header problems', () => {
  it('rejects an unknown header on row 1, naming it and some accepted headers', async () => {
    const result = await parse(
      utf8([
        [...COLUMNS, '颜色'],
        [...row(1), '红'],
      ]),
    );

    const error = only(result.errors, 'unknown-header');
    expect(error).toMatchObject({ row: 1, column: '颜色', value: '颜色' });
    expect(error.message).toContain('客户编码');
    expect(error.message).toMatch(/ \/ .*无法识别的列“颜色”/);
    expect(result.batch.invoices).toEqual([]);
    expect(result.validRows).toBe(0);
  });

  it('reports a missing required column', async () => {
    const withoutAmount = COLUMNS.filter((c) => c !== '金额');
    const result = await parse(
      utf8([withoutAmount, row(1).filter((_, i) => COLUMNS[i] !== '金额')]),
    );

    expect(codesAt(result.errors)).toEqual([[1, '金额', 'missing-column']]);
    expect(result.errors[0]?.message).toContain('价税合计');
    expect(result.batch.invoices).toEqual([]);
  });

  it('needs a due date or payment terms column', async () => {
    const columns = COLUMNS.filter((c) => c !== '到期日');
    const result = await parse(utf8([columns, row(1).filter((_, i) => COLUMNS[i] !== '到期日')]));
    expect(codesAt(result.errors)).toEqual([[1, '到期日 | 账期', 'missing-column']]);
  });

  it('rejects two columns that mean the same field', async () => {
    const result = await parse(
      utf8([
        [...COLUMNS, '价税合计'],
        [...row(1), '100'],
      ]),
    );
    expect(only(result.errors, 'duplicate-column')).toMatchObject({ row: 1, column: '价税合计' });
  });
});

describe('value problems', () => {
  it('rejects an impossible date, naming row, column and value', async () => {
    const result = await parse(file(row(1), row(2, { 开票日期: '2024-02-30' }), row(3)));

    const error = only(result.errors, 'bad-date');
    expect(error).toMatchObject({ row: 3, column: '开票日期', value: '2024-02-30' });
    expect(error.message).toMatch(/^row 3, column '开票日期': bad date '2024-02-30'.* \/ 第 3 行/);
    expect(invoiceNumbers(result)).toEqual(['FP1', 'FP3']);
    expect(result).toMatchObject({ rows: 3, validRows: 2 });
  });

  it.each([
    ['-100', 'negative-amount'],
    ['(5.00)', 'negative-amount'],
    ['0', 'non-positive-amount'],
    ['0.00', 'non-positive-amount'],
    ['N/A', 'bad-amount'],
    ['一百元', 'bad-amount'],
    ['100.005', 'bad-amount'],
  ])('rejects amount %s as %s', async (amount, code) => {
    const result = await parse(file(row(1, { 金额: amount }), row(2)));

    expect(codesAt(result.errors)).toEqual([[2, '金额', code]]);
    expect(result.errors[0]?.value).toBe(amount);
    expect(invoiceNumbers(result)).toEqual(['FP2']);
  });

  it.each([
    [{ 发票号: '' }, '发票号', 'missing-value'],
    [{ 开票日期: '' }, '开票日期', 'missing-value'],
    [{ 金额: '' }, '金额', 'missing-value'],
    [{ 客户编码: '', 客户名称: '' }, '客户名称', 'missing-value'],
    [{ 是否争议: '可能' }, '是否争议', 'bad-boolean'],
    [{ 到期日: '2024-03-01' }, '到期日', 'due-before-issue'],
    [{ 已收金额: '50' }, '已收金额', 'missing-paid-date'],
    [{ 已收金额: '150', 收款日期: '2024-04-01' }, '已收金额', 'overpaid'],
    [{ 收款日期: '2024-04-01' }, '收款日期', 'missing-paid-amount'],
    [{ 已收金额: '-1', 收款日期: '2024-04-01' }, '已收金额', 'negative-amount'],
  ])('rejects %j in column %s as %s', async (changes, column, code) => {
    const result = await parse(file(row(1, changes as Row)));
    expect(codesAt(result.errors)).toEqual([[2, column, code]]);
    expect(result.batch).toMatchObject({ invoices: [], debtors: [], payments: [] });
  });

  it.each([
    ['金额', '#DIV/0!'],
    ['金额', '#VALUE!'],
    ['开票日期', '#N/A'],
    ['到期日', '#REF!'],
    ['已收金额', '#N/A'],
    ['收款日期', '#VALUE!'],
    ['是否争议', '#N/A'],
    ['客户名称', '#N/A'],
  ])('reports an Excel error in %s (%s) as excel-error', async (column, shown) => {
    const result = await parse(file(row(1, { [column]: shown }), row(2)));

    expect(codesAt(result.errors)).toEqual([[2, column, 'excel-error']]);
    const error = result.errors[0];
    expect(error?.value).toBe(shown);
    expect(error?.message).toContain(`cell shows Excel error ${shown}`);
    expect(error?.message).not.toMatch(/currency|货币/);
    expect(invoiceNumbers(result)).toEqual(['FP2']);
  });

  it('reports an Excel error in the payment terms as excel-error', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '账期', '金额'],
      ['甲', 'A1', '2024-03-05', '#N/A', '100'],
    ]);
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([[2, '账期', 'excel-error']]);
  });

  it('rejects a date whose time of day does not exist', async () => {
    const result = await parse(file(row(1, { 开票日期: '2024-03-05 25:99:00' }), row(2)));
    expect(only(result.errors, 'bad-date')).toMatchObject({
      row: 2,
      column: '开票日期',
      value: '2024-03-05 25:99:00',
    });
    expect(invoiceNumbers(result)).toEqual(['FP2']);
  });

  it('rejects an unknown currency, a clashing currency symbol and a bad payment term', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '账期', '金额', '币种'],
      ['甲', 'A1', '2024-03-05', '30', '100', 'XYZ'],
      ['甲', 'A2', '2024-03-05', '下月底', '100', 'CNY'],
      ['甲', 'A3', '2024-03-05', '30', '$100', '人民币'],
      ['甲', 'A4', '2024-03-05', '30', '$100', ''],
    ]);
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([
      [2, '币种', 'bad-currency'],
      [3, '账期', 'bad-terms'],
      [4, '金额', 'currency-mismatch'],
    ]);
    expect(result.batch.invoices.map((i) => [i.number, i.currency])).toEqual([['A4', 'USD']]);
  });

  it('checks the open amount against amount minus paid', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '到期日', '金额', '已收金额', '余额', '收款日期'],
      ['甲', 'A1', '2024-03-05', '2024-04-04', '100', '40', '50', '2024-03-20'],
      ['甲', 'A2', '2024-03-05', '2024-04-04', '100', '', '120', ''],
      ['甲', 'A3', '2024-03-05', '2024-04-04', '100', '40', '60', '2024-03-20'],
    ]);
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([
      [2, '余额', 'balance-mismatch'],
      [3, '余额', 'open-exceeds-amount'],
    ]);
    expect(result.batch.payments.map((p) => [p.reference, p.amountMinor])).toEqual([
      ['IMPORT-A3', 4000],
    ]);
  });

  it('rejects cells beyond the last header', async () => {
    const result = await parse(file([...row(1), '多余']));
    expect(codesAt(result.errors)).toEqual([[2, null, 'too-many-cells']]);
  });

  it('drops a malformed email with a warning and keeps the row', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '账期', '金额', '联系人', '邮箱'],
      ['甲', 'A1', '2024-03-05', '30', '100', '王会计', 'not-an-email'],
    ]);
    const result = await parse(content);
    expect(result.errors).toEqual([]);
    expect(codesAt(result.warnings)).toEqual([[2, '邮箱', 'bad-email']]);
    expect(result.batch.contacts).toEqual([
      expect.objectContaining({ name: '王会计', email: null, phone: null }),
    ]);
  });
});

describe('cross-row rules', () => {
  it('rejects the later row of an invoice repeated with different content', async () => {
    const result = await parse(file(row(1), row(2), row(1, { 金额: '200' })));

    const error = only(result.errors, 'duplicate-invoice');
    expect(error).toMatchObject({ row: 4, column: '发票号', value: 'FP1' });
    expect(error.message).toContain('row 2');
    expect(error.message).toContain("'金额'");
    expect(result.batch.invoices.map((i) => [i.number, i.amountMinor])).toEqual([
      ['FP1', 10000],
      ['FP2', 10000],
    ]);
  });

  it('keeps an identical repeated row once, with a warning', async () => {
    const result = await parse(file(row(1), row(1, { 金额: '100' })));

    expect(result.errors).toEqual([]);
    expect(only(result.warnings, 'duplicate-row')).toMatchObject({ row: 3, value: 'FP1' });
    expect(invoiceNumbers(result)).toEqual(['FP1']);
    expect(result.validRows).toBe(2);
  });

  it('rejects a customer code that comes with another name or tax id', async () => {
    const result = await parse(
      file(
        row(1, { 统一社会信用代码: '91310000MA1FL0AB1X' }),
        row(2, { 客户名称: '乙公司' }),
        row(3, { 统一社会信用代码: '91440300MA5DC0XY2Z' }),
        row(4, { 客户名称: '甲 公司' }),
      ),
    );

    expect(codesAt(result.errors)).toEqual([
      [3, '客户名称', 'conflicting-debtor'],
      [4, '统一社会信用代码', 'conflicting-debtor'],
    ]);
    expect(result.errors[0]?.message).toContain('甲公司');
    expect(result.batch.debtors).toEqual([
      expect.objectContaining({ code: 'C1', name: '甲公司', taxId: '91310000MA1FL0AB1X' }),
    ]);
    expect(invoiceNumbers(result)).toEqual(['FP1', 'FP4']);
  });

  it('leaves out a debtor whose every row is invalid', async () => {
    const result = await parse(
      file(row(1), row(2, { 客户编码: 'C9', 客户名称: '丙公司', 金额: 'x' })),
    );
    expect(result.batch.debtors.map((d) => d.code)).toEqual(['C1']);
  });

  it('rejects a contract number used by two customers', async () => {
    const content = utf8([
      ['客户编码', '客户名称', '合同号', '发票号', '开票日期', '账期', '金额'],
      ['C1', '甲', 'HT-1', 'A1', '2024-03-05', '30', '100'],
      ['C2', '乙', 'HT-1', 'A2', '2024-03-05', '30', '100'],
    ]);
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([[3, '合同号', 'conflicting-contract']]);
  });
});

describe('file problems', () => {
  const wrongEncoding = async (content: Buffer, guess: string) => {
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([[0, null, 'wrong-encoding']]);
    expect(result.errors[0]?.message).toContain(guess);
    expect(result.errors[0]?.message).toContain('UTF-8');
    expect(result).toMatchObject({ rows: 0, validRows: 0, encoding: null });
    expect(result.batch.invoices).toEqual([]);
  };

  it('rejects Shift-JIS, EUC-KR and Latin-1 text', async () => {
    const japanese =
      '顧客名,請求書番号,請求日,支払期限,金額\n株式会社テスト,INV1,2024-03-05,2024-04-04,100\n';
    await wrongEncoding(iconv.encode(japanese, 'shift_jis'), 'Shift_JIS');
    await wrongEncoding(iconv.encode('고객명,송장번호\n테스트회사,INV1\n', 'euc-kr'), 'EUC-KR');
    await wrongEncoding(iconv.encode('Customer,Invoice\nCafé Müller,1\n', 'latin1'), 'ISO-8859-1');
  });

  it('rejects random bytes and UTF-16 without a byte order mark', async () => {
    const random = Buffer.from(Array.from({ length: 512 }, (_, i) => 1 + ((i * 7919 + 13) % 255)));
    const result = await parse(random);
    expect(only(result.errors, 'wrong-encoding').row).toBe(0);
    await wrongEncoding(iconv.encode('客户,发票号\n甲,1\n', 'utf-16le'), 'UTF-16LE without a byte');
  });

  it('reports empty files, old .xls workbooks, broken XLSX and broken CSV', async () => {
    const codes = async (content: Buffer, fileName = 'a.csv') =>
      codesAt((await parse(content, { fileName })).errors);

    expect(await codes(Buffer.alloc(0))).toEqual([[0, null, 'empty-file']]);
    expect(await codes(Buffer.from('\r\n\r\n'))).toEqual([[0, null, 'empty-file']]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await codes(xls, 'a.xls')).toEqual([[0, null, 'unsupported-format']]);
    expect(await codes(Buffer.from('PK\x03\x04 not really a zip'), 'a.xlsx')).toEqual([
      [0, null, 'bad-xlsx'],
    ]);
    expect(await codes(Buffer.from('客户,发票号\n"甲,1\n'))).toEqual([[0, null, 'bad-csv']]);
  });

  it('warns about a header without data rows and about a misleading extension', async () => {
    const result = await parse(utf8([COLUMNS]), { fileName: 'export.xlsx' });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['extension-mismatch', 'no-data-rows']);
    expect(result.format).toBe('csv');
  });
});

describe('options', () => {
  it('lists the presets and throws for an unknown one', async () => {
    expect(presetNames).toEqual(['default', 'ibm-ar', 'financial-statements']);
    await expect(parse(file(row(1)), { preset: 'sap' })).rejects.toThrow(
      "Unknown import preset 'sap'; known presets: default, ibm-ar",
    );
    await expect(parse(file(row(1)), { defaultCurrency: 'XXY' })).rejects.toThrow('XXY');
    await expect(parse(file(row(1)), { defaultTimeZone: 'Mars/Base' })).rejects.toThrow('Mars');
  });

  it('applies the default currency and time zone', async () => {
    const result = await parse(file(row(1)), {
      defaultCurrency: 'hkd',
      defaultTimeZone: 'Asia/Hong_Kong',
    });
    expect(result.batch.invoices[0]?.currency).toBe('HKD');
    expect(result.batch.debtors[0]?.timeZone).toBe('Asia/Hong_Kong');
  });
});
