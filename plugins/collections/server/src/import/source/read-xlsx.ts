import * as ExcelJS from 'exceljs';

import type { RowError } from '../../domain/ledger';
import { issue } from '../issues';
import type { Cell, SourceTable } from '../types';
import { toTable } from './read-csv';

type XlsxInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

/** Flattens exceljs values (rich text, formulas, hyperlinks, errors) to what the user sees. */
export function toCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return toCell(value.result);
  if ('error' in value) return value.error;
  if ('text' in value) return toCell(value.text as ExcelJS.CellValue);
  return null;
}

function sheetRows(sheet: ExcelJS.Worksheet): Cell[][] {
  const records: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(toCell(row.getCell(column).value));
    }
    records[rowNumber - 1] = cells;
  });
  return Array.from(records, (cells) => cells ?? []);
}

/**
 * Reads the first visible worksheet that has data; other sheets with data are reported as a
 * warning so nobody assumes they were imported.
 */
export async function readXlsx(
  content: Buffer,
): Promise<{ table: SourceTable | null; warnings: RowError[] } | { error: RowError }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as XlsxInput);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { error: issue('bad-xlsx', 0, null, { detail }) };
  }

  const date1904 = workbook.properties?.date1904 === true;
  const sheets = workbook.worksheets
    .filter((sheet) => sheet.state === 'visible' || sheet.state === undefined)
    .map((sheet) => ({ name: sheet.name, table: toTable(sheetRows(sheet), date1904) }))
    .filter((sheet) => sheet.table !== null);
  const [first, ...others] = sheets;

  const warnings = others.length
    ? [
        issue('extra-sheets', 0, null, {
          value: first?.name,
          list: others.map((s) => s.name).join(', '),
        }),
      ]
    : [];
  return { table: first?.table ?? null, warnings };
}
