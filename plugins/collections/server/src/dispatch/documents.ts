import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { loadConfig } from '@huikuan/config';

import { renderLetterPdf, type LetterDocument } from '../channels/letter/letter-pdf';
import { renderStatementPdf } from '../channels/letter/statement-pdf';
import type { MessageAttachment } from '../channels/types';
import type { MessageContext } from '../domain/message-context';

export interface StoredDocument {
  path: string;
  sha256: string;
  bytes: number;
  /** True when an earlier attempt had stored it already (the file was kept as it was). */
  existed: boolean;
}

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * Stores a generated document under the documents folder, created exclusively: a retried
 * action finds the file it wrote before and keeps it, so the proof on record never changes.
 */
export const storeDocument = async (relative: string, content: Buffer): Promise<StoredDocument> => {
  const file = path.join(loadConfig().dispatch.documentsDir, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, content, { flag: 'wx' });
    return { path: file, sha256: sha256(content), bytes: content.length, existed: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const kept = await fs.readFile(file);
    return { path: file, sha256: sha256(kept), bytes: kept.length, existed: true };
  }
};

/** The payment block: the bank, and the account number without the bank's name before it. */
const creditorOf = (context: MessageContext) => {
  const { bankName, bankAccount } = context.creditor;
  const number = bankAccount.startsWith(bankName)
    ? bankAccount.slice(bankName.length)
    : bankAccount;
  return {
    name: context.creditor.name,
    address: context.creditor.address,
    phone: context.creditor.phone,
    bankName,
    bankAccount: number.trim() || bankAccount,
    accountName: context.creditor.name,
  };
};

/** The debtor block; an address not on file is printed as such (the task says to find it). */
const debtorOf = (context: MessageContext) => ({
  code: context.debtor.code,
  name: context.debtor.name,
  address:
    context.debtor.address ||
    (context.locale === 'en' ? '(address not on file)' : '（地址未登记）'),
  contactName: context.debtor.contactName || null,
});

/** The letter of an action as the PDF model needs it, from the message rendered at send time. */
export const letterOf = (
  context: MessageContext,
  reference: string,
  title: string,
  body: string,
): LetterDocument => ({
  language: context.locale === 'en' ? 'en' : 'zh-CN',
  creditor: creditorOf(context),
  debtor: debtorOf(context),
  reference,
  date: context.asOf,
  title,
  body,
  invoices: context.invoices.map((invoice) => ({ ...invoice })),
  total: { overdueMinor: context.totals.overdueMinor, currency: context.currency },
  paymentDeadline: null,
});

/** Renders and stores the PDF letter of an action (letters/<action>.pdf). */
export const storeLetter = async (
  actionId: string,
  letter: LetterDocument,
): Promise<StoredDocument> =>
  storeDocument(path.join('letters', `${actionId}.pdf`), await renderLetterPdf(letter));

/** Paid and credited amounts of each listed invoice as of the statement's day. */
export type StatementLines = Map<
  string,
  { amountMinor: number; paidMinor: number; creditedMinor: number }
>;

/** A statement of account (对账单) as a PDF attachment. */
export const statementAttachment = async (
  context: MessageContext,
  reference: string,
  lines: StatementLines,
): Promise<MessageAttachment> => {
  const language = context.locale === 'en' ? 'en' : 'zh-CN';
  const content = await renderStatementPdf({
    language,
    creditor: creditorOf(context),
    debtor: debtorOf(context),
    reference,
    asOf: context.asOf,
    invoices: context.invoices.map((invoice) => {
      const line = lines.get(invoice.number);
      return {
        number: invoice.number,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        currency: invoice.currency,
        amountMinor: line?.amountMinor ?? invoice.openMinor,
        paidMinor: line?.paidMinor ?? 0,
        creditedMinor: line?.creditedMinor ?? 0,
        openMinor: invoice.openMinor,
        daysPastDue: invoice.daysPastDue,
      };
    }),
  });
  const name = language === 'en' ? 'statement' : '对账单';
  return {
    filename: `${name}-${context.debtor.code}-${context.asOf}.pdf`,
    contentType: 'application/pdf',
    content,
  };
};
