import * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import { FILE_LEVEL_CODES, isFileLevel } from '../index';
import { csvText, invoiceNumbers, only, parse, utf8 } from './helpers';

const HEADER = ['客户编码', '客户名称', '发票号', '开票日期', '到期日', '金额'];
const DATA = [
  ['C1', '甲公司', 'FP1', '2024-03-05', '2024-04-04', '100'],
  ['C1', '甲公司', 'FP2', '2024-03-05', '2024-04-04', '200'],
];
const TITLE = '应收账款明细表 2024年3月';

const codesAt = (issues: Array<{ row: number; column: string | null; code: string }>) =>
  issues.map((issue) => [issue.row, issue.column, issue.code]);

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('应收明细'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('file-level errors', () => {
  const rejectedFiles: Array<[string, () => Promise<Buffer> | Buffer, string]> = [
    ['an empty file', () => Buffer.alloc(0), 'a.csv'],
    ['blank lines only', () => Buffer.from('\r\n \r\n'), 'a.csv'],
    ['a NUL byte', () => Buffer.from('客户,发票号\n甲\u0000,1\n'), 'a.csv'],
    [
      'Shift-JIS text',
      () => iconv.encode('顧客名,請求書番号\n株式会社テスト,1\n', 'shift_jis'),
      'a.csv',
    ],
    ['an .xls workbook', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0, 0]), 'a.xls'],
    ['a broken workbook', () => Buffer.from('PK\x03\x04 not a zip'), 'a.xlsx'],
    ['an empty workbook', () => xlsx(() => undefined), 'a.xlsx'],
    ['an unclosed quote', () => Buffer.from('客户,发票号\n"甲,1\n'), 'a.csv'],
    [
      'an unknown column',
      () =>
        utf8([
          [...HEADER, '颜色'],
          [...(DATA[0] ?? []), '红'],
        ]),
      'a.csv',
    ],
    ['a missing column', () => utf8([HEADER.slice(0, 5), (DATA[0] ?? []).slice(0, 5)]), 'a.csv'],
    [
      'a duplicate column',
      () =>
        utf8([
          [...HEADER, '价税合计'],
          [...(DATA[0] ?? []), '1'],
        ]),
      'a.csv',
    ],
  ];

  it.each(rejectedFiles)(
    'rejects %s as a whole: no valid or rejected rows',
    async (_, content, fileName) => {
      const result = await parse(await content(), { fileName });

      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors.filter((error) => !isFileLevel(error))).toEqual([]);
      expect(result).toMatchObject({ validRows: 0, rejectedRows: 0 });
      expect(result.batch.invoices).toEqual([]);
    },
  );

  it('lists every code that rejects the file, and no row-level code', () => {
    expect([...FILE_LEVEL_CODES].sort()).toEqual([
      'bad-csv',
      'bad-xlsx',
      'binary-file',
      'duplicate-column',
      'empty-file',
      'missing-column',
      'unknown-header',
      'unsupported-format',
      'wrong-encoding',
    ]);
    expect(isFileLevel({ code: 'bad-amount' })).toBe(false);
  });

  it('reports an empty file once, with no rejected data rows', async () => {
    for (const content of [
      Buffer.alloc(0),
      Buffer.from('\r\n\r\n'),
      Buffer.from([0xef, 0xbb, 0xbf]),
    ]) {
      const result = await parse(content);
      expect(codesAt(result.errors)).toEqual([[0, null, 'empty-file']]);
      expect(result).toMatchObject({ rows: 0, validRows: 0, rejectedRows: 0 });
    }
  });

  it('recognises a rejected header below blank lines, where its row is not 1', async () => {
    const result = await parse(Buffer.from(`\r\n,,\r\n${csvText([[...HEADER, '颜色'], ...DATA])}`));

    expect(codesAt(result.errors)).toEqual([[3, '颜色', 'unknown-header']]);
    expect(result.errors.every(isFileLevel)).toBe(true);
    expect(result).toMatchObject({ rows: 2, validRows: 0, rejectedRows: 0 });
    expect(result.batch.invoices).toEqual([]);
  });

  it('counts rejected data rows once each, apart from file-level problems', async () => {
    const result = await parse(
      utf8([
        HEADER,
        ['C1', '甲公司', 'FP8', '2024-02-30', '2024-04-04', 'x'],
        ...DATA,
        ['C1', '甲公司', 'FP9', '2024-03-05', '2024-04-04', '-1'],
      ]),
    );
    expect(result.errors).toHaveLength(3);
    expect(result).toMatchObject({ rows: 4, validRows: 2, rejectedRows: 2 });
  });
});

