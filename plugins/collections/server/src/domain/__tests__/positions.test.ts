import { agingBucket, daysPastDue } from '../aging';
import { positionsAsOf, type LedgerInvoice } from '../positions';

const invoice = (
  id: number,
  issueDate: string,
  dueDate: string,
  amountMinor: number,
): LedgerInvoice => ({
  id,
  number: `INV-${id}`,
  debtorId: 1,
  issueDate,
  dueDate,
  amountMinor,
  currency: 'CNY',
  disputed: false,
});

describe('positions as of a date', () => {
  const invoices = [
    invoice(1, '2024-01-01', '2024-01-31', 10000),
    invoice(2, '2024-02-01', '2024-03-02', 20000),
    invoice(3, '2024-03-20', '2024-04-19', 30000),
  ];
  const reductions = [
    { invoiceId: 1, date: '2024-02-10', amountMinor: 4000, kind: 'payment' as const },
    { invoiceId: 1, date: '2024-03-15', amountMinor: 6000, kind: 'credit' as const },
    { invoiceId: 2, date: '2024-03-01', amountMinor: 20000, kind: 'payment' as const },
  ];

  it('counts only movements known on the day and leaves out later invoices', () => {
    const positions = positionsAsOf(invoices, reductions, () => '2024-03-10');
    expect(
      positions.map((position) => [position.invoice.id, position.openMinor, position.daysPastDue]),
    ).toEqual([[1, 6000, 39]]);
  });

  it('replays a later day with the later payment', () => {
    const positions = positionsAsOf(invoices, reductions, () => '2024-03-31');
    expect(
      positions.map((position) => [position.invoice.id, position.openMinor, position.bucket]),
    ).toEqual([[3, 30000, 'current']]);
  });

  it.each([
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91+'],
  ])('puts %i days past due in bucket %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it('counts days past due across a leap day', () => {
    expect(daysPastDue('2024-02-28', '2024-03-01')).toBe(2);
  });
});
