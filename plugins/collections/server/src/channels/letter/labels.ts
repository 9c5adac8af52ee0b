import { formatMoney } from '../../domain/money';

/** The languages a letter or statement can be written in. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every fixed text the printed documents use, in each language. */
export interface Labels {
  to: string;
  address: string;
  contact: string;
  debtorCode: string;
  reference: string;
  date: string;
  phone: string;
  openInvoices: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: string;
  notDue: string;
  openAmount: string;
  amount: string;
  paid: string;
  credited: string;
  totalOverdue: string;
  inCapitals: string;
  openInCapitals: string;
  total: (currency: string) => string;
  payment: string;
  payBy: (day: string) => string;
  bankName: string;
  accountName: string;
  bankAccount: string;
  quoteReference: string;
  seal: string;
  statementTitle: string;
  asOf: string;
  statementIntro: (day: string) => string;
  statementCheck: (phone: string) => string;
  page: (page: number, pages: number) => string;
}

const ZH: Labels = {
  to: '致：',
  address: '地址：',
  contact: '联系人：',
  debtorCode: '客户编号：',
  reference: '编号：',
  date: '日期：',
  phone: '电话：',
  openInvoices: '未付发票明细',
  invoiceNumber: '发票号',
  issueDate: '开票日期',
  dueDate: '到期日',
  daysOverdue: '逾期天数',
  notDue: '未到期',
  openAmount: '未付金额',
  amount: '发票金额',
  paid: '已付',
  credited: '冲减',
  totalOverdue: '逾期款项合计：',
  inCapitals: '大写：',
  openInCapitals: '未付金额合计（人民币）大写：',
  total: (currency) => `合计 ${currency}`,
  payment: '付款信息',
  payBy: (day) => `请于${day}前将上述款项汇入以下账户：`,
  bankName: '开户银行：',
  accountName: '户名：',
  bankAccount: '账号：',
  quoteReference: '付款时请注明：',
  seal: '(盖章处)',
  statementTitle: '对账单',
  asOf: '截至日期：',
  statementIntro: (day) => `截至${day}，贵公司在我司的未结发票如下：`,
  statementCheck: (phone) =>
    `请核对以上明细。如有不符，请于收到本对账单后尽快与我们联系（电话：${phone}）。`,
  page: (page, pages) => `第 ${page} 页 / 共 ${pages} 页`,
};

const EN: Labels = {
  to: 'To: ',
  address: 'Address: ',
  contact: 'Attn: ',
  debtorCode: 'Customer no.: ',
  reference: 'Our ref.: ',
  date: 'Date: ',
  phone: 'Tel. ',
  openInvoices: 'Open invoices',
  invoiceNumber: 'Invoice no.',
  issueDate: 'Issued',
  dueDate: 'Due',
  daysOverdue: 'Days overdue',
  notDue: 'not due',
  openAmount: 'Open amount',
  amount: 'Amount',
  paid: 'Paid',
  credited: 'Credited',
  totalOverdue: 'Total overdue: ',
  inCapitals: 'In words: ',
  openInCapitals: 'Open CNY total in Chinese capitals: ',
  total: (currency) => `Total ${currency}`,
  payment: 'Payment instructions',
  payBy: (day) => `Please pay the amount above by ${day} to:`,
  bankName: 'Bank: ',
  accountName: 'Account name: ',
  bankAccount: 'Account number: ',
  quoteReference: 'Please quote: ',
  seal: '(seal)',
  statementTitle: 'Statement of account',
  asOf: 'As of: ',
  statementIntro: (day) => `As of ${day}, the following invoices are open on your account:`,
  statementCheck: (phone) =>
    `Please check the items above and tell us at once if anything differs (tel. ${phone}).`,
  page: (page, pages) => `Page ${page} of ${pages}`,
};

export const labelsFor = (language: Language): Labels => (language === 'zh-CN' ? ZH : EN);

/** A calendar day as the language writes it: 2026年12月4日 / 4 December 2026. */
export const formatDay = (day: string, language: Language): string => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const locale = language === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
};

/** An amount for a letter: ¥12,345.67 in Chinese, CNY 12,345.67 in English. */
export const formatAmount = (minor: number, currency: string, language: Language): string =>
  language === 'zh-CN'
    ? formatMoney(minor, currency, 'zh-CN')
    : formatMoney(minor, currency, 'en', 'code');
