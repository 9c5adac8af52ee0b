import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { parseIsoDate } from '../domain/dates';
import { TemplateRenderError } from '../domain/render';
import { PreviewError } from '../services/templates.service';
import { getService } from '../utils/services';

const templatesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /collections/templates/:documentId/preview?debtor=CODE[&asOf=YYYY-MM-DD] */
  async preview(ctx: any) {
    const { debtor, asOf } = (ctx.request.query ?? {}) as Record<string, unknown>;
    if (typeof debtor !== 'string' || debtor.trim() === '') {
      throw new errors.ValidationError('give the debtor code as ?debtor= / 请提供客户编码');
    }
    if (asOf !== undefined) {
      try {
        parseIsoDate(String(asOf), 'asOf');
      } catch {
        throw new errors.ValidationError(
          'asOf must be a date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD',
        );
      }
    }
    try {
      const preview = await getService(strapi, 'templates').preview(
        String(ctx.params.documentId),
        debtor.trim(),
        asOf as string | undefined,
      );
      ctx.body = { data: preview };
    } catch (error) {
      if (error instanceof PreviewError) throw new errors.NotFoundError(error.message);
      if (error instanceof TemplateRenderError) throw new errors.ValidationError(error.message);
      throw error;
    }
  },
});

export default templatesController;
