import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { HELPERS } from './domain/render';
import {
  parseStrategyPolicy,
  STRATEGY_POLICY_NAME,
  StrategyPolicyError,
} from './domain/strategy-policy';
import { unknownVariables } from './domain/template-variables';
import { guardPolicyOnSave } from './utils/policy-guard';
import { getService } from './utils/services';

const TEMPLATE_UID = 'api::template.template';

/** Why a template's text cannot be saved, or null when it can. */
const templateProblem = (part: string, source: unknown): string | null => {
  if (typeof source !== 'string' || source === '') return null;
  try {
    const unknown = unknownVariables(source, HELPERS);
    if (unknown.length === 0) return null;
    return (
      `${part} uses unknown variable(s) ${unknown.join(', ')} / ` +
      `${part === 'subject' ? '主题' : '正文'}引用了不存在的变量 ${unknown.join('、')}`
    );
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    return `${part} does not compile: ${first} / 模板语法错误`;
  }
};

/**
 * Template authors save copy in the CMS: a subject or body that names a variable the
 * message context does not have (a typo such as debtor.nmae) is refused on save, with the
 * variable named, instead of failing when the message is sent.
 */
const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== TEMPLATE_UID || !['create', 'update'].includes(context.action)) {
      return next();
    }
    const data = (context.params as { data?: Record<string, unknown> }).data ?? {};
    const problems = [
      templateProblem('subject', data.subject),
      templateProblem('body', data.body),
    ].filter((problem): problem is string => problem !== null);
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

  // A collection-strategy policy the runs would reject is refused when saved, naming the field.
  guardPolicyOnSave(
    strapi,
    STRATEGY_POLICY_NAME,
    parseStrategyPolicy,
    (error) => error instanceof StrategyPolicyError,
  );
};

export default register;
