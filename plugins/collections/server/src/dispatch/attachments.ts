import ExcelJS from 'exceljs';

import type { MessageAttachment } from '../channels/types';
import type { MessageContext } from '../domain/message-context';
import { toMajor } from '../domain/money';

const LABELS = {
  'zh-CN': ['发票号', '开票日期', '到期日', '逾期天数', '未付金额', '币种'],
  en: ['Invoice', 'Issued', 'Due', 'Days past due', 'Open amount', 'Currency'],
} as const;

/**
 * The overdue invoices of a message as an Excel sheet, amounts in major units with the
 * currency's decimals, for the debtor's accounts-payable clerk to match against their books.
 */
export const invoiceListAttachment = async (
  context: MessageContext,
): Promise<MessageAttachment> => {
  const language = context.locale === 'en' ? 'en' : 'zh-CN';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = context.creditor.name;
  workbook.created = new Date(`${context.asOf}T00:00:00Z`);
  const sheet = workbook.addWorksheet(language === 'en' ? 'Open invoices' : '未付发票');
  sheet.addRow([...LABELS[language]]).font = { bold: true };
  for (const invoice of context.invoices) {
    sheet.addRow([
      invoice.number,
      invoice.issueDate,
      invoice.dueDate,
      invoice.daysPastDue,
      toMajor(invoice.openMinor, invoice.currency),
      invoice.currency,
    ]);
  }
  sheet.columns.forEach((column) => (column.width = 16));
  const name = language === 'en' ? 'open-invoices' : '未付发票清单';
  return {
    filename: `${name}-${context.debtor.code}-${context.asOf}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
};
