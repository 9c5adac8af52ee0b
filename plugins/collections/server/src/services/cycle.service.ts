import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { loadConfig } from '@huikuan/config';
import {
  startStrategyRuntime,
  type StrategyCase,
  type StepPlan,
  type StrategyRuntime,
} from '@huikuan/flows';

import { addDays, startOfDayIn, todayIn } from '../domain/dates';
import type { Channel } from '../domain/ledger';
import { debtorExposures, summarisePortfolio, type PortfolioSummary } from '../domain/portfolio';
import { positionsAsOf } from '../domain/positions';
import { createActionStore, type NewAction } from '../repositories/action-store';
import { createCaseStore, type OpenCase } from '../repositories/case-store';
import { createPortfolioStore, type StoredDebtor } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { getService } from '../utils/services';
import type { ImportReport } from './importer.service';

export interface CycleOptions {
  /** The day to run for (YYYY-MM-DD); without it, today in each debtor's time zone. */
  asOf?: string;
  /** Import this file first. */
  input?: {
    content: Buffer;
    fileName: string;
    preset?: string;
    skipInvalid?: boolean;
    ignoreColumns?: string[];
  };
  /** Run BullMQ workers in this process and wait for the day's actions (default true). */
  worker?: boolean;
  /** How long to wait for the workers. @defaultValue 300000 */
  settleTimeoutMs?: number;
}

/** Quadrants of ability x willingness to pay: HL is able but unwilling. */
export type Quadrant = 'HH' | 'HL' | 'LH' | 'LL';
export type ReasonVerdict = 'cash_flow' | 'oversight' | 'dispute' | 'wilful' | 'unknown';

/** What the scoring plugin gives the run for each case (see plugins/scoring). */
export interface CaseScore {
  quadrant: Quadrant;
  reason: ReasonVerdict;
  abilityScore: number;
  willingnessScore: number;
}

interface CaseScorer {
  /** Loads and checks what scoring needs (the policy, the models); throws if unusable. */
  ready(): Promise<void>;
  scoreCases(
    db: Knex,
    cases: Array<{ caseId: number; debtorId: number; asOf: string }>,
  ): Promise<{
    scores: Map<number, CaseScore>;
    segments: Record<Quadrant, number>;
    reasons: Record<ReasonVerdict, number>;
  }>;
}

export interface CycleReport {
  asOf: string;
  flow: { file: string; version: string };
  import: ImportReport | null;
  portfolio: PortfolioSummary;
  cases: { opened: number; updated: number; closed: number; open: number; onHold: number };
  /** Open cases by quadrant of ability x willingness to pay. */
  segments: Record<Quadrant, number>;
  /** Open cases by the reason verdict of why they are overdue. */
  reasons: Record<ReasonVerdict, number>;
  actions: {
    planned: number;
    byChannel: Partial<Record<Channel, number>>;
    enqueued: number;
    sent: number;
    tasks: number;
    failed: number;
    cancelled: number;
  };
}

/** The import that came before the run rejected the file: nothing was run. */
export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
  constructor(readonly report: ImportReport) {
    super(
      `${report.file}: ${report.errors.length} error(s) in ${report.rejectedRows} row(s); nothing imported`,
    );
  }
}

const eligibleContacts = (debtor: StoredDebtor) =>
  debtor.contacts.filter((contact) => contact.consent && !contact.doNotContact);

const toStrategyCase = (
  openCase: OpenCase,
  debtor: StoredDebtor,
  timeZone: string,
  score: CaseScore,
): StrategyCase => {
  const contacts = eligibleContacts(debtor);
  return {
    quadrant: score.quadrant,
    reason: score.reason,
    abilityScore: score.abilityScore,
    willingnessScore: score.willingnessScore,
    caseId: openCase.documentId,
    debtorCode: debtor.code,
    debtorName: debtor.name,
    asOf: openCase.exposure.asOf,
    maxDaysPastDue: openCase.exposure.collectibleMaxDaysPastDue,
    overdueAmountMinor: openCase.exposure.collectibleMinor,
    openAmountMinor: openCase.exposure.openMinor,
    currency: openCase.exposure.currency,
    overdueInvoices: openCase.exposure.collectibleInvoices,
    disputedInvoices: openCase.exposure.disputedInvoices,
    locale: debtor.language ?? 'zh-CN',
    timeZone,
    preferredChannel:
      contacts.find((contact) => contact.preferredChannel)?.preferredChannel ?? null,
    reachable: {
      email: contacts.some((contact) => Boolean(contact.email)),
      sms: contacts.some((contact) => Boolean(contact.phone)),
    },
  };
};

