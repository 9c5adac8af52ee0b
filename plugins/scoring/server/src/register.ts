import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { parsePolicy, POLICY_NAME, PolicyError } from './domain/policy';

const POLICY_UID = 'api::policy.policy';

/**
 * Refuses to save a `scoring` policy whose config the scoring would reject, from the CMS
 * admin or the API alike, naming the bad field; other policies pass untouched.
 */
const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== POLICY_UID || !['create', 'update'].includes(context.action)) {
      return next();
    }
    const params = context.params as {
      documentId?: string;
      data?: { name?: unknown; version?: unknown; config?: unknown };
    };
    const data = params.data ?? {};
    let name = data.name;
    if (name === undefined && params.documentId) {
      const stored = await strapi
        .documents(POLICY_UID)
        .findOne({ documentId: params.documentId } as never);
      name = (stored as { name?: unknown } | null)?.name;
    }
    if (name === POLICY_NAME && data.config !== undefined) {
      try {
        parsePolicy(data.config, typeof data.version === 'number' ? data.version : '?');
      } catch (error) {
        if (error instanceof PolicyError) throw new errors.ValidationError(error.message);
        throw error;
      }
    }
    return next();
  });
};

export default register;
