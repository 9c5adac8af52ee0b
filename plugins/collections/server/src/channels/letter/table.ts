import { COLOR, contentWidth, FONT } from './document';
import { formatAmount, type Labels, type Language } from './labels';

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  /** Share of the text width, relative to the other columns. */
  share: number;
  align: Align;
  /** Amounts and dates: the column widens to its longest cell and never wraps. */
  nowrap?: boolean;
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

/** The widest cell of a column, measured in bold so totals fit too. */
const naturalWidth = (doc: PDFKit.PDFDocument, rows: TableRow[], index: number): number =>
  Math.max(0, ...rows.map((row) => doc.widthOfString(row.cells[index] ?? ''))) + 2 * PAD_X + 1;

/**
 * Column widths from the shares; a nowrap column gets at least its longest
 * cell, and the columns that may wrap give up what that costs.
 */
const place = (doc: PDFKit.PDFDocument, columns: TableColumn[], rows: TableRow[]): Placed[] => {
  const width = contentWidth(doc);
  const shares = columns.reduce((sum, column) => sum + column.share, 0);
  const base = columns.map((column) => (column.share / shares) * width);
  const widths = columns.map((column, index) =>
    column.nowrap ? Math.max(base[index] ?? 0, naturalWidth(doc, rows, index)) : (base[index] ?? 0),
  );
  const excess = widths.reduce((sum, value) => sum + value, 0) - width;
  const flexible = columns.reduce(
    (sum, column, i) => sum + (column.nowrap ? 0 : (base[i] ?? 0)),
    0,
  );
  let x = doc.page.margins.left;
  return columns.map((column, index) => {
    const shrink = column.nowrap || flexible === 0 ? 0 : (excess * (base[index] ?? 0)) / flexible;
    const placed = { x, width: (widths[index] ?? 0) - shrink, align: column.align };
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

const drawRow = (doc: PDFKit.PDFDocument, row: TableRow, placed: Placed[], height: number) => {
  const y = doc.y;
  if (row.emphasis) rule(doc, y, COLOR.rule, 0.8);
  writeCells(doc, row.cells, placed, y);
  rule(doc, y + height, COLOR.line);
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
  useRowFont(doc, true, fontSize);
  const placed = place(doc, columns, rows);
  const headerHeight = rowHeight(
    doc,
    columns.map((column) => column.header),
    placed,
  );
  const heights = rows.map((row) => {
    useRowFont(doc, row.emphasis === true, fontSize);
    return rowHeight(doc, row.cells, placed);
  });
  if (doc.y + headerHeight + (heights[0] ?? 0) > doc.page.maxY()) doc.addPage();
  useRowFont(doc, true, fontSize);
  drawHeader(doc, columns, placed);

  rows.forEach((row, index) => {
    const height = heights[index] ?? 0;
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      useRowFont(doc, true, fontSize);
      drawHeader(doc, columns, placed);
    }
    useRowFont(doc, row.emphasis === true, fontSize);
    drawRow(doc, row, placed, height);
  });
  doc.x = doc.page.margins.left;
  doc.y += GAP_AFTER;
};
