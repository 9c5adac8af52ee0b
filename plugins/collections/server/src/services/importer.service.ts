import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';

import type { LedgerBatch, RowError } from '../domain/ledger';
import { issue } from '../import/issues';
import { chunks, modelTable } from '../utils/model';
import { isFileLevel, parseReceivablesFile, presetNames } from '../import';
import type { LedgerCounts } from '../repositories/ledger-store';
import {
  LedgerConflictError,
  LedgerIntegrityError,
  LedgerReferenceError,
} from '../repositories/ledger-store';
import { logEvent } from '../utils/log';
import { getService } from '../utils/services';

export interface ImportOptions {
  fileName: string;
  preset?: string;
  dryRun?: boolean;
  /** Import the valid rows of a file that has invalid ones (otherwise nothing is written). */
  skipInvalid?: boolean;
  /** Headers of this export to skip on purpose (业务员, 部门…). */
  ignoreColumns?: string[];
}

export interface ImportReport {
  file: string;
  preset: string;
  format: string;
  encoding: string | null;
  rows: number;
  validRows: number;
  rejectedRows: number;
  errors: RowError[];
  warnings: RowError[];
  /** Whether anything was written: false for a dry run or a rejected file. */
  written: boolean;
  dryRun: boolean;
  counts: LedgerCounts | null;
}

/** The import names a preset that does not exist. */
export class UnknownPresetError extends Error {
  override name = 'UnknownPresetError';
}

/** Statements must belong to debtors already in the ledger: name each row that does not. */
const unknownDebtorRows = async (strapi: Core.Strapi, batch: LedgerBatch, rows: number[]) => {
  const debtor = modelTable(strapi, 'api::debtor.debtor');
  const known = new Set<string>();
  const codes = [...new Set(batch.statements.map((statement) => statement.debtorCode))];
  for (const part of chunks(codes, 500)) {
    const found = await strapi.db
      .connection(debtor.table)
      .whereIn(debtor.column('code'), part)
      .select({ code: debtor.column('code') });
    for (const row of found) known.add(String(row.code));
  }
  const errors: RowError[] = [];
  const bad = new Set<number>();
  batch.statements.forEach((statement, index) => {
    if (known.has(statement.debtorCode)) return;
    const row = rows[index] ?? 0;
    bad.add(row);
    errors.push(issue('unknown-debtor', row, '客户编码', { value: statement.debtorCode }));
  });
  return { errors, rows: bad };
};

const importerService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Parses and validates a whole file first; writes nothing unless every row is
   * valid or `skipInvalid` is set; then writes the valid rows in one transaction.
   */
  async importFile(content: Buffer, options: ImportOptions): Promise<ImportReport> {
    const config = loadConfig();
    if (options.preset !== undefined && !presetNames.includes(options.preset)) {
      throw new UnknownPresetError(
        `unknown preset '${options.preset}': use one of ${presetNames.join(', ')} / 未知的导入模板`,
      );
    }
    const parsed = await parseReceivablesFile(content, {
      fileName: options.fileName,
      preset: options.preset,
      defaultCurrency: config.defaultCurrency,
      defaultTimeZone: config.defaultTimeZone,
      ignoreColumns: options.ignoreColumns,
    });
    if (parsed.statementRows) {
      const unknown = await unknownDebtorRows(strapi, parsed.batch, parsed.statementRows);
      const rows = parsed.statementRows;
      parsed.batch.statements = parsed.batch.statements.filter(
        (_, index) => !unknown.rows.has(rows[index] ?? -1),
      );
      parsed.errors.push(...unknown.errors);
      parsed.validRows -= unknown.rows.size;
      parsed.rejectedRows += unknown.rows.size;
    }
    const report: ImportReport = {
      file: options.fileName,
      preset: parsed.preset,
      format: parsed.format,
      encoding: parsed.encoding,
      rows: parsed.rows,
      validRows: parsed.validRows,
      rejectedRows: parsed.rejectedRows,
      errors: parsed.errors,
      warnings: parsed.warnings,
      written: false,
      dryRun: Boolean(options.dryRun),
      counts: null,
    };
    const blocked = parsed.errors.length > 0 && !options.skipInvalid;
    // A file whose header or encoding was rejected is never imported "in part".
    const fileLevel = parsed.errors.some(isFileLevel) || parsed.validRows === 0;
    if (blocked || fileLevel) {
      logEvent(strapi, 'warn', 'import.rejected', {
        file: options.fileName,
        errors: parsed.errors.length,
      });
      return report;
    }

    try {
      report.counts = await getService(strapi, 'ledger').writeBatch(parsed.batch, {
        dryRun: options.dryRun,
      });
    } catch (error) {
      if (error instanceof LedgerConflictError) {
        report.errors.push(
          ...error.conflicts.map((conflict) => ({
            row: 0,
            column: conflict.attribute,
            code: 'ledger-conflict',
            message:
              `${conflict.entity} '${conflict.key}' already belongs to another ${conflict.attribute} in the ledger` +
              ' / 该记录在账中已属于其他对象',
            value: conflict.key,
          })),
        );
        return report;
      }
      if (error instanceof LedgerIntegrityError) {
        report.errors.push(
          ...error.problems.map((problem) => ({
            row: 0,
            column: null,
            code: 'ledger-integrity',
            message: problem.message,
            value: problem.key,
          })),
        );
        return report;
      }
      if (error instanceof LedgerReferenceError) {
        report.errors.push({
          row: 0,
          column: null,
          code: 'unknown-reference',
          message: error.message,
          value: null,
        });
        return report;
      }
      throw error;
    }
    report.written = !options.dryRun;
    logEvent(strapi, 'info', 'import.done', {
      file: options.fileName,
      preset: parsed.preset,
      rows: parsed.rows,
      written: report.written,
      counts: report.counts,
    });
    return report;
  },
});

export default importerService;
