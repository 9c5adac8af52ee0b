import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { referralProblems } from './referral';

const REFERRAL_UID = 'api::referral.referral';

type Values = Record<string, unknown>;

/**
 * Refuses a referral save that `referralProblems` finds wrong, from the Strapi admin, the
 * react-admin app or `PUT /api/referrals/:documentId` alike: a ValidationError (400) whose
 * details name each field. The dispatcher's own create passes, as it sets every field itself.
 */
export const guardReferralOnSave = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== REFERRAL_UID || !['create', 'update'].includes(context.action)) {
      return next();
    }
    const params = context.params as { documentId?: string; data?: Values };
    const data = params.data ?? {};

    let stored: Values | null = null;
    if (context.action === 'update' && params.documentId) {
      stored = (await strapi
        .documents(REFERRAL_UID as never)
        .findOne({ documentId: params.documentId } as never)) as Values | null;
    }

    const problems = referralProblems(stored, data);
    if (problems.length > 0) {
      throw new errors.ValidationError(problems.map((problem) => problem.message).join('; '), {
        // The Strapi admin reads paths as arrays, as its own validators send them.
        errors: problems.map((problem) => ({ path: [problem.path], message: problem.message })),
      });
    }
    return next();
  });
};
