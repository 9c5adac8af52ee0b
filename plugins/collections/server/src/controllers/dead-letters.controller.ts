import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';

import { DeadLetterError } from '../services/dead-letters.service';
import { getService } from '../utils/services';

const pageQuery = z
  .object({
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(500).optional(),
    status: z.enum(['failed', 'unconfirmed']).optional(),
  })
  .strict();

const retryBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
const confirmBody = z.object({ note: z.string().trim().min(1).max(500) }).strict();

/** Parses a query or body with zod, or refuses with the fields named. */
const parse = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  throw new errors.ValidationError(`${what} is invalid / 参数有误`, { errors: fields });
};

const refuse = (error: unknown): never => {
  if (error instanceof DeadLetterError) throw new errors.ValidationError(error.message);
  throw error;
};

/** The dead letters: failed and unconfirmed actions, for an operator to retry or confirm. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /collections/actions/:documentId/document: a letter's PDF or a hand-off's dossier. */
  async document(ctx: any) {
    try {
      const found = await getService(strapi, 'deadLetters').document(String(ctx.params.documentId));
      ctx.type = found.contentType;
      ctx.set('Content-Disposition', `attachment; filename="${found.filename}"`);
      ctx.body = found.content;
    } catch (error) {
      if (error instanceof DeadLetterError) throw new errors.NotFoundError(error.message);
      throw error;
    }
  },

  /** GET /collections/dead-letters?page=&pageSize= */
  async list(ctx: any) {
    ctx.body = await getService(strapi, 'deadLetters').list(parse(pageQuery, ctx.query, 'query'));
  },

  /** POST /collections/actions/:documentId/retry {note?} */
  async retry(ctx: any) {
    const { note } = parse(retryBody, ctx.request.body, 'body');
    try {
      const service = getService(strapi, 'deadLetters');
      ctx.body = { data: await service.retry(String(ctx.params.documentId), note ?? null) };
    } catch (error) {
      refuse(error);
    }
  },

  /** POST /collections/actions/:documentId/confirm-sent {note} */
  async confirmSent(ctx: any) {
    const { note } = parse(confirmBody, ctx.request.body, 'body');
    try {
      const service = getService(strapi, 'deadLetters');
      ctx.body = { data: await service.confirmSent(String(ctx.params.documentId), note) };
    } catch (error) {
      refuse(error);
    }
  },
});
