import { validateLedgerBatch } from '../ledger';

const invoice = (currency: string) => ({
  number: 'FP-1',
  debtorCode: 'D1',
  issueDate: '2025-01-01',
  dueDate: '2025-02-01',
  amountMinor: 123456,
  currency,
  disputed: false,
});

const pathsOf = (batch: Record<string, unknown>): string[] => {
  const result = validateLedgerBatch(batch);
  return 'errors' in result ? result.errors.map((error) => error.path) : [];
};

describe('currencies of a ledger batch', () => {
  it('takes ISO 4217 codes and refuses others on every money field, naming the field', () => {
    expect(pathsOf({ invoices: [invoice('CNY')] })).toEqual([]);
    expect(pathsOf({ invoices: [invoice('RMB')] })).toEqual(['invoices[0].currency']);
    expect(pathsOf({ invoices: [invoice('XXX')] })).toEqual(['invoices[0].currency']);
    expect(
      pathsOf({
        payments: [
          {
            reference: 'BK-1',
            debtorCode: 'D1',
            paymentDate: '2025-02-03',
            amountMinor: 100,
            currency: 'RMB',
            allocations: [],
          },
        ],
      }),
    ).toEqual(['payments[0].currency']);
  });
});
