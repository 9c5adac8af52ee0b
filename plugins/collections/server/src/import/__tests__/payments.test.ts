import type { PaymentRecord } from '../../domain/ledger';
import { parse, utf8 } from './helpers';

const HEADER = [
  '客户编码',
  '客户名称',
  '发票号',
  '开票日期',
  '到期日',
  '金额',
  '已收金额',
  '收款日期',
];

/** One ERP export of invoice FP1 (1,000.00) stating the paid amount as of the export. */
const exportOf = (paid: string, paidDate: string): Buffer =>
  utf8([HEADER, ['C1', '甲公司', 'FP1', '2024-01-05', '2024-02-04', '1000', paid, paidDate]]);

/** What the ledger store does with payments: upsert by reference. */
function replay(...batches: PaymentRecord[][]): Map<string, PaymentRecord> {
  const ledger = new Map<string, PaymentRecord>();
  for (const payment of batches.flat()) ledger.set(payment.reference, payment);
  return ledger;
}

describe('cumulative paid amounts', () => {
  it('makes one payment per invoice, with a reference that does not depend on the date', async () => {
    const february = await parse(exportOf('300', '2024-02-01'));
    const march = await parse(exportOf('800', '2024-03-01'));

    expect(february.batch.payments).toEqual([
      {
        reference: 'IMPORT-FP1',
        debtorCode: 'C1',
        paymentDate: '2024-02-01',
        amountMinor: 30000,
        currency: 'CNY',
        allocations: [{ invoiceNumber: 'FP1', amountMinor: 30000 }],
      },
    ]);
    expect(march.batch.payments).toEqual([
      expect.objectContaining({
        reference: 'IMPORT-FP1',
        paymentDate: '2024-03-01',
        amountMinor: 80000,
        allocations: [{ invoiceNumber: 'FP1', amountMinor: 80000 }],
      }),
    ]);
  });

  it('leaves the invoice paid 800, not 1,100, after importing both exports', async () => {
    const february = await parse(exportOf('300', '2024-02-01'));
    const march = await parse(exportOf('800', '2024-03-01'));

    const ledger = replay(february.batch.payments, march.batch.payments);
    expect([...ledger.values()].map((p) => [p.paymentDate, p.amountMinor])).toEqual([
      ['2024-03-01', 80000],
    ]);
  });

  it('uses the same reference when the paid amount is derived from the open amount', async () => {
    const content = utf8([
      ['客户', '发票号', '开票日期', '账期', '金额', '未收金额', '收款日期'],
      ['甲', 'A1', '2024-01-05', '30', '1000', '200', '2024-03-01'],
    ]);
    const { batch } = await parse(content);
    expect(batch.payments.map((p) => [p.reference, p.amountMinor])).toEqual([['IMPORT-A1', 80000]]);
  });
});
