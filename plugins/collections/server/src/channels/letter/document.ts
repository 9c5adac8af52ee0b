import PDFDocument from 'pdfkit';

import { letterFonts } from './fonts';
import type { Language } from './labels';

/** The two faces every document registers; no standard PDF font is ever used. */
export const FONT = { regular: 'SourceHanSansSC-Regular', bold: 'SourceHanSansSC-Bold' } as const;

export const COLOR = {
  text: '#1a1a1a',
  muted: '#5c5c5c',
  rule: '#2b2b2b',
  line: '#c8c8c8',
  fill: '#eef0f3',
} as const;

/** A4 with about 20 mm at the sides; the bottom margin holds the page numbers. */
const MARGINS = { top: 48, bottom: 64, left: 56, right: 56 };
const FOOTER_OFFSET = 40;

export interface PdfMeta {
  language: Language;
  title: string;
  author: string;
  /** Our reference: it also seeds the file identifier, through the document info. */
  reference: string;
  /** ISO day: the creation date is this day at 00:00 UTC, so the bytes never depend on the clock. */
  day: string;
}

/**
 * An A4 document with the CJK fonts registered and fixed document info. pdfkit
 * derives the file ID from the info dictionary, so the same meta and the same
 * drawing give the same bytes.
 */
export const createPdf = (meta: PdfMeta): PDFKit.PDFDocument => {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: meta.language,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.reference,
      CreationDate: new Date(`${meta.day}T00:00:00Z`),
    },
  });
  const fonts = letterFonts();
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular).fillColor(COLOR.text);
  return doc;
};

export const contentWidth = (doc: PDFKit.PDFDocument): number =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page unless `height` more points fit above the bottom margin. */
export const ensureSpace = (doc: PDFKit.PDFDocument, height: number): void => {
  if (doc.y + height > doc.page.maxY()) {
    doc.addPage();
  }
};

/** Writes "第 1 页 / 共 2 页" and the reference in the bottom margin of every page. */
const drawFooters = (
  doc: PDFKit.PDFDocument,
  pageLabel: (page: number, pages: number) => string,
  reference: string,
): void => {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // Text below the bottom margin would open a new page; lift the margin while writing.
    margins.bottom = 0;
    const y = doc.page.height - FOOTER_OFFSET;
    const width = contentWidth(doc);
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    doc.text(reference, margins.left, y, { width, align: 'left', lineBreak: false });
    doc.text(pageLabel(index - start + 1, count), margins.left, y, {
      width,
      align: 'right',
      lineBreak: false,
    });
    margins.bottom = bottom;
  }
};

/** Numbers the pages, ends the document and resolves with its bytes. */
export const finishPdf = (
  doc: PDFKit.PDFDocument,
  pageLabel: (page: number, pages: number) => string,
  reference: string,
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    drawFooters(doc, pageLabel, reference);
    doc.end();
  });
