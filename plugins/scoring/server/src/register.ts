import type { Core } from '@strapi/strapi';
import { guardPolicyOnSave } from '@huikuan/plugin-collections/utils/policy-guard';

import { parsePolicy, POLICY_NAME, PolicyError } from './domain/policy';

/**
 * Refuses to save a `scoring` policy whose config the scoring would reject, from the CMS
 * admin or the API alike, naming the bad field; other policies pass untouched.
 */
const register = ({ strapi }: { strapi: Core.Strapi }): void => {
  guardPolicyOnSave(strapi, POLICY_NAME, parsePolicy, (error) => error instanceof PolicyError);
};

export default register;
