import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { loadConfig } from '@huikuan/config';
import {
  startStrategyRuntime,
  type CaseHistory,
  type DryRunSummary,
  type StrategyCase,
  type StrategyRuntime,
} from '@huikuan/flows';

import { todayIn } from '../domain/dates';
import type { Channel } from '../domain/ledger';
import { debtorExposures, summarisePortfolio, type PortfolioSummary } from '../domain/portfolio';
import { positionsAsOf } from '../domain/positions';
import { countBy, planActions, type RefusedPlan } from '../domain/plan-actions';
import { createActionStore } from '../repositories/action-store';
import { createCaseHistoryStore } from '../repositories/case-history-store';
import { applyPlanEffects } from '../repositories/plan-effects';
import { createCaseStore, type CaseSyncResult, type OpenCase } from '../repositories/case-store';
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

export interface CaseScorer {
  /** Loads and checks what scoring needs (the policy, the models); throws if unusable. */
  ready(): Promise<void>;
  scoreCases(
    db: Knex,
    cases: Array<{ caseId: number; debtorId: number; asOf: string }>,
    options?: { write?: boolean },
  ): Promise<{
    scores: Map<number, CaseScore>;
    segments: Record<Quadrant, number>;
    reasons: Record<ReasonVerdict, number>;
  }>;
}

export type { RefusedPlan } from '../domain/plan-actions';

