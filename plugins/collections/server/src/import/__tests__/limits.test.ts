import fs from 'node:fs';

import { ibmReceivablesCsv } from '../../../../../../test/support/paths';
import { invoiceNumbers, only, parse, utf8 } from './helpers';

const COLUMNS = [
  ['客户编码', '客户名称', '统一社会信用代码', '行业', '地区', '地址', '联系人', '联系电话'],
  ['邮箱', '发票号', '合同号', '开票日期', '到期日', '金额', '币种', '已收金额', '收款日期'],
].flat();

type Row = Partial<Record<string, string>>;

function row(n: number, changes: Row = {}): string[] {
  const base: Row = {
    客户编码: `C${n}`,
    客户名称: '甲公司',
    发票号: `FP${n}`,
    开票日期: '2024-03-05',
    到期日: '2024-04-04',
    金额: '100.00',
  };
  return COLUMNS.map((column) => ({ ...base, ...changes })[column] ?? '');
}

const file = (...rows: string[][]): Buffer => utf8([COLUMNS, ...rows]);

const codesAt = (issues: Array<{ row: number; column: string | null; code: string }>) =>
  issues.map((issue) => [issue.row, issue.column, issue.code]);

describe('amount limit', () => {
  it('accepts one trillion yuan and rejects a fen more, naming row, column and value', async () => {
    const result = await parse(
      file(row(1, { 金额: '1,000,000,000,000.00' }), row(2, { 金额: '1,000,000,000,000.01' })),
    );

    const error = only(result.errors, 'amount-too-large');
    expect(error).toMatchObject({ row: 3, column: '金额', value: '1,000,000,000,000.01' });
    expect(error.message).toContain('1000000000000.00 CNY');
    expect(error.message).toContain('金额“1,000,000,000,000.01”过大');
    expect(result.batch.invoices.map((i) => i.amountMinor)).toEqual([100_000_000_000_000]);
  });

  it.each([
    [{ 金额: '99999999999999999999' }, '金额'],
    [{ 金额: '-2000000000000' }, '金额'],
    [{ 已收金额: '1000000000001', 收款日期: '2024-03-20' }, '已收金额'],
  ])('rejects %j as amount-too-large', async (changes, column) => {
    const result = await parse(file(row(1, changes)));
    const amount = (changes as Row)[column];
    expect(codesAt(result.errors)).toEqual([[2, column, 'amount-too-large']]);
    expect(result.errors[0]?.value).toBe(amount);
  });

  it('applies the limit in minor units of the currency', async () => {
    const result = await parse(
      file(
        row(1, { 金额: '100000000000000', 币种: 'JPY' }),
        row(2, { 金额: '100000000000001', 币种: 'JPY' }),
      ),
    );
    expect(codesAt(result.errors)).toEqual([[3, '金额', 'amount-too-large']]);
    expect(result.errors[0]?.message).toContain('100000000000000 JPY');
  });
});

describe('text length limits', () => {
  const long = 'x'.repeat(256);

  it.each([
    '客户编码',
    '客户名称',
    '统一社会信用代码',
    '行业',
    '地区',
    '联系人',
    '联系电话',
    '邮箱',
    '发票号',
    '合同号',
    '币种',
  ])('rejects 256 characters in %s', async (column) => {
    const result = await parse(file(row(1, { [column]: long }), row(2)));

    const error = only(result.errors, 'value-too-long');
    expect(error).toMatchObject({ row: 2, column, value: long });
    expect(error.message).toContain('256 characters; at most 255');
    expect(result.errors).toHaveLength(1);
    expect(invoiceNumbers(result)).toEqual(['FP2']);
  });

  it('accepts 255 characters, counting characters rather than bytes or UTF-16 units', async () => {
    const result = await parse(
      file(row(1, { 客户名称: '甲'.repeat(255), 行业: '😀'.repeat(255), 合同号: 'H'.repeat(255) })),
    );
    expect(result.errors).toEqual([]);
    expect(result.batch.debtors[0]?.name).toHaveLength(255);
  });

  it('allows an address of up to 2000 characters', async () => {
    const result = await parse(
      file(row(1, { 地址: '路'.repeat(2000) }), row(2, { 地址: '路'.repeat(2001) })),
    );
    expect(codesAt(result.errors)).toEqual([[3, '地址', 'value-too-long']]);
    expect(result.errors[0]?.message).toContain('at most 2000');
    expect(result.batch.debtors.map((d) => d.address?.length)).toEqual([2000]);
  });
});

describe('text length limits, ibm-ar preset', () => {
  const lines = fs.readFileSync(ibmReceivablesCsv, 'utf8').split(/\r?\n/).slice(0, 3);
  const withCell = (index: number, value: string): Buffer => {
    const cells = (lines[1] ?? '').split(',');
    cells[index] = value;
    return Buffer.from([lines[0], cells.join(','), lines[2]].join('\n'));
  };

  it('keeps room for the "country " prefix of the stored region', async () => {
    const ok = await parse(withCell(0, 'C'.repeat(247)), { preset: 'ibm-ar' });
    expect(ok.errors).toEqual([]);
    expect(ok.batch.debtors[0]?.region).toHaveLength(255);

    const tooLong = await parse(withCell(0, 'C'.repeat(248)), { preset: 'ibm-ar' });
    expect(codesAt(tooLong.errors)).toEqual([[2, 'countryCode', 'value-too-long']]);
  });

  it('rejects a long customer id or billing channel', async () => {
    const customer = await parse(withCell(1, 'K'.repeat(256)), { preset: 'ibm-ar' });
    expect(codesAt(customer.errors)).toEqual([[2, 'customerID', 'value-too-long']]);
    const channel = await parse(withCell(9, 'P'.repeat(256)), { preset: 'ibm-ar' });
    expect(codesAt(channel.errors)).toEqual([[2, 'PaperlessBill', 'value-too-long']]);
  });
});