const cycleService = ({ strapi }: { strapi: Core.Strapi }) => {
  let runtime: Promise<StrategyRuntime> | null = null;

  /** The scoring plugin's service; the run never plans without scores. */
  const scorer = (): CaseScorer => {
    const plugin = strapi.plugin('scoring');
    if (!plugin) {
      throw new Error('the scoring plugin is not enabled (cms/config/plugins.ts) / 未启用评分插件');
    }
    return plugin.service('scoring') as unknown as CaseScorer;
  };

  /** The process's one Node-RED runtime (Node-RED cannot start twice in a process). */
  const strategyRuntime = (editor: { host: string; port: number } | false = false) => {
    const { flows } = loadConfig();
    runtime ??= startStrategyRuntime({
      flowFile: flows.flowFile,
      userDir: flows.userDir,
      editor,
      credentialSecret: flows.credentialSecret ?? false,
      // Headless runs print only errors; the editor keeps Node-RED's warnings.
      logLevel: editor ? 'warn' : 'error',
    });
    return runtime;
  };

  const planActions = (
    plans: StepPlan[],
    cases: Map<string, OpenCase>,
    zones: Map<number, string>,
    version: string,
  ) =>
    plans.map((plan): NewAction => {
      const openCase = cases.get(plan.caseId);
      if (!openCase) throw new Error(`the strategy planned a step for unknown case ${plan.caseId}`);
      const zone = zones.get(openCase.debtorId) as string;
      return {
        idempotencyKey: `${openCase.caseKey}:${plan.stepKey}`,
        stepKey: plan.stepKey,
        channel: plan.channel,
        templateCode: plan.templateCode,
        asOf: openCase.exposure.asOf,
        dueAt: startOfDayIn(addDays(openCase.exposure.asOf, plan.offsetDays), zone),
        flowVersion: version,
        flowNodeId: plan.nodeId,
        caseId: openCase.id,
        debtorId: openCase.debtorId,
      };
    });

  const run = async (options: CycleOptions = {}): Promise<CycleReport> => {
    const config = loadConfig();
    const dispatch = getService(strapi, 'dispatch');
    await dispatch.ensureQueue();

    const db = strapi.db.connection;
    const portfolio = createPortfolioStore(strapi);
    const caseStore = createCaseStore(strapi);
    const zoneOf = (stored: Map<number, StoredDebtor>, debtorId: number) =>
      stored.get(debtorId)?.timeZone ?? config.defaultTimeZone;
    const known = await portfolio.loadDebtors(db);
    // Checked before anything is imported: a refused run leaves the ledger as it was.
    await caseStore.refuseBackdated(db, (id) => options.asOf ?? todayIn(zoneOf(known, id)));
    await scorer().ready();

    let importReport: ImportReport | null = null;
    if (options.input) {
      importReport = await getService(strapi, 'importer').importFile(
        options.input.content,
        options.input,
      );
      if (!importReport.written) throw new ImportRejectedError(importReport);
    }

    const debtors = options.input ? await portfolio.loadDebtors(db) : known;
    const zones = new Map([...debtors.keys()].map((id) => [id, zoneOf(debtors, id)]));
    const asOfFor = (debtorId: number) =>
      options.asOf ?? todayIn(zones.get(debtorId) ?? config.defaultTimeZone);
    const invoices = await portfolio.loadInvoices(db);
    const positions = positionsAsOf(invoices, await portfolio.loadReductions(db), asOfFor);
    const summary = summarisePortfolio(positions);

    const actionStore = createActionStore(strapi);
    const { cases, withdrawn } = await db.transaction(async (trx) => {
      const synced = await caseStore.sync(trx, debtorExposures(positions), debtors, asOfFor);
      const cancelled = await actionStore.cancelForCases(
        trx,
        synced.closedCaseIds,
        'case closed: nothing is overdue any more / 案件已结清',
      );
      return { cases: synced, withdrawn: cancelled };
    });
    // Cases whose overdue invoices are all disputed are on hold: no dunning step.
    const workable = cases.openCases.filter(
      (openCase) => openCase.exposure.collectibleInvoices > 0,
    );

    // Every open case is scored (on hold too), before the strategy reads the quadrant.
    const scoring = await scorer().scoreCases(
      db,
      cases.openCases.map((openCase) => ({
        caseId: openCase.id,
        debtorId: openCase.debtorId,
        asOf: openCase.exposure.asOf,
      })),
    );
    const scoreOf = (openCase: OpenCase): CaseScore => {
      const score = scoring.scores.get(openCase.id);
      if (!score)
        throw new Error(`the scoring plugin returned no score for case ${openCase.caseKey}`);
      return score;
    };

    const strategy = await strategyRuntime();
    const byDocument = new Map(cases.openCases.map((openCase) => [openCase.documentId, openCase]));
    const strategyCases = workable.map((openCase) =>
      toStrategyCase(
        openCase,
        debtors.get(openCase.debtorId) as StoredDebtor,
        zones.get(openCase.debtorId) as string,
        scoreOf(openCase),
      ),
    );
    const plans = await strategy.runCases(strategyCases);
    const version = strategy.flowVersion();
    const wanted = planActions(plans, byDocument, zones, version);
    const planned = await db.transaction(async (trx) => {
      const fresh = await actionStore.planMany(trx, wanted);
      const stages = new Map(fresh.map((action) => [action.caseId, action.stepKey]));
      await caseStore.setStages(trx, stages);
      return fresh;
    });
    const byChannel: Partial<Record<Channel, number>> = {};
    for (const action of planned) byChannel[action.channel] = (byChannel[action.channel] ?? 0) + 1;
    logEvent(strapi, 'info', 'cycle.planned', {
      cases: strategyCases.length,
      planned: planned.length,
      flowVersion: version,
    });

    const workers = options.worker === false ? null : await dispatch.startWorkers();
    let counts: Record<string, number> = {};
    let enqueued: number[] = [];
    try {
      enqueued = await dispatch.enqueueDue();
      if (workers)
        counts = await dispatch.waitForSettled(enqueued, options.settleTimeoutMs ?? 300_000);
    } finally {
      await workers?.close();
    }

    const asOf = options.asOf ?? todayIn(config.defaultTimeZone);
    const report: CycleReport = {
      asOf,
      flow: { file: config.flows.flowFile, version },
      import: importReport,
      portfolio: summary,
      cases: {
        opened: cases.opened,
        updated: cases.updated,
        closed: cases.closed,
        open: cases.openCases.length,
        onHold: cases.openCases.length - workable.length,
      },
      segments: scoring.segments,
      reasons: scoring.reasons,
      actions: {
        planned: planned.length,
        byChannel,
        enqueued: enqueued.length,
        sent: counts.sent ?? 0,
        tasks: counts.task_open ?? 0,
        failed: counts.failed ?? 0,
        cancelled: (counts.cancelled ?? 0) + withdrawn,
      },
    };
    logEvent(strapi, 'info', 'cycle.done', {
      asOf,
      cases: report.cases,
      segments: report.segments,
      actions: report.actions,
    });
    return report;
  };

  return {
    run,
    strategyRuntime,
    async close(): Promise<void> {
      if (!runtime) return;
      const started = await runtime.catch(() => null);
      runtime = null;
      await started?.stop();
    },
  };
};

export default cycleService;
