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
import { daysBetween, todayIn } from '../domain/dates';
import { positionsAsOf } from '../domain/positions';
import {
  compareBranches,
  type BranchCase,
  type ExperimentReport,
} from '../domain/strategy-analytics';
import { createPortfolioStore } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { getService } from '../utils/services';
import { chunks, fromDbTime, modelTable } from '../utils/model';
import { loadConfig } from '@huikuan/config';

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

/** A strategy asked for by name that is not in the strategies folder. */
export class UnknownFlowError extends Error {
  override name = 'UnknownFlowError';
}

/** An experiment asked for by name that no split of the flow or stored case has. */
export class UnknownExperimentError extends Error {
  override name = 'UnknownExperimentError';
}

/** A strategy name: a file name in the strategies folder, without `.json`. */
const FLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The strategies folder: the folder of the deployed flow file. */
const strategiesDir = (): string => path.dirname(loadConfig().flows.flowFile);

const strategyNames = (): string[] =>
  fs.existsSync(strategiesDir())
    ? fs
        .readdirSync(strategiesDir())
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.replace(/\.json$/, ''))
        .sort()
    : [];

/** The experiment names of the hk-split nodes in the deployed flow file. */
const flowExperiments = (): string[] => {
  try {
    const nodes = JSON.parse(fs.readFileSync(loadConfig().flows.flowFile, 'utf8')) as unknown;
    if (!Array.isArray(nodes)) return [];
    return nodes
      .filter((node) => node?.type === 'hk-split' && typeof node.experiment === 'string')
      .map((node) => String(node.experiment).trim());
  } catch {
    return [];
  }
};

