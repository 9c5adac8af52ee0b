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

const creditorOf = (context: MessageContext) => ({
  name: context.creditor.name,
  address: context.creditor.address,
  phone: context.creditor.phone,
  bankName: '',
  bankAccount: context.creditor.bankAccount,
  accountName: context.creditor.name,
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
  debtor: {
    code: context.debtor.code,
    name: context.debtor.name,
    address: context.debtor.address,
    contactName: context.debtor.contactName,
  },
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

/** A statement of account (对账单) as a PDF attachment. */
export const statementAttachment = async (
  context: MessageContext,
  reference: string,
): Promise<MessageAttachment> => {
  const language = context.locale === 'en' ? 'en' : 'zh-CN';
  const content = await renderStatementPdf({
    language,
    creditor: creditorOf(context),
    debtor: {
      code: context.debtor.code,
      name: context.debtor.name,
      address: context.debtor.address,
      contactName: context.debtor.contactName,
    },
    reference,
    asOf: context.asOf,
    invoices: context.invoices.map((invoice) => ({ ...invoice })),
  } as never);
  const name = language === 'en' ? 'statement' : '对账单';
  return {
    filename: `${name}-${context.debtor.code}-${context.asOf}.pdf`,
    contentType: 'application/pdf',
    content,
  };
};