export interface CycleReport {
  asOf: string;
  /** The flow file, its sha256 and the strategy version it is stored as (null in a dry run). */
  flow: { file: string; version: string; strategyVersion: number | null };
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
    byStep: Record<string, number>;
    byKind: Record<string, number>;
    /** Still-planned actions rewritten because a newer flow version plans them differently. */
    replanned: number;
    /** Plans the platform refused (frozen case, offer outside policy, unknown agency). */
    refused: RefusedPlan[];
    enqueued: number;
    sent: number;
    tasks: number;
    failed: number;
    /** A worker died while sending and the provider cannot tell: in the dead letters. */
    unconfirmed: number;
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

export const toStrategyCase = (
  openCase: OpenCase,
  debtor: StoredDebtor,
  timeZone: string,
  score: CaseScore,
  history: CaseHistory | undefined,
): StrategyCase => {
  const contacts = eligibleContacts(debtor);
  return {
    ...(history ? { history } : {}),
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
    }).then((started) => {
      // The editor's dry-run button and agency list answer from this process's ledger.
      started.provide({
        dryRun: (opts) => dryRun(opts),
        listAgencies: () => getService(strapi, 'strategy').listAgencies(),
      });
      return started;
    });
    return runtime;
  };

  /**
   * Everything a run decides before it stores anything: positions, cases, scores, histories
   * and the flow's plans. `write: false` (a dry run) previews the cases and scores instead of
   * storing them, so nothing at all is written.
   */
  const evaluate = async (
    options: { asOf?: string; write: boolean; only?: ReadonlySet<number> },
    cases: CaseSyncResult | null,
    loaded: {
      debtors: Map<number, StoredDebtor>;
      withdrawn: number;
    },
  ) => {
    const config = loadConfig();
    const db = strapi.db.connection;
    const portfolio = createPortfolioStore(strapi);
    const caseStore = createCaseStore(strapi);
    const { debtors } = loaded;
    const zones = new Map(
      [...debtors.keys()].map((id) => [id, debtors.get(id)?.timeZone ?? config.defaultTimeZone]),
    );
    const asOfFor = (debtorId: number) =>
      options.asOf ?? todayIn(zones.get(debtorId) ?? config.defaultTimeZone);
    const invoices = await portfolio.loadInvoices(db);
    const reductions = await portfolio.loadReductions(db);
    const positions = positionsAsOf(invoices, reductions, asOfFor);
    const summary = summarisePortfolio(positions);
    const exposures = new Map(debtorExposures(positions));

    let synced = cases;
    let withdrawn = loaded.withdrawn;
    if (synced === null) {
      if (options.write) {
        const actionStore = createActionStore(strapi);
        const result = await db.transaction(async (trx) => {
          const done = await caseStore.sync(trx, exposures, debtors, asOfFor, options.only);
          const cancelled = await actionStore.cancelForCases(
            trx,
            done.closedCaseIds,
            'case closed: nothing is overdue any more / 案件已结清',
          );
          return { done, cancelled };
        });
        synced = result.done;
        withdrawn += result.cancelled;
      } else {
        synced = await caseStore.preview(db, exposures, debtors);
      }
    }
    // Cases whose overdue invoices are all disputed are on hold: no dunning step.
    const workable = synced.openCases.filter(
      (openCase) => openCase.exposure.collectibleInvoices > 0,
    );

    // Every open case is scored (on hold too), before the strategy reads the quadrant.
    const scoring = await scorer().scoreCases(
      db,
      synced.openCases.map((openCase) => ({
        caseId: openCase.id,
        debtorId: openCase.debtorId,
        asOf: openCase.exposure.asOf,
      })),
      { write: options.write },
    );
    const scoreOf = (openCase: OpenCase): CaseScore => {
      const score = scoring.scores.get(openCase.id);
      if (!score)
        throw new Error(`the scoring plugin returned no score for case ${openCase.caseKey}`);
      return score;
    };

    const { policy } = await getService(strapi, 'strategy').currentPolicy();
    const histories = await createCaseHistoryStore(strapi).loadHistories(db, workable, {
      zones,
      invoices,
      reductions,
      positions,
      promiseGraceDays: policy.promises.graceDays,
    });

    const strategy = await strategyRuntime();
    const byDocument = new Map(synced.openCases.map((openCase) => [openCase.documentId, openCase]));
    const strategyCases = workable.map((openCase) =>
      toStrategyCase(
        openCase,
        debtors.get(openCase.debtorId) as StoredDebtor,
        zones.get(openCase.debtorId) as string,
        scoreOf(openCase),
        histories.get(openCase.id),
      ),
    );
    const result = await strategy.runStrategy(strategyCases);
    const version = strategy.flowVersion();
    const agencies = new Set(
      (await getService(strapi, 'strategy').listAgencies()).map((agency) => agency.code),
    );
    const templates = new Set(
      (
        (await strapi.documents('api::template.template').findMany({
          status: 'published',
          fields: ['code', 'channel'],
          limit: 100_000,
        } as never)) as unknown as Array<{ code: string; channel: string }>
      ).map((template) => `${template.code}:${template.channel}`),
    );
    return {
      config,
      zones,
      summary,
      cases: synced,
      withdrawn,
      workable,
      scoring,
      histories,
      strategyCases,
      result,
      version,
      policy,
      agencies,
      templates,
      byDocument,
    };
  };

  /**
   * What the flow could not do, as refusals a person can act on: a node that failed a case (an
   * invalid configuration deployed anyway, a bad case), or a message the loop guard stopped.
   */
  const nodeFailures = (evaluation: {
    byDocument: Map<string, OpenCase>;
    result: { failures: Array<{ nodeId: string; caseId: string | null; message: string }> };
  }): RefusedPlan[] =>
    evaluation.result.failures.map((failure) => ({
      caseKey:
        (failure.caseId === null
          ? undefined
          : evaluation.byDocument.get(failure.caseId)?.caseKey) ??
        failure.caseId ??
        '',
      stepKey: '',
      nodeId: failure.nodeId,
      reason: `node error / 节点出错: ${failure.message}`,
    }));

  /** The split branches each case took, by case id, dated on its run day. */
  const assignmentsOf = (evaluation: {
    byDocument: Map<string, OpenCase>;
    result: { assignments: Map<string, Array<{ experiment: string; branch: string }>> };
  }) => {
    const assignments = new Map<
      number,
      Array<{ experiment: string; branch: string; day: string }>
    >();
    for (const [documentId, list] of evaluation.result.assignments) {
      const openCase = evaluation.byDocument.get(documentId);
      if (!openCase) continue;
      assignments.set(
        openCase.id,
        list.map(({ experiment, branch }) => ({ experiment, branch, day: openCase.exposure.asOf })),
      );
    }
    return assignments;
  };

  /** What the deployed flow would plan today (or on `asOf`), writing and sending nothing. */
  const dryRun = async (
    options: { asOf?: string } = {},
  ): Promise<
    DryRunSummary & {
      flow: string;
      decided: number;
      refused: RefusedPlan[];
    }
  > => {
    const config = loadConfig();
    await scorer().ready();
    await getService(strapi, 'strategy').currentPolicy();
    const debtors = await createPortfolioStore(strapi).loadDebtors(strapi.db.connection);
    const evaluation = await evaluate({ asOf: options.asOf, write: false }, null, {
      debtors,
      withdrawn: 0,
    });
    const { wanted, refused } = planActions(evaluation.result.plans, {
      cases: evaluation.byDocument,
      zones: evaluation.zones,
      histories: evaluation.histories,
      version: evaluation.version,
      strategyVersion: null,
      policy: evaluation.policy,
      agencies: evaluation.agencies,
      templates: evaluation.templates,
    });
    refused.push(...nodeFailures(evaluation));
    const stored = await createActionStore(strapi).existingKeys(
      strapi.db.connection,
      wanted.map((action) => action.idempotencyKey),
    );
    const replans = await createActionStore(strapi).findReplans(strapi.db.connection, wanted);
    const fresh = [...wanted.filter((action) => !stored.has(action.idempotencyKey)), ...replans];
    const asOf = options.asOf ?? todayIn(config.defaultTimeZone);
    const summary = {
      flow: config.flows.flowFile,
      asOf,
      cases: evaluation.strategyCases.length,
      planned: {
        total: fresh.length,
        byStep: countBy(fresh, (action) => action.stepKey),
        byChannel: countBy(fresh, (action) => action.channel ?? 'hold'),
      },
      decided: wanted.length,
      replanned: replans.length,
      refused,
    };
    logEvent(strapi, 'info', 'strategy.dry-run', {
      asOf,
      cases: summary.cases,
      planned: summary.planned.total,
      flowVersion: evaluation.version,
    });
    return summary;
  };

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
    await getService(strapi, 'strategy').currentPolicy();

    let importReport: ImportReport | null = null;
    if (options.input) {
      importReport = await getService(strapi, 'importer').importFile(
        options.input.content,
        options.input,
      );
      if (!importReport.written) throw new ImportRejectedError(importReport);
    }

    const debtors = options.input ? await portfolio.loadDebtors(db) : known;
    const evaluation = await evaluate({ asOf: options.asOf, write: true }, null, {
      debtors,
      withdrawn: 0,
    });
    const { cases, workable, scoring, strategyCases, version } = evaluation;
    const strategyVersion = await getService(strapi, 'strategy').recordFlowVersion(
      config.flows.flowFile,
      version,
    );
    const { wanted, refused } = planActions(evaluation.result.plans, {
      cases: evaluation.byDocument,
      zones: evaluation.zones,
      histories: evaluation.histories,
      version,
      strategyVersion: strategyVersion.version,
      policy: evaluation.policy,
      agencies: evaluation.agencies,
      templates: evaluation.templates,
    });
    refused.push(...nodeFailures(evaluation));
    for (const plan of refused) {
      logEvent(strapi, 'warn', 'cycle.plan-refused', { ...plan });
    }
    const assignments = assignmentsOf(evaluation);
    const actionStore = createActionStore(strapi);
    let replanned = 0;
    const planned = await db.transaction(async (trx) => {
      const replans = await actionStore.findReplans(trx, wanted);
      replanned = await actionStore.replan(trx, replans);
      const fresh = await actionStore.planMany(trx, wanted);
      const cancelledByPlans = await applyPlanEffects(strapi, trx, fresh, evaluation.zones);
      await caseStore.recordAssignments(trx, assignments);
      const stages = new Map(
        fresh
          .filter((action) => action.kind !== 'hold')
          .map((action) => [action.caseId, action.stepKey]),
      );
      await caseStore.setStages(trx, stages);
      return { rows: fresh, cancelledByPlans };
    });
    const withdrawn = evaluation.withdrawn + planned.cancelledByPlans;
    const byChannel: Partial<Record<Channel, number>> = {};
    for (const action of planned.rows) {
      if (action.channel !== null) byChannel[action.channel] = (byChannel[action.channel] ?? 0) + 1;
    }
    logEvent(strapi, 'info', 'cycle.planned', {
      cases: strategyCases.length,
      planned: planned.rows.length,
      refused: refused.length,
      flowVersion: version,
      strategyVersion: strategyVersion.version,
    });

    const workers = options.worker === false ? null : await dispatch.startWorkers();
    let counts: Record<string, number> = {};
    let enqueued: number[] = [];
    try {
      enqueued = await dispatch.enqueueDue(
        new Date(),
        options.asOf
          ? {
              asOf: options.asOf,
              zoneOf: (id) => evaluation.zones.get(id) ?? config.defaultTimeZone,
            }
          : undefined,
      );
      if (workers)
        counts = await dispatch.waitForSettled(enqueued, options.settleTimeoutMs ?? 300_000);
    } finally {
      await workers?.close();
    }

    const asOf = options.asOf ?? todayIn(config.defaultTimeZone);
    const report: CycleReport = {
      asOf,
      flow: { file: config.flows.flowFile, version, strategyVersion: strategyVersion.version },
      import: importReport,
      portfolio: evaluation.summary,
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
        planned: planned.rows.length,
        replanned,
        byChannel,
        byStep: countBy(planned.rows, (action) => action.stepKey),
        byKind: countBy(planned.rows, (action) => action.kind),
        refused,
        enqueued: enqueued.length,
        sent: counts.sent ?? 0,
        tasks: counts.task_open ?? 0,
        failed: counts.failed ?? 0,
        unconfirmed: counts.unconfirmed ?? 0,
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

  /**
   * Re-evaluates the strategy for some debtors now, on an event (a payment, a promise, a
   * reply, a dispute recorded through the API): their cases are brought up to date and the
   * flows plan what follows, exactly as a run would; other debtors are left alone. The plans
   * are stored and the due ones queued for the workers. A replay database (a later day already
   * run) is left untouched.
   */
  const reevaluate = async (
    debtorIds: number[],
  ): Promise<{ cases: number; planned: number; refused: RefusedPlan[] } | null> => {
    if (debtorIds.length === 0) return { cases: 0, planned: 0, refused: [] };
    const config = loadConfig();
    const db = strapi.db.connection;
    const caseStore = createCaseStore(strapi);
    const debtors = await createPortfolioStore(strapi).loadDebtors(db);
    const only = new Set(debtorIds.filter((id) => debtors.has(id)));
    const zone = (id: number) => debtors.get(id)?.timeZone ?? config.defaultTimeZone;
    try {
      await caseStore.refuseBackdated(db, (id) => todayIn(zone(id)));
    } catch (error) {
      if ((error as Error).name === 'BackdatedRunError') return null;
      throw error;
    }
    await scorer().ready();
    const evaluation = await evaluate({ write: true, only }, null, { debtors, withdrawn: 0 });
    const strategyVersion = await getService(strapi, 'strategy').recordFlowVersion(
      config.flows.flowFile,
      evaluation.version,
    );
    const { wanted, refused } = planActions(evaluation.result.plans, {
      cases: evaluation.byDocument,
      zones: evaluation.zones,
      histories: evaluation.histories,
      version: evaluation.version,
      strategyVersion: strategyVersion.version,
      policy: evaluation.policy,
      agencies: evaluation.agencies,
      templates: evaluation.templates,
    });
    refused.push(...nodeFailures(evaluation));
    const actionStore = createActionStore(strapi);
    const assignments = assignmentsOf(evaluation);
    const fresh = await db.transaction(async (trx) => {
      await actionStore.replan(trx, await actionStore.findReplans(trx, wanted));
      const rows = await actionStore.planMany(trx, wanted);
      await applyPlanEffects(strapi, trx, rows, evaluation.zones);
      await caseStore.recordAssignments(trx, assignments);
      await caseStore.setStages(
        trx,
        new Map(rows.filter((a) => a.kind !== 'hold').map((a) => [a.caseId, a.stepKey])),
      );
      return rows;
    });
    await getService(strapi, 'dispatch')
      .enqueueDue()
      .catch((error: Error) =>
        logEvent(strapi, 'warn', 'strategy.reevaluate.enqueue-failed', { error: error.message }),
      );
    logEvent(strapi, 'info', 'strategy.reevaluated', {
      debtors: only.size,
      cases: evaluation.strategyCases.length,
      planned: fresh.length,
      refused: refused.length,
    });
    return { cases: evaluation.strategyCases.length, planned: fresh.length, refused };
  };

  return {
    run,
    dryRun,
    reevaluate,
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
