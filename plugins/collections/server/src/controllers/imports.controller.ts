import fs from 'node:fs/promises';

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { validateLedgerBatch } from '../validation/ledger';
import { getService } from '../utils/services';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
}

const flag = (value: unknown): boolean => value === true || value === 'true' || value === '1';

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
    const report = await getService(strapi, 'importer').importFile(
      await fs.readFile(file.filepath),
      {
        fileName: file.originalFilename ?? 'upload',
        preset:
          typeof params.preset === 'string' && params.preset !== '' ? params.preset : undefined,
        dryRun: flag(params.dryRun),
        skipInvalid: flag(params.skipInvalid),
      },
    );
    if (report.errors.length > 0 && !report.written && !report.dryRun) {
      throw new errors.ValidationError(
        `${report.rejectedRows} row(s) rejected, nothing imported / ${report.rejectedRows} 行有误，未导入任何数据`,
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
    const counts = await getService(strapi, 'ledger').writeBatch(validated.batch, {
      dryRun: flag(ctx.request.query?.dryRun),
    });
    ctx.body = { data: { counts } };
  },
});

export default importsController;
