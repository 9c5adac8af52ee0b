import type { LetterDocument, LetterInvoice } from '../letter-pdf';
import type { StatementDocument } from '../statement-pdf';

/** A demand letter from a Suzhou manufacturer to a Hangzhou customer, with `count` open invoices. */
export const invoicesOf = (count: number, openMinor = 123456): LetterInvoice[] =>
  Array.from({ length: count }, (_, index) => ({
    number: `FP2026${String(index + 1).padStart(5, '0')}`,
    issueDate: '2026-08-15',
    dueDate: '2026-09-14',
    openMinor: openMinor + index,
    currency: 'CNY',
    daysPastDue: 81 - (index % 90),
  }));

export const sampleLetter = (overrides: Partial<LetterDocument> = {}): LetterDocument => ({
  language: 'zh-CN',
  creditor: {
    name: '苏州恒通精密机械有限公司',
    address: '江苏省苏州市工业园区星湖街328号创意产业园12幢',
    phone: '0512-6288 1234',
    bankName: '中国工商银行苏州工业园区支行',
    bankAccount: '1102 0201 0900 1234 567',
    accountName: '苏州恒通精密机械有限公司',
  },
  debtor: {
    code: 'K00042',
    name: '杭州瑞丰电子科技有限公司',
    address: '浙江省杭州市滨江区江南大道3888号瑞丰大厦17楼',
    contactName: '王丽华',
  },
  reference: 'HK-2026-000731',
  date: '2026-12-04',
  title: '催款函',
  body: [
    '杭州瑞丰电子科技有限公司：',
    '根据双方签订的购销合同，我司已按约向贵公司供货并开具发票。截至本函发出之日，下列发票款项已逾期未付。我司曾多次电话提醒，但至今仍未收到上述款项，已影响我司正常经营。',
    '请贵公司在收到本函后，于下述付款期限前将逾期款项足额汇入我司账户。如已付款，请将付款凭证发送给我司财务部，并忽略本函。',
  ].join('\n\n'),
  invoices: [
    {
      number: 'FP20260815001',
      issueDate: '2026-08-15',
      dueDate: '2026-09-14',
      openMinor: 1000000,
      currency: 'CNY',
      daysPastDue: 81,
    },
    {
      number: 'FP20260901017',
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      openMinor: 234567,
      currency: 'CNY',
      daysPastDue: 64,
    },
    {
      number: 'FP20261110002',
      issueDate: '2026-11-10',
      dueDate: '2026-12-10',
      openMinor: 500000,
      currency: 'CNY',
      daysPastDue: -6,
    },
  ],
  total: { overdueMinor: 1234567, currency: 'CNY' },
  paymentDeadline: '2026-12-18',
  ...overrides,
});

/** A statement for the same debtor: CNY invoices, part paid or credited, and one in USD. */
export const sampleStatement = (overrides: Partial<StatementDocument> = {}): StatementDocument => {
  const { creditor, debtor } = sampleLetter();
  return {
    language: 'zh-CN',
    creditor,
    debtor,
    reference: 'DZD-2026-12-K00042',
    asOf: '2026-12-04',
    invoices: [
      {
        number: 'FP20260815001',
        issueDate: '2026-08-15',
        dueDate: '2026-09-14',
        currency: 'CNY',
        amountMinor: 1500000,
        paidMinor: 500000,
        creditedMinor: 0,
        openMinor: 1000000,
        daysPastDue: 81,
      },
      {
        number: 'FP20260901017',
        issueDate: '2026-09-01',
        dueDate: '2026-10-01',
        currency: 'CNY',
        amountMinor: 334567,
        paidMinor: 0,
        creditedMinor: 100000,
        openMinor: 234567,
        daysPastDue: 64,
      },
      {
        number: 'INV-US-0093',
        issueDate: '2026-10-20',
        dueDate: '2026-11-19',
        currency: 'USD',
        amountMinor: 880000,
        paidMinor: 80000,
        creditedMinor: 0,
        openMinor: 800000,
        daysPastDue: 15,
      },
      {
        number: 'FP20261110002',
        issueDate: '2026-11-10',
        dueDate: '2026-12-10',
        currency: 'CNY',
        amountMinor: 500000,
        paidMinor: 0,
        creditedMinor: 0,
        openMinor: 500000,
        daysPastDue: -6,
      },
    ],
    ...overrides,
  };
};