describe('binary files', () => {
  const binary = async (content: Buffer): Promise<void> => {
    const result = await parse(content);
    expect(codesAt(result.errors)).toEqual([[0, null, 'binary-file']]);
    expect(result.errors[0]?.message).toContain(
      'the file contains binary data (NUL bytes): export it as CSV or XLSX',
    );
    expect(result.errors[0]?.message).not.toMatch(/encoding|UTF-8/);
  };

  it('reports a NUL byte in UTF-8, GBK or UTF-16 text as binary data', async () => {
    const text = csvText([HEADER, ...DATA]);
    const [head, tail] = [text.slice(0, 30), text.slice(30)];
    await binary(Buffer.from(`${head}\u0000${tail}`));
    await binary(
      Buffer.concat([iconv.encode(head, 'gbk'), Buffer.from([0]), iconv.encode(tail, 'gbk')]),
    );
    const utf16 = iconv.encode(`${head}\u0000${tail}`, 'utf-16le');
    await binary(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]));
  });

  it('reports random bytes with NULs as binary, but keeps the UTF-16 hint', async () => {
    await binary(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)));
    const result = await parse(iconv.encode('客户,发票号\n甲,1\n', 'utf-16le'));
    expect(only(result.errors, 'wrong-encoding').message).toContain('UTF-16LE');
  });
});

describe('title rows above the header', () => {
  it('skips a title line with one filled cell and reads the header below it', async () => {
    const result = await parse(
      utf8([
        [TITLE],
        HEADER,
        DATA[0] ?? [],
        ['C1', '甲公司', 'FP3', '2024-02-30', '2024-04-04', '1'],
      ]),
    );

    expect(codesAt(result.errors)).toEqual([[4, '开票日期', 'bad-date']]);
    const warning = only(result.warnings, 'title-rows-skipped');
    expect(warning).toMatchObject({ row: 2, column: null, value: TITLE });
    expect(warning.message).toMatch(/^header row 2: 1 row\(s\) above the header were skipped/);
    expect(invoiceNumbers(result)).toEqual(['FP1']);
    expect(result).toMatchObject({ rows: 2, validRows: 1 });
  });

  it('skips several title rows and blank lines', async () => {
    const result = await parse(
      utf8([[TITLE], ['', '编制单位：甲公司', ''], [], ['单位：元'], HEADER, ...DATA]),
    );
    expect(result.errors).toEqual([]);
    expect(only(result.warnings, 'title-rows-skipped')).toMatchObject({
      row: 5,
      value: `${TITLE} | 编制单位：甲公司 | 单位：元`,
    });
    expect(invoiceNumbers(result)).toEqual(['FP1', 'FP2']);
  });

  it('reads a merged title cell of an XLSX export once', async () => {
    const content = await xlsx((sheet) => {
      sheet.addRow([TITLE]);
      sheet.mergeCells('A1:F1');
      sheet.addRow(HEADER);
      DATA.forEach((data) => sheet.addRow(data));
    });
    const result = await parse(content, { fileName: 'a.xlsx' });
    expect(result.errors).toEqual([]);
    expect(only(result.warnings, 'title-rows-skipped').value).toBe(TITLE);
    expect(invoiceNumbers(result)).toEqual(['FP1', 'FP2']);
  });

  it('keeps the first row as header when it names two known columns', async () => {
    const result = await parse(
      utf8([HEADER, ['C1', '甲公司', '发票号', '开票日期', '到期日', '1']]),
    );
    expect(result.warnings).toEqual([]);
    expect(codesAt(result.errors)).toEqual([
      [2, '开票日期', 'bad-date'],
      [2, '到期日', 'bad-date'],
    ]);
  });

  it('says where the header must be when none of the first 10 rows names two columns', async () => {
    const titles = Array.from({ length: 10 }, (_, i) => [`说明 ${i + 1}`]);
    const result = await parse(utf8([...titles, HEADER, ...DATA]));

    expect(result.warnings.map((w) => w.code)).not.toContain('title-rows-skipped');
    expect(only(result.errors, 'unknown-header')).toMatchObject({ row: 1, value: '说明 1' });
    for (const error of result.errors) {
      expect(error.message).toContain('the header must be one of the first rows');
      expect(error.message).toContain('表头必须位于文件的前几行');
    }
    expect(result.errors.every(isFileLevel)).toBe(true);
  });

  it('gives no such hint for a header that was found', async () => {
    const result = await parse(
      utf8([
        [...HEADER, '颜色'],
        [...(DATA[0] ?? []), '红'],
      ]),
    );
    expect(only(result.errors, 'unknown-header').message).not.toContain('first rows');
  });
});
