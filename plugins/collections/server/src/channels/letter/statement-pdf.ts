import { z } from 'zod';

import { rmbInCapitals } from '../../domain/money';
import { minor, positiveMinor } from '../../validation/fields';
import { drawParagraphs } from './blocks';
import { COLOR, contentWidth, ensureSpace, FONT } from './document';
import { renderFramedPdf, type FramedDocument } from './frame';
import { labelsFor, type Labels, type Language } from './labels';
import {
  checkInvoiceDates,
  dayField,
  documentFields,
  invoiceFields,
  parseDocumentInput,
} from './schema';
import { daysCell, drawTable, moneyCell, type TableColumn, type TableRow } from './table';

export interface StatementInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  /** Amounts in minor units; open = amount − paid − credited. */
  amountMinor: number;
  paidMinor: number;
  creditedMinor: number;
  openMinor: number;
  daysPastDue: number;
}

/**
 * A statement of account (对账单): every open invoice of one debtor as of a day.
 * The reference is our statement number, also the one to quote with a payment.
 */
export interface StatementDocument extends FramedDocument {
  /** ISO day the statement is drawn up to. */
  asOf: string;
  invoices: StatementInvoice[];
}

const statementSchema = z
  .object({
    ...documentFields,
    asOf: dayField,
    invoices: z
      .array(
        z
          .object({
            ...invoiceFields,
            amountMinor: positiveMinor,
            paidMinor: minor,
            creditedMinor: minor,
            openMinor: positiveMinor,
          })
          .strict(),
      )
      .min(1, 'must list at least one open invoice'),
  })
  .strict()
  .superRefine((statement, ctx) => {
    checkInvoiceDates(statement.invoices, ctx);
    statement.invoices.forEach((invoice, index) => {
      const open = invoice.amountMinor - invoice.paidMinor - invoice.creditedMinor;
      if (invoice.openMinor !== open) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['invoices', index, 'openMinor'],
          message: `is not amountMinor − paidMinor − creditedMinor (${open})`,
        });
      }
    });
  });

type Sums = Pick<StatementInvoice, 'amountMinor' | 'paidMinor' | 'creditedMinor' | 'openMinor'>;

/** Sums per currency, in integer minor units; currencies are never added together. */
export const totalsByCurrency = (invoices: StatementInvoice[]): Map<string, Sums> => {
  const totals = new Map<string, Sums>();
  for (const invoice of invoices) {
    const sums = totals.get(invoice.currency) ?? {
      amountMinor: 0,
      paidMinor: 0,
      creditedMinor: 0,
      openMinor: 0,
    };
    sums.amountMinor += invoice.amountMinor;
    sums.paidMinor += invoice.paidMinor;
    sums.creditedMinor += invoice.creditedMinor;
    sums.openMinor += invoice.openMinor;
    totals.set(invoice.currency, sums);
  }
  return new Map([...totals].sort(([a], [b]) => a.localeCompare(b)));
};

const statementColumns = (labels: Labels): TableColumn[] => [
  { header: labels.invoiceNumber, share: 17, align: 'left' },
  { header: labels.issueDate, share: 11.5, align: 'center', nowrap: true },
  { header: labels.dueDate, share: 11.5, align: 'center', nowrap: true },
  { header: labels.amount, share: 14, align: 'right', nowrap: true },
  { header: labels.paid, share: 13, align: 'right', nowrap: true },
  { header: labels.credited, share: 12, align: 'right', nowrap: true },
  { header: labels.openAmount, share: 14, align: 'right', nowrap: true },
  { header: labels.daysOverdue, share: 9, align: 'right' },
];

const moneyCells = (sums: Sums, currency: string, language: Language): string[] =>
  [sums.amountMinor, sums.paidMinor, sums.creditedMinor, sums.openMinor].map((amount) =>
    moneyCell(amount, currency, language),
  );

const statementRows = (statement: StatementDocument, labels: Labels): TableRow[] => {
  const lines = statement.invoices.map((invoice) => ({
    cells: [
      invoice.number,
      invoice.issueDate,
      invoice.dueDate,
      ...moneyCells(invoice, invoice.currency, statement.language),
      daysCell(invoice.daysPastDue, labels),
    ],
  }));
  const totals = [...totalsByCurrency(statement.invoices)].map(([currency, sums]) => ({
    cells: [labels.total(currency), '', '', ...moneyCells(sums, currency, statement.language), ''],
    emphasis: true,
  }));
  return [...lines, ...totals];
};

/** The open CNY total in capitals, as Chinese statements write it. */
const drawCapitals = (doc: PDFKit.PDFDocument, statement: StatementDocument, labels: Labels) => {
  const cny = totalsByCurrency(statement.invoices).get('CNY');
  if (!cny) return;
  ensureSpace(doc, 24);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  const line = `${labels.openInCapitals}${rmbInCapitals(cny.openMinor)}`;
  doc.text(line, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.y += 10;
};

/**
 * Renders a statement of account as an A4 PDF, for an email attachment. The
 * same statement renders the same bytes. Throws DocumentInputError naming the
 * field when the input is not usable.
 */
export const renderStatementPdf = async (input: StatementDocument): Promise<Buffer> => {
  const statement = parseDocumentInput(statementSchema, input, 'statement');
  const labels = labelsFor(statement.language);
  const frame = {
    title: labels.statementTitle,
    day: statement.asOf,
    dayLabel: labels.asOf,
    payBy: null,
  };
  return renderFramedPdf(statement, frame, (doc, day) => {
    drawParagraphs(doc, labels.statementIntro(day), 10);
    drawTable(doc, statementColumns(labels), statementRows(statement, labels), 8);
    drawCapitals(doc, statement, labels);
    drawParagraphs(doc, labels.statementCheck(statement.creditor.phone), 10);
  });
};
