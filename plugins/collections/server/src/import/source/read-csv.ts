import { CsvError, parse } from 'csv-parse/sync';

import type { RowError } from '../../domain/ledger';
import { issue } from '../issues';
import type { Cell, SourceRow, SourceTable } from '../types';
import { isBlank } from '../values/text';

const DELIMITERS = [',', '\t', ';'] as const;

const countOf = (line: string, char: string): number => line.split(char).length - 1;

/** Picks comma, tab or semicolon, whichever the header line uses most (comma on a tie). */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best: string = ',';
  for (const delimiter of DELIMITERS) {
    if (countOf(firstLine, delimiter) > countOf(firstLine, best)) best = delimiter;
  }
  return best;
}

/** Splits records into the header (first non-blank record) and the non-blank rows after it. */
export function toTable(records: Cell[][], date1904 = false): SourceTable | null {
  const rows: SourceRow[] = records
    .map((cells, index) => ({ row: index + 1, cells }))
    .filter((row) => !row.cells.every(isBlank));
  const [header, ...data] = rows;
  return header ? { header, rows: data, date1904 } : null;
}

/** Parses decoded CSV text; a structural problem (unclosed quote) is one file-level error. */
export function readCsv(text: string): { table: SourceTable | null } | { error: RowError } {
  try {
    const records: string[][] = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return { table: toTable(records) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { error: issue('bad-csv', 0, null, { detail: error.message }) };
  }
}
