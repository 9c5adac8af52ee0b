import type { LedgerBatch, RowError } from '../domain/ledger';

export interface ParseOptions {
  /** Original file name; its extension is only a hint, the content decides the format. */
  fileName: string;
  /**
   * Column layout to expect, one of `presetNames`.
   * @defaultValue 'default'
   */
  preset?: string;
  /**
   * ISO 4217 currency for rows that state none.
   * @defaultValue 'CNY'
   */
  defaultCurrency?: string;
  /**
   * IANA time zone given to debtors of presets that do not state one.
   * @defaultValue 'Asia/Shanghai'
   */
  defaultTimeZone?: string;
  /**
   * Extra headers of this export to skip on purpose (业务员, 部门…), on top of the
   * preset's own list. Any other header that the preset does not know is an error.
   * @defaultValue []
   */
  ignoreColumns?: string[];
}

/**
 * Text encodings the reader accepts. UTF-16 only appears for files with a byte order mark
 * (Excel's "Unicode text" export); XLSX files report null.
 */
export type SourceEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface ParseResult {
  preset: string;
  format: 'csv' | 'xlsx';
  encoding: SourceEncoding | null;
  /** Data rows read (blank rows and total rows excluded). */
  rows: number;
  /** Data rows without errors (an identical duplicate row counts as valid). */
  validRows: number;
  /**
   * Data rows with at least one error. File-level errors (see `isFileLevel`) count no row: an
   * empty file or a rejected header gives 0 here, 0 valid rows and an empty batch.
   */
  rejectedRows: number;
  /** Records built from valid rows only. */
  batch: LedgerBatch;
  /** For a financial-statements file: the file row of each of `batch.statements`. */
  statementRows?: number[];
  errors: RowError[];
  warnings: RowError[];
}

/** One cell as read from the file, before any column-specific parsing. */
export type Cell = string | number | boolean | Date | null;

export interface SourceRow {
  /** Row number as the spreadsheet user sees it (header = 1 unless blank or title rows). */
  row: number;
  cells: Cell[];
}

/** A sheet of cells: the header row and the data rows below it (blank rows dropped). */
export interface SourceTable {
  header: SourceRow;
  rows: SourceRow[];
  /** Workbook uses the 1904 date system (affects Excel serial numbers only). */
  date1904: boolean;
}
