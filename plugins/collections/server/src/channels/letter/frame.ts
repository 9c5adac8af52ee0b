import { drawLetterhead, drawParties, drawPayment, drawSignature, drawTitle } from './blocks';
import { createPdf, finishPdf } from './document';
import { formatDay, labelsFor, type Language } from './labels';
import type { Creditor, Debtor } from './schema';

/** Who a printed document is from and to, in which language, under which of our numbers. */
export interface FramedDocument {
  language: Language;
  creditor: Creditor;
  debtor: Debtor;
  reference: string;
}

/** The parts of the frame that differ between a letter and a statement. */
export interface FrameText {
  /** Printed over the content; with the reference, the PDF's Title. */
  title: string;
  /** ISO day printed beside the parties and under the seal; the PDF's creation date. */
  day: string;
  /** The label before that day: 日期 on a letter, 截至日期 on a statement. */
  dayLabel: string;
  /** ISO day to pay by, printed over the bank details; null leaves that line out. */
  payBy: string | null;
}

/** Draws what stands between the title and the payment block; `day` is the formatted day. */
export type DrawContent = (doc: PDFKit.PDFDocument, day: string) => void;

/**
 * Renders a document in the frame letters and statements share: letterhead,
 * parties and title, the content, then payment details, the seal and the page
 * footers. The same input gives the same bytes.
 */
export const renderFramedPdf = (
  document: FramedDocument,
  frame: FrameText,
  drawContent: DrawContent,
): Promise<Buffer> => {
  const { language, creditor, reference } = document;
  const labels = labelsFor(language);
  const day = formatDay(frame.day, language);
  const doc = createPdf({
    language,
    title: `${frame.title} ${reference}`,
    author: creditor.name,
    reference,
    day: frame.day,
  });

  drawLetterhead(doc, creditor, labels);
  drawParties(doc, document.debtor, labels, [
    `${labels.reference}${reference}`,
    `${frame.dayLabel}${day}`,
  ]);
  drawTitle(doc, frame.title);
  drawContent(doc, day);
  const payBy = frame.payBy && formatDay(frame.payBy, language);
  drawPayment(doc, creditor, reference, labels, payBy);
  drawSignature(doc, creditor.name, day, labels);

  return finishPdf(doc, labels.page, `${labels.reference}${reference}`);
};
