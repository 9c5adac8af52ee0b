import type { RowError } from '../../domain/ledger';
import { parseReceivablesFile, type ParseOptions, type ParseResult } from '../index';

/** Joins rows into CSV text, quoting cells that need it. */
export function csvText(rows: Array<Array<string | number>>, delimiter = ','): string {
  const quote = (cell: string | number): string => {
    const text = String(cell);
    return /[",\n\t;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export const utf8 = (rows: Array<Array<string | number>>): Buffer => Buffer.from(csvText(rows));

export function parse(content: Buffer, options: Partial<ParseOptions> = {}): Promise<ParseResult> {
  return parseReceivablesFile(content, { fileName: 'receivables.csv', ...options });
}

/** The single issue with this code, failing the test with every issue listed otherwise. */
export function only(issues: RowError[], code: string): RowError {
  const found = issues.filter((issue) => issue.code === code);
  if (found.length !== 1) {
    throw new Error(`expected one '${code}', got:\n${JSON.stringify(issues, null, 2)}`);
  }
  return found[0] as RowError;
}

export const invoiceNumbers = (result: ParseResult): string[] =>
  result.batch.invoices.map((invoice) => invoice.number);
