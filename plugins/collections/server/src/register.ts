import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import {
  parseStrategyPolicy,
  STRATEGY_POLICY_NAME,
  StrategyPolicyError,
} from './domain/strategy-policy';
import { checkTemplate } from './domain/template-variables';
import { guardPolicyOnSave } from './utils/policy-guard';
import { getService } from './utils/services';
import { guardReferralOnSave } from './validation/referral-guard';

const TEMPLATE_UID = 'api::template.template';
const PART_ZH: Record<string, string> = { subject: '主题', body: '正文' };

/** Why a template's text cannot be saved (zh-CN / en, the part named), or [] when it can. */
const templateProblems = (part: string, source: unknown): string[] => {
  if (typeof source !== 'string' || source === '') return [];
  const zh = PART_ZH[part] ?? part;
  try {
    const { unknown, problems } = checkTemplate(source);
    const unknownText =
      unknown.length === 0
        ? []
        : [
            `${zh}引用了不存在的变量 ${unknown.join('、')} / ` +
              `${part} uses unknown variable(s) ${unknown.join(', ')}`,
          ];
    return [
      ...unknownText,
      ...problems.map((problem) => `${zh}：${problem.zh} / ${part}: ${problem.en}`),
    ];
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    return [`${zh}模板语法错误 / ${part} does not compile: ${first}`];
  }
};

/**
 * Template authors save copy in the CMS: a subject or body that names a variable the
 * message context does not have (a typo such as debtor.nmae), calls a helper wrongly, uses a
 * partial or prints a whole object is refused on save, with the part and the reason named,
 * instead of failing (or printing [object Object]) when the message is sent.
 */
const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== TEMPLATE_UID || !['create', 'update'].includes(context.action)) {
      return next();
    }
    const data = (context.params as { data?: Record<string, unknown> }).data ?? {};
    const problems = [
      ...templateProblems('subject', data.subject),
      ...templateProblems('body', data.body),
    ];
    if (problems.length > 0) throw new errors.ValidationError(problems.join('; '));
    return next();
  });

  // A referral that ended (recovered, returned, closed) gives its case back to the strategy.
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (context.uid === 'api::referral.referral' && context.action === 'update') {
      const documentId = (context.params as { documentId?: string }).documentId;
      if (documentId) await getService(strapi, 'deadLetters').releaseEndedReferral(documentId);
    }
    return result;
  });

  // A referral's hand-off facts are fixed, and its amounts and dates must make sense.
  guardReferralOnSave(strapi);

  // A collection-strategy policy the runs would reject is refused when saved, naming the field.
  guardPolicyOnSave(
    strapi,
    STRATEGY_POLICY_NAME,
    parseStrategyPolicy,
    (error) => error instanceof StrategyPolicyError,
  );
};

export default register;
