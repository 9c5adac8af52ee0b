/**
 * Receivables file import: a pure parsing layer that turns a CSV or XLSX export into a
 * LedgerBatch plus row-level errors and warnings. Nothing here touches the database.
 *
 * Unknown `preset`, `defaultCurrency` or `defaultTimeZone` values are programmer errors and
 * throw; every problem inside the file is returned in `errors` or `warnings` instead.
 */
export { parseReceivablesFile } from './parse';
export { presetNames } from './presets';
export type { ParseOptions, ParseResult, SourceEncoding } from './types';
