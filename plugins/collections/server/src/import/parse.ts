import { IANAZone } from 'luxon';

import { emptyBatch, type RowError } from '../domain/ledger';
import { findHeader, mapColumns, type ColumnMap } from './columns';
import { CrossRowChecks } from './cross-row';
import { isFileLevel, issue, IssueLog } from './issues';
import { LedgerBuilder } from './ledger-builder';
import { getPreset } from './presets';
import type { Preset, PresetContext, RowResult } from './presets/types';
import { RowReader } from './row-reader';
import { decodeText } from './source/decode';
import { readCsv } from './source/read-csv';
import { readXlsx } from './source/read-xlsx';
import { sniffFormat } from './source/sniff';
import { readStatementRows, STATEMENT_LAYOUT, STATEMENTS_PRESET } from './statements';
import type { ParseOptions, ParseResult, SourceEncoding, SourceRow, SourceTable } from './types';
import { resolveCurrency } from './values/currency';
import { cellText, isBlank, isTotalLabel } from './values/text';

interface Loaded {
  format: 'csv' | 'xlsx';
  encoding: SourceEncoding | null;
  table: SourceTable | null;
}

/** Option mistakes are programmer errors, unlike anything wrong inside the file. */
function resolveContext(options: ParseOptions): PresetContext {
  const defaultCurrency = resolveCurrency(options.defaultCurrency ?? 'CNY');
  if (!defaultCurrency) throw new Error(`Unknown defaultCurrency '${options.defaultCurrency}'`);
  const defaultTimeZone = options.defaultTimeZone ?? 'Asia/Shanghai';
  if (!IANAZone.isValidZone(defaultTimeZone)) {
    throw new Error(`Unknown defaultTimeZone '${defaultTimeZone}'`);
  }
  return { defaultCurrency, defaultTimeZone };
}

/** Sniffs, decodes and reads the file; on failure the table is null and the error is logged. */
async function load(content: Buffer, fileName: string, log: IssueLog): Promise<Loaded> {
  const sniffed = sniffFormat(content, fileName);
  const failed = (error: RowError, format: Loaded['format'] = 'csv'): Loaded => {
    log.errors.push(error);
    return { format, encoding: null, table: null };
  };
  if (content.length === 0) return failed(issue('empty-file', 0, null));
  if (sniffed.format === null) return failed(sniffed.error);
  log.warnings.push(...sniffed.warnings);

  if (sniffed.format === 'xlsx') {
    const read = await readXlsx(content);
    if ('error' in read) return failed(read.error, 'xlsx');
    log.warnings.push(...read.warnings);
    return { format: 'xlsx', encoding: null, table: read.table };
  }

  const decoded = decodeText(content);
  if (!decoded.ok) return failed(decoded.error);
  log.warnings.push(...decoded.warnings);
  const read = readCsv(decoded.text);
  if ('error' in read) return failed(read.error);
  return { format: 'csv', encoding: decoded.encoding, table: read.table };
}

/** ERP exports often end with a "合计" line: no invoice number, a total label somewhere. */
function isTotalRow(row: SourceRow, columns: ColumnMap, preset: Preset): boolean {
  const invoice = columns.byField.get(preset.keyFields.invoiceNumber);
  if (invoice && !isBlank(row.cells[invoice.index] ?? null)) return false;
  return row.cells.some((cell) => typeof cell === 'string' && isTotalLabel(cell));
}

function checkWidth(reader: RowReader, width: number): void {
  const cells = reader.source.cells;
  const used = cells.reduce<number>((last, cell, index) => (isBlank(cell) ? last : index + 1), 0);
  if (used <= width) return;
  reader.error('too-many-cells', null, { value: String(used), other: String(width) });
}

interface RowOutcome extends RowResult {
  reader: RowReader;
}

function readRows(
  table: SourceTable,
  columns: ColumnMap,
  preset: Preset,
  context: PresetContext,
  log: IssueLog,
) {
  const outcomes: RowOutcome[] = [];
  for (const row of table.rows) {
    if (isTotalRow(row, columns, preset)) {
      const label = row.cells.map(cellText).find(isTotalLabel) ?? '';
      log.warn('total-row', row.row, null, { value: label });
      continue;
    }
    const reader = new RowReader(row, columns, table.date1904);
    checkWidth(reader, columns.width);
    outcomes.push({ reader, ...preset.readRow(reader, context) });
  }
  return outcomes;
}

/** Applies the cross-row rules in file order and builds the batch from the valid rows. */
function assemble(outcomes: RowOutcome[], preset: Preset, log: IssueLog) {
  const checks = new CrossRowChecks(preset);
  const builder = new LedgerBuilder(preset);
  let validRows = 0;
  for (const { reader, keys, draft } of outcomes) {
    const repeated = checks.check(reader, keys);
    if (reader.errors.length === 0) validRows += 1;
    if (!repeated && draft && reader.errors.length === 0) {
      builder.add(reader, draft, keys.debtorName !== null);
    }
    log.errors.push(...reader.errors);
    log.warnings.push(...reader.warnings);
  }
  return { batch: builder.build(), validRows };
}

/** Data rows with at least one error; problems of the whole file count no row. */
const rejectedRowCount = (errors: RowError[]): number =>
  new Set(errors.filter((error) => !isFileLevel(error)).map((error) => error.row)).size;

/**
 * Reads a receivables export (CSV in UTF-8/GBK/GB18030/UTF-16, or XLSX) with a preset's
 * column layout. Problems in the file are returned as errors and warnings, never thrown;
 * an unknown preset, currency or time zone in `options` throws.
 */
export async function parseReceivablesFile(
  content: Buffer,
  options: ParseOptions,
): Promise<ParseResult> {
  const statements = options.preset === STATEMENTS_PRESET;
  const preset = statements ? null : getPreset(options.preset ?? 'default');
  const context = resolveContext(options);
  const log = new IssueLog();
  const loaded = await load(content, options.fileName, log);
  const result = (rows = 0, validRows = 0, batch = emptyBatch()): ParseResult => ({
    preset: preset?.name ?? STATEMENTS_PRESET,
    format: loaded.format,
    encoding: loaded.encoding,
    rows,
    validRows,
    rejectedRows: rejectedRowCount(log.errors),
    batch,
    errors: log.errors,
    warnings: log.warnings,
  });

  if (!loaded.table) {
    if (log.errors.length === 0) log.error('empty-file', 0, null);
    return result();
  }

  const base = preset?.layout ?? STATEMENT_LAYOUT;
  const layout = { ...base, ignored: [...(base.ignored ?? []), ...(options.ignoreColumns ?? [])] };
  const { table, found } = findHeader(loaded.table, layout, log);
  const columns = mapColumns(table, layout, log, found);
  if (log.errors.length > 0) return result(table.rows.length);
  if (table.rows.length === 0) log.warn('no-data-rows', 0, null);

  if (!preset) {
    const read = readStatementRows(table, columns, context, log, loaded.format);
    return { ...result(read.rows, read.validRows, read.batch), statementRows: read.statementRows };
  }
  const outcomes = readRows(table, columns, preset, context, log);
  const { batch, validRows } = assemble(outcomes, preset, log);
  return result(outcomes.length, validRows, batch);
}
