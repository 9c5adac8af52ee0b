import fs from 'node:fs';

import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import type { StepPlan } from '@huikuan/flows';

import { buildCaseHistory, type HistoryAction } from '../domain/case-history';
import { addDays } from '../domain/dates';
import { debtorExposures } from '../domain/portfolio';
import { positionsAsOf } from '../domain/positions';
import {
  attributeOutcomes,
  type BacktestAction,
  type BacktestReport,
  type Settlement,
} from '../domain/strategy-analytics';
import type { OpenCase } from '../repositories/case-store';
import { createPortfolioStore, type StoredDebtor } from '../repositories/portfolio-store';
import { logEvent } from '../utils/log';
import { getService } from '../utils/services';
import { toStrategyCase, type CaseScorer } from './cycle.service';

export interface BacktestOptions {
  from: string;
  to: string;
  /** Replay every n-th day (1 = day by day). @defaultValue 1 */
  stepDays?: number;
}

export interface BacktestResult extends BacktestReport {
  flow: { file: string; version: string };
  from: string;
  to: string;
  stepDays: number;
  days: number;
  casesOpened: number;
}

/** A case of the replay, kept in memory: the history has no cases of its own. */
interface ReplayCase {
  open: OpenCase;
  debtorCode: string;
  actions: HistoryAction[];
  keys: Set<string>;
}

/** Tab id → tab label of a flow file: the strategies a backtest reports on. */
const flowTabs = (flowFile: string): Map<string, string> => {
  const nodes = JSON.parse(fs.readFileSync(flowFile, 'utf8')) as Array<Record<string, unknown>>;
  return new Map(
    nodes
      .filter((node) => node.type === 'tab')
      .map((node) => [String(node.id), String(node.label ?? node.id)]),
  );
};

/**
 * Replays the stored ledger day by day through the deployed strategy flow, in memory: each
 * day's positions, cases and scores as they stood then, the flow's plans taken as done on
 * their due day, and the payments that followed each action. Nothing is stored or sent, so
 * it runs on the live database too; what it reports is association, not effect.
 */
