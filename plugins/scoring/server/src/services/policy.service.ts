import { createHash } from 'node:crypto';

import type { Core } from '@strapi/strapi';
import { logEvent } from '@huikuan/plugin-collections/utils/log';

import { DEFAULT_POLICY, parsePolicy, POLICY_NAME, type ScoringPolicy } from '../domain/policy';

const POLICY_UID = 'api::policy.policy';

export interface LoadedPolicy {
  version: number;
  /** sha256 of the config: tells two edits of one version apart in the snapshots. */
  hash: string;
  policy: ScoringPolicy;
}

interface StoredPolicy {
  documentId: string;
  name: string;
  version: number;
  config: unknown;
}

const policyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Publishes the shipped scoring policy as version 1 when no scoring policy exists yet. */
  async seedDefault(): Promise<boolean> {
    const existing = await strapi
      .documents(POLICY_UID)
      .findFirst({ filters: { name: POLICY_NAME } } as never);
    if (existing) return false;
    await strapi.documents(POLICY_UID).create({
      data: {
        name: POLICY_NAME,
        version: 1,
        description:
          '评分阈值、权重与逾期原因规则 / Scoring thresholds, weights and overdue-reason rules',
        config: DEFAULT_POLICY,
      },
      status: 'published',
    } as never);
    logEvent(strapi, 'info', 'scoring.policy.seeded', { name: POLICY_NAME, version: 1 });
    return true;
  },

  /** The published scoring policy with the highest version; an invalid one is refused by path. */
  async current(): Promise<LoadedPolicy> {
    const found = (await strapi.documents(POLICY_UID).findFirst({
      filters: { name: POLICY_NAME },
      sort: 'version:desc',
      status: 'published',
    } as never)) as unknown as StoredPolicy | null;
    if (!found) {
      throw new Error(
        `no published '${POLICY_NAME}' policy: publish one in the CMS (Policy 策略参数) / 未发布评分策略`,
      );
    }
    const policy = parsePolicy(found.config, found.version);
    const hash = createHash('sha256').update(JSON.stringify(found.config)).digest('hex');
    return { version: found.version, hash, policy };
  },
});

export default policyService;
