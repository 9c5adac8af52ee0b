import { COLOR, contentWidth, ensureSpace, FONT } from './document';
import type { Labels } from './labels';
import type { Creditor, Debtor } from './schema';

/** Drawing of the parts letters and statements share: letterhead, parties, payment, seal. */

const SEAL_RADIUS = 46;
const SIGNATURE_WIDTH = 210;

const left = (doc: PDFKit.PDFDocument): number => doc.page.margins.left;

const horizontalRule = (doc: PDFKit.PDFDocument, y: number, width: number, color: string) => {
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke();
};

/** The creditor's name, address and phone, over a double rule. */
export const drawLetterhead = (doc: PDFKit.PDFDocument, creditor: Creditor, labels: Labels) => {
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.text);
  doc.text(creditor.name, left(doc), doc.page.margins.top, { width });
  doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
  doc.text(`${labels.address}${creditor.address}    ${labels.phone}${creditor.phone}`, { width });

  const y = doc.y + 5;
  horizontalRule(doc, y, 1.4, COLOR.rule);
  horizontalRule(doc, y + 2.5, 0.4, COLOR.rule);
  doc.y = y + 16;
};

/** The debtor's address on the left; our reference and the date on the right. */
export const drawParties = (
  doc: PDFKit.PDFDocument,
  debtor: Debtor,
  labels: Labels,
  aside: string[],
): void => {
  const width = contentWidth(doc);
  const top = doc.y;
  const addressWidth = width * 0.6;
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.text);
  doc.text(`${labels.to}${debtor.name}`, left(doc), top, { width: addressWidth });
  doc.font(FONT.regular).fontSize(9.5);
  const lines = [`${labels.address}${debtor.address}`];
  if (debtor.contactName) lines.push(`${labels.contact}${debtor.contactName}`);
  lines.push(`${labels.debtorCode}${debtor.code}`);
  doc.text(lines.join('\n'), { width: addressWidth, lineGap: 1 });
  const addressBottom = doc.y;

  const asideX = left(doc) + width * 0.64;
  doc.text(aside.join('\n'), asideX, top, { width: width * 0.36, align: 'right', lineGap: 1 });
  doc.x = left(doc);
  doc.y = Math.max(addressBottom, doc.y) + 14;
};

export const drawTitle = (doc: PDFKit.PDFDocument, title: string): void => {
  doc.font(FONT.bold).fontSize(18).fillColor(COLOR.text);
  doc.text(title, left(doc), doc.y, { width: contentWidth(doc), align: 'center' });
  doc.y += 10;
};

/** Text written by the template: paragraphs separated by blank lines. */
export const drawParagraphs = (doc: PDFKit.PDFDocument, text: string, fontSize = 10.5) => {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  doc.font(FONT.regular).fontSize(fontSize).fillColor(COLOR.text);
  for (const paragraph of paragraphs) {
    doc.text(paragraph, left(doc), doc.y, { width: contentWidth(doc), lineGap: 3 });
    doc.y += fontSize * 0.7;
  }
};

export const drawHeading = (doc: PDFKit.PDFDocument, text: string): void => {
  ensureSpace(doc, 60);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.text);
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.y += 4;
};

/** Label and value pairs in two aligned columns, kept on one page. */
export const drawFields = (doc: PDFKit.PDFDocument, fields: Array<[string, string]>): void => {
  const labelWidth = 96;
  const valueWidth = contentWidth(doc) - labelWidth;
  doc.fontSize(9.5);
  ensureSpace(doc, fields.length * doc.currentLineHeight(true) * 1.3);
  for (const [label, value] of fields) {
    const y = doc.y;
    doc.font(FONT.regular).fillColor(COLOR.muted);
    doc.text(label, left(doc), y, { width: labelWidth });
    doc.font(FONT.bold).fillColor(COLOR.text);
    doc.text(value, left(doc) + labelWidth, y, { width: valueWidth });
    doc.y += 2;
  }
  doc.x = left(doc);
};

/** Where to pay: bank, account name and number, and the reference to quote. */
export const drawPayment = (
  doc: PDFKit.PDFDocument,
  creditor: Creditor,
  reference: string,
  labels: Labels,
  payBy: string | null,
): void => {
  drawHeading(doc, labels.payment);
  if (payBy) {
    doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
    doc.text(labels.payBy(payBy), left(doc), doc.y, { width: contentWidth(doc) });
    doc.y += 3;
  }
  drawFields(doc, [
    [labels.bankName, creditor.bankName],
    [labels.accountName, creditor.accountName],
    [labels.bankAccount, creditor.bankAccount],
    [labels.quoteReference, reference],
  ]);
  doc.y += 10;
};

/** A dashed circle where the seal goes, with the creditor's name and the date under it. */
export const drawSignature = (
  doc: PDFKit.PDFDocument,
  creditorName: string,
  day: string,
  labels: Labels,
): void => {
  ensureSpace(doc, 2 * SEAL_RADIUS + 56);
  const x = left(doc) + contentWidth(doc) - SIGNATURE_WIDTH;
  const centreX = x + SIGNATURE_WIDTH / 2;
  const top = doc.y + 6;
  doc
    .circle(centreX, top + SEAL_RADIUS, SEAL_RADIUS)
    .lineWidth(0.8)
    .dash(3, { space: 2 });
  doc.strokeColor(COLOR.muted).stroke().undash();
  doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
  const labelY = top + SEAL_RADIUS - doc.currentLineHeight() / 2;
  doc.text(labels.seal, x, labelY, { width: SIGNATURE_WIDTH, align: 'center', lineBreak: false });

  doc.font(FONT.bold).fontSize(10.5).fillColor(COLOR.text);
  doc.text(creditorName, x, top + 2 * SEAL_RADIUS + 8, { width: SIGNATURE_WIDTH, align: 'center' });
  doc.font(FONT.regular).fontSize(10);
  doc.text(day, x, doc.y + 2, { width: SIGNATURE_WIDTH, align: 'center' });
  doc.x = left(doc);
};
