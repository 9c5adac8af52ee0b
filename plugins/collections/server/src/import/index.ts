/**
 * Receivables file import: a pure parsing layer that turns a CSV or XLSX export into a
 * LedgerBatch plus row-level errors and warnings. Nothing here touches the database.
 *
 * Unknown `preset`, `defaultCurrency` or `defaultTimeZone` values are programmer errors and
 * throw; every problem inside the file is returned in `errors` or `warnings` instead.
 *
 * Errors whose code is in FILE_LEVEL_CODES (`isFileLevel`) reject the file as a whole: the
 * header may sit below blank or title rows, so test the code, never the row number.
 */
export { FILE_LEVEL_CODES, isFileLevel } from './issues';
export { parseReceivablesFile } from './parse';
export { presetNames } from './presets';
export type { ParseOptions, ParseResult, SourceEncoding } from './types';
