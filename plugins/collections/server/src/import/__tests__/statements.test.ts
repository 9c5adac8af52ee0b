import { only, parse, utf8 } from './helpers';

const preset = 'financial-statements';

const header = [
  '客户编码',
  '报告期末',
  '币种',
  '资产总计(万元)',
  '流动资产合计',
  '存货',
  '货币资金',
  '负债合计',
  '流动负债合计',
  '所有者权益合计',
  '未分配利润',
  '营业收入',
  '净利润',
  '经营活动产生的现金流量净额',
];

describe('financial-statement files', () => {
  it('reads one statement per row in minor units, with negative profits and equity', async () => {
    const result = await parse(
      utf8([
        header.map((h) => h.replace('(万元)', '')),
        [
          'C001',
          '2025-12-31',
          'CNY',
          '1,000,000.00',
          '600000',
          '200000',
          '50000.5',
          '700000',
          '400000',
          '300000',
          '-20000',
          '1500000',
          '-35000.25',
          '(12000)',
        ],
        [
          'C002',
          '2025年12月31日',
          '',
          '500000',
          '',
          '',
          '',
          '600000',
          '',
          '-100000',
          '',
          '',
          '',
          '',
        ],
      ]),
      { preset },
    );
    expect(result.errors).toEqual([]);
    expect(result.preset).toBe(preset);
    expect(result.batch.invoices).toEqual([]);
    expect(result.batch.statements).toEqual([
      {
        debtorCode: 'C001',
        periodEnd: '2025-12-31',
        periodStart: null,
        currency: 'CNY',
        totalAssetsMinor: 100_000_000,
        currentAssetsMinor: 60_000_000,
        inventoryMinor: 20_000_000,
        cashMinor: 5_000_050,
        totalLiabilitiesMinor: 70_000_000,
        shortTermLiabilitiesMinor: 40_000_000,
        equityMinor: 30_000_000,
        retainedEarningsMinor: -2_000_000,
        salesMinor: 150_000_000,
        netProfitMinor: -3_500_025,
        operatingCashFlowMinor: -1_200_000,
      },
      {
        debtorCode: 'C002',
        periodEnd: '2025-12-31',
        periodStart: null,
        currency: 'CNY',
        totalAssetsMinor: 50_000_000,
        totalLiabilitiesMinor: 60_000_000,
        equityMinor: -10_000_000,
      },
    ]);
  });

  it('reads English headers and a currency in the header', async () => {
    const result = await parse(
      utf8([
        ['Customer code', 'Period end', 'Total assets (USD)', 'Current liabilities', 'Sales'],
        ['US-7', '12/31/2025', '2500.10', '800', '9000'],
      ]),
      { preset },
    );
    expect(result.errors).toEqual([]);
    expect(result.batch.statements[0]).toMatchObject({
      debtorCode: 'US-7',
      currency: 'USD',
      totalAssetsMinor: 250_010,
      shortTermLiabilitiesMinor: 80_000,
      salesMinor: 900_000,
    });
  });

  it('names the row and column of each bad value and keeps no bad row', async () => {
    const result = await parse(
      utf8([
        ['客户编码', '报告期末', '资产总计', '流动资产合计', '存货', '营业收入'],
        ['C1', '2025-12-31', '-5', '', '', '10'],
        ['C2', '2025-13-01', '100', '', '', '10'],
        ['C3', '2025-12-31', '100', '150', '', '10'],
        ['C4', '2025-12-31', '100', '80', '', 'abc'],
        ['C5', '2025-12-31', '100', '80', '10', '10'],
        ['C5', '2025-12-31', '100', '80', '10', '10'],
      ]),
      { preset },
    );
    expect(only(result.errors, 'negative-amount')).toMatchObject({ row: 2, column: '资产总计' });
    expect(only(result.errors, 'bad-date')).toMatchObject({ row: 3, column: '报告期末' });
    const part = only(result.errors, 'part-exceeds-whole');
    expect(part).toMatchObject({ row: 4, column: '流动资产合计' });
    expect(part.message).toContain('资产总计');
    expect(only(result.errors, 'bad-amount')).toMatchObject({ row: 5, column: '营业收入' });
    const duplicate = only(result.errors, 'duplicate-statement');
    expect(duplicate).toMatchObject({ row: 7, column: '报告期末' });
    expect(duplicate.message).toContain('row 6');
    expect(result.batch.statements.map((s) => s.debtorCode)).toEqual(['C5']);
    expect(result.rejectedRows).toBe(5);
  });

  it('rejects a file without a debtor code or any statement line', async () => {
    const result = await parse(
      utf8([
        ['报告期末', '备注'],
        ['2025-12-31', 'x'],
      ]),
      { preset },
    );
    expect(result.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['missing-column']));
    expect(result.batch.statements).toEqual([]);
  });
});

describe('statement currencies', () => {
  it('refuses lines whose headers name different currencies', async () => {
    const result = await parse(
      utf8([
        ['客户编码', '报告期末', '资产总计(美元)', '负债合计(元)'],
        ['C1', '2025-12-31', '100', '50'],
      ]),
      { preset: 'financial-statements' },
    );
    expect(only(result.errors, 'currency-mismatch')).toMatchObject({
      row: 2,
      column: '负债合计(元)',
    });
    expect(result.batch.statements).toEqual([]);
  });
});

describe('cut-off statement lines', () => {
  it('refuses a CSV row shorter than its header instead of blanking its lines', async () => {
    const text = '客户编码,报告期末,资产总计,负债合计,营业收入\r\nC1,2025-12-31,100\r\n';
    const result = await parse(Buffer.from(text), { preset: 'financial-statements' });
    expect(only(result.errors, 'too-few-cells')).toMatchObject({ row: 2 });
    expect(result.batch.statements).toEqual([]);
  });
});
