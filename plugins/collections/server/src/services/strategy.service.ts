import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import {
  DEFAULT_STRATEGY_POLICY,
  parseStrategyPolicy,
  STRATEGY_POLICY_NAME,
  type StrategyPolicy,
} from '../domain/strategy-policy';
import { logEvent } from '../utils/log';

const POLICY_UID = 'api::policy.policy';
const STRATEGY_UID = 'api::strategy.strategy';
const AGENCY_UID = 'api::agency.agency';

export interface LoadedStrategyPolicy {
  version: number;
  hash: string;
  policy: StrategyPolicy;
}

/** A flow file as it was deployed, stored once per content hash. */
export interface StrategyVersion {
  name: string;
  version: number;
  hash: string;
}

interface StoredStrategy {
  documentId: string;
  name: string;
  version: number;
  flowHash: string | null;
  active: boolean | null;
}

/** The strategy policy, the versions of the deployed flows and the agencies a flow may use. */
const strategyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Publishes the shipped collection-strategy policy as version 1 when there is none. */
  async seedPolicy(): Promise<boolean> {
    const existing = await strapi
      .documents(POLICY_UID)
      .findFirst({ filters: { name: STRATEGY_POLICY_NAME } } as never);
    if (existing) return false;
    await strapi.documents(POLICY_UID).create({
      data: {
        name: STRATEGY_POLICY_NAME,
        version: 1,
        description:
          '分期/展期上限、承诺还款宽限期与各渠道单位成本 / Offer limits, promise grace days and unit costs per channel',
        config: DEFAULT_STRATEGY_POLICY,
      },
      status: 'published',
    } as never);
    logEvent(strapi, 'info', 'strategy.policy.seeded', { name: STRATEGY_POLICY_NAME, version: 1 });
    return true;
  },

  /** The published collection-strategy policy with the highest version; refused if invalid. */
  async currentPolicy(): Promise<LoadedStrategyPolicy> {
    const found = (await strapi.documents(POLICY_UID).findFirst({
      filters: { name: STRATEGY_POLICY_NAME },
      sort: 'version:desc',
      status: 'published',
    } as never)) as unknown as { version: number; config: unknown } | null;
    if (!found) {
      throw new Error(
        `no published '${STRATEGY_POLICY_NAME}' policy: publish one in the CMS (Policy 策略参数) / 未发布催收策略参数`,
      );
    }
    const policy = parseStrategyPolicy(found.config, found.version);
    const hash = createHash('sha256').update(JSON.stringify(found.config)).digest('hex');
    return { version: found.version, hash, policy };
  },

  /**
   * Stores the flow file as a new version of its strategy (named after the file) unless a
   * version with the same content hash exists; marks it the active one. Returns the version.
   */
  async recordFlowVersion(flowFile: string, hash: string): Promise<StrategyVersion> {
    const name = path.basename(flowFile).replace(/\.json$/i, '');
    const documents = strapi.documents(STRATEGY_UID);
    const versions = (await documents.findMany({
      filters: { name },
      sort: 'version:desc',
      status: 'published',
      limit: 1000,
    } as never)) as unknown as StoredStrategy[];
    let current = versions.find((stored) => stored.flowHash === hash);
    if (!current) {
      const flow = JSON.parse(fs.readFileSync(flowFile, 'utf8')) as unknown;
      const version = (versions[0]?.version ?? 0) + 1;
      current = (await documents.create({
        data: {
          name,
          version,
          flowFile: path.relative(process.cwd(), flowFile) || flowFile,
          flowHash: hash,
          flow,
          active: true,
          description: `部署于 / deployed ${new Date().toISOString()}`,
        },
        status: 'published',
      } as never)) as unknown as StoredStrategy;
      logEvent(strapi, 'info', 'strategy.version.recorded', { name, version, hash });
    }
    for (const stored of versions) {
      const active = stored.documentId === current.documentId;
      if (Boolean(stored.active) !== active) {
        await documents.update({
          documentId: stored.documentId,
          data: { active },
          status: 'published',
        } as never);
      }
    }
    if (!current.active) {
      await documents.update({
        documentId: current.documentId,
        data: { active: true },
        status: 'published',
      } as never);
    }
    return { name, version: current.version, hash };
  },

  /** Active agencies, by code. */
  async listAgencies(): Promise<Array<{ code: string; name: string }>> {
    const rows = (await strapi.documents(AGENCY_UID).findMany({
      filters: { active: true },
      sort: 'code:asc',
      limit: 1000,
    } as never)) as unknown as Array<{ code: string; name: string }>;
    return rows.map((row) => ({ code: row.code, name: row.name }));
  },
});

export default strategyService;
