import path from 'node:path';

import type { RowError } from '../../domain/ledger';
import { issue } from '../issues';

export type Sniffed =
  { format: 'csv' | 'xlsx'; warnings: RowError[] } | { format: null; error: RowError };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];

const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);
const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'tab']);

const startsWith = (content: Buffer, bytes: number[]): boolean =>
  bytes.every((byte, index) => content[index] === byte);

function unsupported(detail: string, detailZh: string): Sniffed {
  return { format: null, error: issue('unsupported-format', 0, null, { detail, detailZh }) };
}

/** Decides CSV or XLSX from the bytes; the file extension only adds a warning when it disagrees. */
export function sniffFormat(content: Buffer, fileName: string): Sniffed {
  if (startsWith(content, OLE2)) {
    return unsupported('this is an old Excel .xls workbook', '这是旧版 Excel .xls 工作簿');
  }
  if (startsWith(content, PDF)) return unsupported('this is a PDF file', '这是 PDF 文件');

  const format = startsWith(content, ZIP) ? 'xlsx' : 'csv';
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const expected = XLSX_EXTENSIONS.has(extension)
    ? 'xlsx'
    : TEXT_EXTENSIONS.has(extension)
      ? 'csv'
      : null;
  const warnings =
    expected && expected !== format
      ? [issue('extension-mismatch', 0, null, { value: extension, other: format.toUpperCase() })]
      : [];
  return { format, warnings };
}
