import type { Cell } from '../types';

/** Folds full-width letters, digits and punctuation (Ａ１，．￥) to their ASCII forms. */
export const fold = (text: string): string => text.normalize('NFKC');

/** Excel's trick to keep leading zeros in CSV: ="00123". */
const EXCEL_TEXT = /^="(.*)"$/s;

/** The text a user sees in a cell, trimmed; dates render as ISO dates. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell !== 'string') return String(cell);
  const trimmed = cell.trim();
  return EXCEL_TEXT.exec(trimmed)?.[1]?.trim() ?? trimmed;
}

export const isBlank = (cell: Cell): boolean => cellText(cell) === '';

/** What Excel shows for a failed formula (#DIV/0!, #N/A, #VALUE!, #REF!, #SPILL!, …). */
const EXCEL_ERRORS = new Set(
  ['NULL!', 'DIV/0!', 'VALUE!', 'REF!', 'NAME?', 'NUM!', 'N/A', 'GETTING_DATA', 'SPILL!']
    .concat(['CALC!', 'FIELD!', 'BLOCKED!', 'CONNECT!', 'BUSY!', 'UNKNOWN!'])
    .map((name) => `#${name}`),
);

/** The Excel error a cell shows, upper-cased, or null when the text is not one. */
export function excelError(text: string): string | null {
  const shown = fold(text).toUpperCase();
  return EXCEL_ERRORS.has(shown) ? shown : null;
}

/** Length in characters (code points), as a database varchar counts it. */
export const charLength = (text: string): number => [...text].length;

/** Header key: case-, space-, punctuation- and width-insensitive ("Invoice No." → "invoiceno"). */
export const headerKey = (text: string): string =>
  fold(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

const UNIT_SUFFIX = /^(.*?)[([【]([^)\]】]*)[)\]】]\s*$/su;

/** Splits "金额(元)" or "Amount [USD]" into its base and bracketed unit. */
export function splitHeaderUnit(header: string): { base: string; unit: string } | null {
  const match = UNIT_SUFFIX.exec(fold(header).trim());
  if (!match || !match[1]) return null;
  return { base: match[1], unit: (match[2] ?? '').trim() };
}

const TOTAL_LABELS = new Set(['合计', '总计', '小计', '总合计', 'total', 'subtotal', 'grandtotal']);

/** True for the label of a totals line that ERP exports append ("合计", "Total:"). */
export const isTotalLabel = (text: string): boolean => TOTAL_LABELS.has(headerKey(text));
