import { emptyBatch, type LedgerBatch } from '@huikuan/plugin-collections/domain/ledger';

/**
 * A portfolio of identical debtors, each with one invoice of ¥12,345.67 due 2024-07-01: even
 * ones prefer email, odd ones SMS. The dispatch fault tests and benchmark send one reminder each
 * with the days-past-due ladder, so what arrives can be counted per debtor.
 */
export const uniformPortfolio = (count: number, prefix: string): LedgerBatch => {
  const batch = emptyBatch();
  for (let index = 0; index < count; index += 1) {
    const code = `${prefix}${String(index).padStart(6, '0')}`;
    batch.debtors.push({ code, name: `测试客户${code}有限公司`, language: 'zh-CN' });
    batch.contacts.push({
      debtorCode: code,
      name: `联系人${code}`,
      email: `${code.toLowerCase()}@example.com`,
      phone: `139${String(index).padStart(8, '0')}`,
      preferredChannel: index % 2 === 0 ? 'email' : 'sms',
    });
    batch.invoices.push({
      number: `INV-${code}`,
      debtorCode: code,
      issueDate: '2024-06-01',
      dueDate: '2024-07-01',
      amountMinor: 1234567,
      currency: 'CNY',
      disputed: false,
    });
  }
  return batch;
};