/** The strategy policy, the versions of the deployed flows and the agencies a flow may use. */
const strategyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The file of a strategy by name (`dpd-ladder`: flows/strategies/dpd-ladder.json, next to the
   * deployed flow). Names only: never a path a caller chose.
   */
  flowFileNamed(name: unknown): string {
    const file =
      typeof name === 'string' && FLOW_NAME.test(name)
        ? path.join(strategiesDir(), `${name}.json`)
        : null;
    if (file !== null && fs.existsSync(file)) return file;
    throw new UnknownFlowError(
      `未知策略 / unknown strategy '${String(name)}': the strategies are ` +
        `${strategyNames().join(', ') || 'none'}`,
    );
  },

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
          description: `首次用于运行 / first run with this content: ${new Date().toISOString()}`,
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

  /**
   * Champion/challenger in live use: for every case a split assigned, what was overdue on the
   * day of assignment, what of it was paid by `asOf`, how fast, and what the actions after the
   * assignment cost; then per experiment and branch the rates and their significance tests.
   */
  async compareExperiments(
    options: { asOf?: string; experiment?: string } = {},
  ): Promise<{ asOf: string; experiments: ExperimentReport[] }> {
    const config = loadConfig();
    const asOf = options.asOf ?? todayIn(config.defaultTimeZone);
    const db = strapi.db.connection;
    const { policy } = await getService(strapi, 'strategy').currentPolicy();
    const cases = modelTable(strapi, 'api::collection-case.collection-case');
    const caseDebtor = cases.link('debtor');
    const rows = (await db(cases.table)
      .join(caseDebtor.table, `${cases.table}.id`, `${caseDebtor.table}.${caseDebtor.ownerColumn}`)
      .whereNotNull(`${cases.table}.${cases.column('assignments')}`)
      .select(`${cases.table}.id`, `${cases.table}.${cases.column('caseKey')} as caseKey`, {
        assignments: `${cases.table}.${cases.column('assignments')}`,
        debtorId: `${caseDebtor.table}.${caseDebtor.targetColumn}`,
      })) as Array<{ id: number; caseKey: string; assignments: unknown; debtorId: number }>;

    const portfolio = createPortfolioStore(strapi);
    const debtorIds = [...new Set(rows.map((row) => Number(row.debtorId)))];
    const invoices = debtorIds.length > 0 ? await portfolio.loadInvoices(db, debtorIds) : [];
    const reductions = await portfolio.loadReductions(
      db,
      invoices.map((invoice) => invoice.id),
    );
    const invoicesOf = new Map<number, typeof invoices>();
    for (const invoice of invoices) {
      const list = invoicesOf.get(invoice.debtorId) ?? [];
      list.push(invoice);
      invoicesOf.set(invoice.debtorId, list);
    }

    // What the actions of each case cost, by the day they were done.
    const action = modelTable(strapi, 'api::action.action');
    const actionCase = action.link('collectionCase');
    const done = new Map<number, Array<{ channel: string; at: Date }>>();
    for (const part of chunks(
      rows.map((row) => Number(row.id)),
      500,
    )) {
      const actionRows = (await db(action.table)
        .join(
          actionCase.table,
          `${action.table}.id`,
          `${actionCase.table}.${actionCase.ownerColumn}`,
        )
        .whereIn(`${actionCase.table}.${actionCase.targetColumn}`, part)
        .whereIn(`${action.table}.${action.column('dispatchStatus')}`, ['sent', 'task_open'])
        .select({
          caseId: `${actionCase.table}.${actionCase.targetColumn}`,
          channel: `${action.table}.${action.column('channel')}`,
          sentAt: `${action.table}.${action.column('sentAt')}`,
        })) as Array<{ caseId: number; channel: string; sentAt: unknown }>;
      for (const row of actionRows) {
        const at = fromDbTime(row.sentAt);
        if (!at) continue;
        const list = done.get(Number(row.caseId)) ?? [];
        list.push({ channel: row.channel, at });
        done.set(Number(row.caseId), list);
      }
    }

    const branchCases: BranchCase[] = [];
    const seen = new Set<string>(flowExperiments());
    for (const row of rows) {
      const raw = row.assignments;
      const assignments = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<
        string,
        { branch: string; assignedOn: string }
      >;
      const own = invoicesOf.get(Number(row.debtorId)) ?? [];
      for (const [experiment, { branch, assignedOn }] of Object.entries(assignments ?? {})) {
        seen.add(experiment);
        if (options.experiment && experiment !== options.experiment) continue;
        if (assignedOn > asOf) continue;
        const atAssignment = positionsAsOf(own, reductions, () => assignedOn).filter(
          (position) => position.daysPastDue > 0 && !position.invoice.disputed,
        );
        if (atAssignment.length === 0) continue;
        const currency = atAssignment[0]?.invoice.currency as string;
        const inCurrency = atAssignment.filter((p) => p.invoice.currency === currency);
        const overdue = inCurrency.reduce((sum, p) => sum + p.openMinor, 0);
        if (overdue <= 0) continue;
        const ids = new Set(inCurrency.map((p) => p.invoice.id));
        const paid = reductions
          .filter(
            (r) =>
              r.kind === 'payment' && ids.has(r.invoiceId) && r.date > assignedOn && r.date <= asOf,
          )
          .sort((a, b) => a.date.localeCompare(b.date));
        let recovered = 0;
        let daysToPay: number | null = null;
        for (const payment of paid) {
          recovered = Math.min(overdue, recovered + payment.amountMinor);
          if (recovered >= overdue && daysToPay === null) {
            daysToPay = daysBetween(assignedOn, payment.date);
          }
        }
        const since = new Date(`${assignedOn}T00:00:00Z`).getTime() - 86_400_000;
        const costMinor = (done.get(Number(row.id)) ?? [])
          .filter((entry) => entry.at.getTime() >= since)
          .reduce(
            (sum, entry) =>
              sum +
              (policy.costs.perChannel[entry.channel as keyof typeof policy.costs.perChannel] ?? 0),
            0,
          );
        branchCases.push({
          experiment,
          branch,
          caseId: row.caseKey,
          assignedOn,
          currency,
          overdueAtAssignmentMinor: overdue,
          recoveredMinor: recovered,
          daysToPay,
          costMinor,
        });
      }
    }
    if (options.experiment && !seen.has(options.experiment)) {
      throw new UnknownExperimentError(
        `未知实验 / unknown experiment '${options.experiment}': neither a split of the deployed ` +
          `flow nor a stored case has it (known: ${[...seen].sort().join(', ') || 'none'})`,
      );
    }
    return { asOf, experiments: compareBranches(branchCases) };
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
