import fs from 'node:fs';

import { ibmReceivablesCsv } from '../../../../../../test/support/paths';
import { only, parse } from './helpers';

const raw = fs.readFileSync(ibmReceivablesCsv);
const lines = raw
  .toString('utf8')
  .split(/\r?\n/)
  .filter((line) => line !== '');
const header = (lines[0] ?? '').split(',');
const records = lines.slice(1).map((line) => line.split(','));
const col = (name: string): number => header.indexOf(name);

/** Cents from "55.94", "61.7" or "105" without floating-point arithmetic. */
const cents = (text: string): number => {
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

const expectedTotal = records.reduce((sum, r) => sum + cents(r[col('InvoiceAmount')] ?? ''), 0);
const expectedLate = records.filter((r) => Number(r[col('DaysLate')]) > 0).length;
const expectedDisputed = records.filter((r) => r[col('Disputed')] === 'Yes').length;
const expectedDebtors = new Set(records.map((r) => r[col('customerID')])).size;

/** The raw file with one data row (1-based data index) changed. */
function withRow(index: number, change: (cells: string[]) => string[]): Buffer {
  const changed = lines.map((line, i) => (i === index ? change(line.split(',')).join(',') : line));
  return Buffer.from(changed.join('\r\n'));
}

describe('ibm-ar preset on the IBM sample', () => {
  it('reads every row into debtors, invoices and settling payments', async () => {
    const result = await parse(raw, { preset: 'ibm-ar', fileName: 'ibm.csv' });

    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result).toMatchObject({ preset: 'ibm-ar', format: 'csv', encoding: 'utf-8' });
    expect(records).toHaveLength(2466);
    expect(result.rows).toBe(2466);
    expect(result.validRows).toBe(2466);
    expect(result.batch.invoices).toHaveLength(2466);
    expect(result.batch.payments).toHaveLength(2466);
    expect(result.batch.debtors).toHaveLength(100);
    expect(expectedDebtors).toBe(100);
  });

  it('matches totals computed independently from the raw CSV', async () => {
    const { batch } = await parse(raw, { preset: 'ibm-ar' });
    const dueByNumber = new Map(batch.invoices.map((inv) => [inv.number, inv.dueDate]));

    const total = batch.invoices.reduce((sum, invoice) => sum + invoice.amountMinor, 0);
    const late = batch.payments.filter(
      (payment) =>
        payment.paymentDate > (dueByNumber.get(payment.allocations[0]!.invoiceNumber) ?? ''),
    );
    expect(total).toBe(expectedTotal);
    expect(late).toHaveLength(expectedLate);
    expect(expectedLate).toBe(877);
    expect(batch.invoices.filter((invoice) => invoice.disputed)).toHaveLength(expectedDisputed);
  });

  it('maps the first row field by field', async () => {
    const { batch } = await parse(raw, { preset: 'ibm-ar' });

    expect(batch.debtors[0]).toEqual({
      code: '0379-NEVHP',
      name: '0379-NEVHP',
      region: 'country 391',
      language: 'en',
      timeZone: 'UTC',
    });
    expect(batch.invoices[0]).toEqual({
      number: '611365',
      debtorCode: '0379-NEVHP',
      contractNumber: null,
      issueDate: '2013-01-02',
      dueDate: '2013-02-01',
      amountMinor: 5594,
      currency: 'USD',
      disputed: false,
      billingChannel: 'paper',
    });
    expect(batch.payments[0]).toEqual({
      reference: 'SETTLE-611365',
      debtorCode: '0379-NEVHP',
      paymentDate: '2013-01-15',
      amountMinor: 5594,
      currency: 'USD',
      allocations: [{ invoiceNumber: '611365', amountMinor: 5594 }],
    });
    expect(batch.invoices[1]).toMatchObject({ disputed: true, billingChannel: 'electronic' });
  });

  it('warns, without rejecting, when DaysToSettle or DaysLate disagree with the dates', async () => {
    const content = withRow(1, (cells) => [...cells.slice(0, 10), '14', '3']);
    const result = await parse(content, { preset: 'ibm-ar' });

    expect(result.errors).toEqual([]);
    const warnings = result.warnings.filter((w) => w.code === 'days-mismatch');
    expect(warnings.map((w) => [w.row, w.column, w.value])).toEqual([
      [2, 'DaysToSettle', '14'],
      [2, 'DaysLate', '3'],
    ]);
    expect(result.batch.invoices).toHaveLength(2466);
  });

  it('folds a full-width customer id into the same debtor', async () => {
    const content = withRow(1, (cells) => ['391', '０３７９－ＮＥＶＨＰ', ...cells.slice(2)]);
    const { batch, errors } = await parse(content, { preset: 'ibm-ar' });

    expect(errors).toEqual([]);
    expect(batch.debtors).toHaveLength(100);
    expect(batch.invoices[0]?.debtorCode).toBe('0379-NEVHP');
  });

  it('rejects a row settled before it was invoiced', async () => {
    const content = withRow(3, (cells) => [...cells.slice(0, 8), '1/1/2013', ...cells.slice(9)]);
    const result = await parse(content, { preset: 'ibm-ar' });

    const error = only(result.errors, 'settled-before-issue');
    expect(error).toMatchObject({ row: 4, column: 'SettledDate', value: '2013-01-01' });
    expect(result.batch.invoices.map((invoice) => invoice.number)).not.toContain('9231909');
    expect(result.validRows).toBe(2465);
  });

  it('requires all twelve headers and no others', async () => {
    const missing = await parse(
      Buffer.from(lines.map((l) => l.split(',').slice(0, 11).join(',')).join('\n')),
      {
        preset: 'ibm-ar',
      },
    );
    expect(only(missing.errors, 'missing-column')).toMatchObject({ row: 1, column: 'DaysLate' });

    const extra = await parse(
      Buffer.from(lines.map((l, i) => `${l},${i ? 'x' : 'Region'}`).join('\n')),
      {
        preset: 'ibm-ar',
      },
    );
    expect(only(extra.errors, 'unknown-header')).toMatchObject({ row: 1, column: 'Region' });
    expect(extra.batch.invoices).toEqual([]);
  });
});
