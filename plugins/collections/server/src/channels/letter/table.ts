import { COLOR, contentWidth, FONT } from './document';
import { formatAmount, type Labels, type Language } from './labels';

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Share of the text width, relative to the other columns. */
  share: number;
  align: Align;
}

export interface TableRow {
  cells: string[];
  /** Totals: bold, with a rule above. */
  emphasis?: boolean;
}

interface Placed {
  x: number;
  width: number;
  align: Align;
}

const PAD_X = 4;
const PAD_Y = 3.5;
const GAP_AFTER = 8;

/** An amount cell: ¥12,345.67 / CNY 12,345.67, never summed as a float. */
export const moneyCell = (minor: number, currency: string, language: Language): string =>
  formatAmount(minor, currency, language);

/** Days past due, or "未到期" for an invoice that is not due yet. */
export const daysCell = (daysPastDue: number, labels: Labels): string =>
  daysPastDue > 0 ? String(daysPastDue) : labels.notDue;

const place = (doc: PDFKit.PDFDocument, columns: TableColumn[]): Placed[] => {
  const shares = columns.reduce((sum, column) => sum + column.share, 0);
  const width = contentWidth(doc);
  let x = doc.page.margins.left;
  return columns.map((column) => {
    const placed = { x, width: (column.share / shares) * width, align: column.align };
    x += placed.width;
    return placed;
  });
};

const useRowFont = (doc: PDFKit.PDFDocument, bold: boolean, fontSize: number): void => {
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(fontSize)
    .fillColor(COLOR.text);
};

const rowHeight = (doc: PDFKit.PDFDocument, cells: string[], placed: Placed[]): number => {
  const heights = cells.map((text, index) =>
    doc.heightOfString(text, { width: (placed[index]?.width ?? 0) - 2 * PAD_X }),
  );
  return Math.max(...heights) + 2 * PAD_Y;
};

const writeCells = (doc: PDFKit.PDFDocument, cells: string[], placed: Placed[], y: number) => {
  cells.forEach((text, index) => {
    const column = placed[index];
    if (!column) return;
    doc.text(text, column.x + PAD_X, y + PAD_Y, {
      width: column.width - 2 * PAD_X,
      align: column.align,
    });
  });
};

const rule = (doc: PDFKit.PDFDocument, y: number, color: string, width = 0.5): void => {
  const left = doc.page.margins.left;
  doc
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .lineWidth(width)
    .strokeColor(color)
    .stroke();
};

const drawHeader = (doc: PDFKit.PDFDocument, columns: TableColumn[], placed: Placed[]) => {
  const cells = columns.map((column) => column.header);
  const height = rowHeight(doc, cells, placed);
  const y = doc.y;
  doc.rect(doc.page.margins.left, y, contentWidth(doc), height).fill(COLOR.fill);
  doc.fillColor(COLOR.text);
  writeCells(doc, cells, placed, y);
  rule(doc, y + height, COLOR.rule, 0.8);
  doc.y = y + height;
};

/**
 * Draws a table across the text width. A row that would cross the bottom
 * margin goes to a new page, which starts with the header row again; the
 * header never stands alone at the foot of a page.
 */
export const drawTable = (
  doc: PDFKit.PDFDocument,
  columns: TableColumn[],
  rows: TableRow[],
  fontSize = 9,
): void => {
  const placed = place(doc, columns);
  useRowFont(doc, true, fontSize);
  const headerHeight = rowHeight(
    doc,
    columns.map((column) => column.header),
    placed,
  );
  const first = rows[0];
  useRowFont(doc, first?.emphasis === true, fontSize);
  const firstHeight = first ? rowHeight(doc, first.cells, placed) : 0;
  if (doc.y + headerHeight + firstHeight > doc.page.maxY()) doc.addPage();
  useRowFont(doc, true, fontSize);
  drawHeader(doc, columns, placed);

  for (const row of rows) {
    useRowFont(doc, row.emphasis === true, fontSize);
    const height = rowHeight(doc, row.cells, placed);
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      useRowFont(doc, true, fontSize);
      drawHeader(doc, columns, placed);
      useRowFont(doc, row.emphasis === true, fontSize);
    }
    const y = doc.y;
    if (row.emphasis) rule(doc, y, COLOR.rule, 0.8);
    writeCells(doc, row.cells, placed, y);
    rule(doc, y + height, COLOR.line);
    doc.y = y + height;
  }
  doc.x = doc.page.margins.left;
  doc.y += GAP_AFTER;
};
