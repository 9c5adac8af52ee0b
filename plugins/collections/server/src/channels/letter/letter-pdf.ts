import { z } from 'zod';

import { rmbInCapitals } from '../../domain/money';
import { minor, positiveMinor } from '../../validation/fields';
import { drawHeading, drawParagraphs } from './blocks';
import { COLOR, contentWidth, ensureSpace, FONT } from './document';
import { renderFramedPdf, type FramedDocument } from './frame';
import { formatAmount, labelsFor, type Labels } from './labels';
import {
  checkInvoiceDates,
  currencyField,
  dayField,
  documentFields,
  invoiceFields,
  parseDocumentInput,
} from './schema';
import { daysCell, drawTable, moneyCell, type TableColumn } from './table';

export interface LetterInvoice {
  number: string;
  /** ISO days. */
  issueDate: string;
  dueDate: string;
  /** What is still open on the invoice, in minor units (fen, cents). */
  openMinor: number;
  currency: string;
  /** Zero or negative when the invoice is not due yet. */
  daysPastDue: number;
}

/**
 * Everything a demand letter (催款函) prints; the dispatcher builds it from the
 * action. The reference is our letter number, e.g. the action id; the debtor
 * quotes it with the payment.
 */
export interface LetterDocument extends FramedDocument {
  /** ISO day of the letter. */
  date: string;
  title: string;
  /** The rendered template: paragraphs separated by blank lines. */
  body: string;
  /** The open invoices, in the order they are listed; all in the total's currency. */
  invoices: LetterInvoice[];
  total: { overdueMinor: number; currency: string };
  paymentDeadline: string | null;
}

const letterSchema = z
  .object({
    ...documentFields,
    date: dayField,
    title: z.string().trim().min(1, 'is required').max(60),
    body: z.string().trim().min(1, 'is required'),
    invoices: z
      .array(z.object({ ...invoiceFields, openMinor: positiveMinor }).strict())
      .min(1, 'must list at least one open invoice'),
    total: z.object({ overdueMinor: minor, currency: currencyField }).strict(),
    paymentDeadline: dayField.nullable(),
  })
  .strict()
  .superRefine((letter, ctx) => {
    checkInvoiceDates(letter.invoices, ctx);
    checkLetterSums(letter, ctx);
  });

/** One currency per letter, and no more overdue than is open. */
const checkLetterSums = (letter: LetterDocument, ctx: z.RefinementCtx): void => {
  const issue = (path: Array<string | number>, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  letter.invoices.forEach((invoice, index) => {
    if (invoice.currency !== letter.total.currency) {
      issue(
        ['invoices', index, 'currency'],
        `is not the total's currency ${letter.total.currency}`,
      );
    }
  });
  const open = letter.invoices.reduce((sum, invoice) => sum + invoice.openMinor, 0);
  if (letter.total.overdueMinor > open) {
    issue(['total', 'overdueMinor'], `is more than the invoices' open amount ${open}`);
  }
  if (letter.paymentDeadline !== null && letter.paymentDeadline < letter.date) {
    issue(['paymentDeadline'], 'is before the letter date');
  }
};

const invoiceColumns = (labels: Labels): TableColumn[] => [
  { header: labels.invoiceNumber, share: 27, align: 'left' },
  { header: labels.issueDate, share: 16, align: 'center', nowrap: true },
  { header: labels.dueDate, share: 16, align: 'center', nowrap: true },
  { header: labels.daysOverdue, share: 14, align: 'right' },
  { header: labels.openAmount, share: 27, align: 'right', nowrap: true },
];

const drawInvoices = (doc: PDFKit.PDFDocument, letter: LetterDocument, labels: Labels) => {
  drawHeading(doc, labels.openInvoices);
  const rows = letter.invoices.map((invoice) => ({
    cells: [
      invoice.number,
      invoice.issueDate,
      invoice.dueDate,
      daysCell(invoice.daysPastDue, labels),
      moneyCell(invoice.openMinor, invoice.currency, letter.language),
    ],
  }));
  drawTable(doc, invoiceColumns(labels), rows);
};

/** The total in figures and, for CNY, in Chinese capitals (人民币大写). */
const drawTotal = (doc: PDFKit.PDFDocument, letter: LetterDocument, labels: Labels) => {
  const { overdueMinor, currency } = letter.total;
  const width = contentWidth(doc);
  ensureSpace(doc, 48);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.text);
  const figures = formatAmount(overdueMinor, currency, letter.language);
  doc.text(`${labels.totalOverdue}${figures}`, doc.page.margins.left, doc.y, { width });
  if (currency === 'CNY') {
    doc.font(FONT.regular).fontSize(10.5);
    doc.text(`${labels.inCapitals}${rmbInCapitals(overdueMinor)}`, { width });
  }
  doc.y += 12;
};

/**
 * Renders a demand letter as an A4 PDF with Source Han Sans embedded. The
 * bytes depend on the input only: the same letter renders the same file.
 * Throws DocumentInputError naming the field when the input is not usable.
 */
export const renderLetterPdf = async (input: LetterDocument): Promise<Buffer> => {
  const letter = parseDocumentInput(letterSchema, input, 'letter');
  const labels = labelsFor(letter.language);
  const frame = {
    title: letter.title,
    day: letter.date,
    dayLabel: labels.date,
    payBy: letter.paymentDeadline,
  };
  return renderFramedPdf(letter, frame, (doc) => {
    drawParagraphs(doc, letter.body);
    drawInvoices(doc, letter, labels);
    drawTotal(doc, letter, labels);
  });
};
