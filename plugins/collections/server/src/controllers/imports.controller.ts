import fs from 'node:fs/promises';

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import {
  LedgerConflictError,
  LedgerIntegrityError,
  LedgerReferenceError,
} from '../repositories/ledger-store';
import { createPortfolioStore } from '../repositories/portfolio-store';
import { UnknownPresetError } from '../services/importer.service';
import type { LedgerBatch } from '../domain/ledger';
import { validateLedgerBatch } from '../validation/ledger';
import { getService } from '../utils/services';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
}

/** Turns what the caller got wrong into a 400 with details; anything else stays a 500. */
const asValidationError = (error: unknown): never => {
  if (error instanceof UnknownPresetError || error instanceof LedgerReferenceError) {
    throw new errors.ValidationError(error.message);
  }
  if (error instanceof LedgerIntegrityError) {
    throw new errors.ValidationError(error.message, { problems: error.problems });
  }
  if (error instanceof LedgerConflictError) {
    throw new errors.ValidationError(error.message, { conflicts: error.conflicts });
  }
  throw error;
};

/** `a,b` or repeated parameters: a list of non-empty names. */
const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : []))
    .map((item) => item.trim())
    .filter((item) => item !== '');

const flag = (value: unknown): boolean => value === true || value === 'true' || value === '1';

/** The debtors a batch brings events for: payments, credit notes, contacts, invoice changes. */
const reevaluateFor = async (strapi: Core.Strapi, batch: LedgerBatch) => {
  const codes = new Set<string>();
  for (const key of ['payments', 'creditNotes', 'activities', 'invoices']) {
    const records = (batch as unknown as Record<string, unknown>)[key];
    if (!Array.isArray(records)) continue;
    for (const record of records) {
      const code = (record as { debtorCode?: unknown }).debtorCode;
      if (typeof code === 'string') codes.add(code);
    }
  }
  if (codes.size === 0) return null;
  const debtors = await createPortfolioStore(strapi).loadDebtors(strapi.db.connection);
  const ids = [...debtors.values()].filter((d) => codes.has(d.code)).map((d) => d.id);
  return getService(strapi, 'cycle').reevaluate(ids);
};

const importsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /collections/imports: a CSV or XLSX export as multipart field `file`. */
  async create(ctx: any) {
    const files = ctx.request.files as Record<string, UploadedFile | UploadedFile[]> | undefined;
    const upload = files?.file;
    const file = Array.isArray(upload) ? upload[0] : upload;
    if (!file)
      throw new errors.ValidationError(
        'send the export as multipart form field "file" / 请以 file 字段上传文件',
      );

    const params = { ...(ctx.request.query ?? {}), ...(ctx.request.body ?? {}) };
    const preset = Array.isArray(params.preset) ? params.preset.at(-1) : params.preset;
    const report = await getService(strapi, 'importer')
      .importFile(await fs.readFile(file.filepath), {
        fileName: file.originalFilename ?? 'upload',
        preset: typeof preset === 'string' && preset !== '' ? preset : undefined,
        dryRun: flag(params.dryRun),
        skipInvalid: flag(params.skipInvalid),
        ignoreColumns: listOf(params.ignoreColumns),
      })
      .catch(asValidationError);
    if (report.errors.length > 0 && !report.written) {
      const what = report.dryRun ? 'dry run' : 'nothing imported';
      throw new errors.ValidationError(
        `${report.rejectedRows} row(s) rejected, ${what} / ${report.rejectedRows} 行有误，未导入任何数据`,
        { report },
      );
    }
    ctx.body = { data: report };
  },

  /** POST /collections/ledger: a JSON ledger batch from another system. */
  async ledger(ctx: any) {
    const validated = validateLedgerBatch(ctx.request.body?.data);
    if ('errors' in validated) {
      throw new errors.ValidationError(
        'the ledger batch is invalid, nothing imported / 数据有误，未导入',
        {
          errors: validated.errors,
        },
      );
    }
    const dryRun = flag(ctx.request.query?.dryRun);
    const counts = await getService(strapi, 'ledger')
      .writeBatch(validated.batch, { dryRun })
      .catch(asValidationError);
    // A payment, promise, reply or dispute is an event: the debtor's strategy runs again now.
    const skip = ctx.request.query?.reevaluate === 'false' || ctx.request.query?.reevaluate === '0';
    const reevaluated = dryRun || skip ? null : await reevaluateFor(strapi, validated.batch);
    ctx.body = { data: { counts, reevaluated } };
  },
});

export default importsController;
