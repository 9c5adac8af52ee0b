import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const POLICY_UID = 'api::policy.policy';

/**
 * Refuses to save the policy named `name` (from the CMS admin or the API alike) when `check`
 * rejects its config, with the check's message, which names the bad field. Other policies,
 * and saves that leave the config alone, pass untouched.
 */
export const guardPolicyOnSave = (
  strapi: Core.Strapi,
  name: string,
  check: (config: unknown, version: number | string) => void,
  isPolicyError: (error: unknown) => boolean,
): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== POLICY_UID || !['create', 'update'].includes(context.action)) {
      return next();
    }
    const params = context.params as {
      documentId?: string;
      data?: { name?: unknown; version?: unknown; config?: unknown };
    };
    const data = params.data ?? {};
    let stored = data.name;
    if (stored === undefined && params.documentId) {
      const found = await strapi
        .documents(POLICY_UID)
        .findOne({ documentId: params.documentId } as never);
      stored = (found as { name?: unknown } | null)?.name;
    }
    if (stored === name && data.config !== undefined) {
      // The admin's JSON field sends the edited config as text.
      let config: unknown = data.config;
      if (typeof config === 'string') {
        try {
          config = JSON.parse(config) as unknown;
          // Stored as the object it describes, not as a JSON string inside JSON.
          data.config = config;
        } catch {
          throw new errors.ValidationError('config is not valid JSON / 配置不是有效的 JSON');
        }
      }
      try {
        check(config, typeof data.version === 'number' ? data.version : '?');
      } catch (error) {
        if (isPolicyError(error)) throw new errors.ValidationError((error as Error).message);
        throw error;
      }
    }
    return next();
  });
};