const backtestService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(options: BacktestOptions): Promise<BacktestResult> {
    const config = loadConfig();
    const stepDays = options.stepDays ?? 1;
    if (!Number.isSafeInteger(stepDays) || stepDays < 1) {
      throw new Error(`stepDays must be a whole number of at least 1, got ${stepDays}`);
    }
    if (options.to < options.from) {
      throw new Error(`the backtest ends (${options.to}) before it starts (${options.from})`);
    }
    const db = strapi.db.connection;
    const scorer = strapi.plugin('scoring').service('scoring') as unknown as CaseScorer;
    await scorer.ready();
    const { policy } = await getService(strapi, 'strategy').currentPolicy();
    const portfolio = createPortfolioStore(strapi);
    const debtors = await portfolio.loadDebtors(db);
    const invoices = await portfolio.loadInvoices(db);
    const reductions = await portfolio.loadReductions(db);
    if (invoices.length === 0) throw new Error('the ledger has no invoices to replay');
    const zoneOf = (id: number) => debtors.get(id)?.timeZone ?? config.defaultTimeZone;

    const runtime = await getService(strapi, 'cycle').strategyRuntime();
    runtime.checkRunnable();
    const tabs = flowTabs(config.flows.flowFile);
    const cases = new Map<number, ReplayCase>();
    const actions: BacktestAction[] = [];
    const closedBefore = new Map<number, number>();
    let casesOpened = 0;
    let days = 0;
    let nextId = 1;

    const payments = reductions.filter((reduction) => reduction.kind === 'payment');
    const byInvoice = new Map(invoices.map((invoice) => [invoice.id, invoice]));
    const paymentsOf = new Map<number, Array<{ day: string; amountMinor: number }>>();
    for (const payment of payments) {
      const debtorId = byInvoice.get(payment.invoiceId)?.debtorId;
      if (debtorId === undefined) continue;
      const list = paymentsOf.get(debtorId) ?? [];
      list.push({ day: payment.date, amountMinor: payment.amountMinor });
      paymentsOf.set(debtorId, list);
    }

    for (let day = options.from; day <= options.to; day = addDays(day, stepDays)) {
      days += 1;
      const positions = positionsAsOf(invoices, reductions, () => day);
      const exposures = debtorExposures(positions);
      const oldestDue = new Map<number, string>();
      for (const position of positions) {
        if (position.daysPastDue <= 0 || position.invoice.disputed) continue;
        const current = oldestDue.get(position.invoice.debtorId);
        if (current === undefined || position.invoice.dueDate < current) {
          oldestDue.set(position.invoice.debtorId, position.invoice.dueDate);
        }
      }
      for (const debtorId of cases.keys()) {
        if ((exposures.get(debtorId)?.collectibleInvoices ?? 0) === 0) {
          cases.delete(debtorId);
          closedBefore.set(debtorId, (closedBefore.get(debtorId) ?? 0) + 1);
        }
      }
      const working: ReplayCase[] = [];
      for (const exposure of exposures.values()) {
        if (exposure.collectibleInvoices === 0) continue;
        let replay = cases.get(exposure.debtorId);
        if (!replay) {
          const debtor = debtors.get(exposure.debtorId) as StoredDebtor;
          const id = nextId;
          nextId += 1;
          replay = {
            open: {
              id,
              documentId: `backtest:${debtor.code}:${day}`,
              caseKey: `${debtor.code}-${day}`,
              debtorId: exposure.debtorId,
              openedOn: day,
              stage: null,
              exposure,
            },
            debtorCode: debtor.code,
            actions: [],
            keys: new Set(),
          };
          cases.set(exposure.debtorId, replay);
          casesOpened += 1;
        }
        replay.open = { ...replay.open, exposure };
        working.push(replay);
      }
      if (working.length === 0) continue;

      const scoring = await scorer.scoreCases(
        db,
        working.map((replay) => ({
          caseId: replay.open.id,
          debtorId: replay.open.debtorId,
          asOf: day,
        })),
        { write: false },
      );
      const byDocument = new Map(working.map((replay) => [replay.open.documentId, replay]));
      const strategyCases = working.map((replay) => {
        const debtorPayments = paymentsOf.get(replay.open.debtorId) ?? [];
        const oldest = oldestDue.get(replay.open.debtorId) ?? day;
        const history = buildCaseHistory({
          asOf: day,
          openedOn: replay.open.openedOn,
          oldestDueOn: oldest,
          // An action of the replay is taken as done on its due day.
          actions: replay.actions.map((action) => ({
            ...action,
            status: action.dueOn <= day ? 'sent' : 'planned',
            doneOn: action.dueOn <= day ? action.dueOn : null,
          })),
          activities: [],
          payments: debtorPayments,
          priorCases: closedBefore.get(replay.open.debtorId) ?? 0,
          agencyCode: null,
          promiseGraceDays: policy.promises.graceDays,
        });
        const score = scoring.scores.get(replay.open.id);
        if (!score) throw new Error(`no score for replayed case ${replay.open.caseKey}`);
        return toStrategyCase(
          replay.open,
          debtors.get(replay.open.debtorId) as StoredDebtor,
          zoneOf(replay.open.debtorId),
          score,
          history,
        );
      });
      const { plans } = await runtime.runStrategy(strategyCases);
      for (const plan of plans) {
        const replay = byDocument.get(plan.caseId) as ReplayCase;
        recordPlan(replay, plan, day, tabs, actions);
      }
    }

    const settlements: Settlement[] = [];
    const debtorCode = (id: number) => debtors.get(id)?.code ?? String(id);
    for (const payment of payments) {
      const invoice = byInvoice.get(payment.invoiceId);
      if (!invoice) continue;
      settlements.push({
        debtorCode: debtorCode(invoice.debtorId),
        invoiceNumber: invoice.number,
        day: payment.date,
        amountMinor: payment.amountMinor,
        currency: invoice.currency,
        dueOn: invoice.dueDate,
      });
    }
    const report = attributeOutcomes(actions, settlements, {
      currency: policy.costs.currency,
      perChannel: policy.costs.perChannel,
    });
    logEvent(strapi, 'info', 'strategy.backtest', {
      from: options.from,
      to: options.to,
      days,
      actions: actions.length,
      casesOpened,
    });
    return {
      ...report,
      flow: { file: config.flows.flowFile, version: runtime.flowVersion() },
      from: options.from,
      to: options.to,
      stepDays,
      days,
      casesOpened,
    };
  },
});

/** Keeps a plan of the replay once per case, step and round, as the outbox would. */
function recordPlan(
  replay: ReplayCase,
  plan: StepPlan,
  day: string,
  tabs: Map<string, string>,
  actions: BacktestAction[],
): void {
  const key = `${plan.stepKey}@${plan.round}`;
  if (replay.keys.has(key)) return;
  replay.keys.add(key);
  const dueOn = plan.dueOn < day ? day : plan.dueOn;
  replay.actions.push({
    id: replay.actions.length + 1,
    stepKey: plan.stepKey,
    round: plan.round,
    kind: plan.kind,
    channel: plan.channel,
    status: 'planned',
    dueOn,
    doneOn: null,
  });
  if (plan.kind === 'hold' || plan.channel === null) return;
  const first = plan.branches[0];
  actions.push({
    strategy: tabs.get(plan.flowId) ?? plan.flowId,
    branch: first ? `${first.experiment}/${first.branch}` : null,
    caseId: replay.open.caseKey,
    debtorCode: replay.debtorCode,
    day: dueOn,
    channel: plan.channel,
    stepKey: plan.stepKey,
    currency: replay.open.exposure.currency,
    overdueMinor: replay.open.exposure.collectibleMinor,
  });
}

export default backtestService;
