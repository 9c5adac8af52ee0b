import type { Core } from '@strapi/strapi';
import type { CaseHistory } from '@huikuan/flows';
import { DateTime } from 'luxon';

import { buildCaseHistory, type HistoryAction, type HistoryActivity } from '../domain/case-history';
import { toIsoDate } from '../domain/dates';
import { toMinor } from '../domain/money';
import type { InvoicePosition, LedgerInvoice, LedgerReduction } from '../domain/positions';
import { chunks, fromDbTime, modelTable, type Db } from '../utils/model';
import type { OpenCase } from './case-store';

const dayIn = (value: unknown, zone: string): string | null => {
  const time = fromDbTime(value);
  return time ? (DateTime.fromJSDate(time).setZone(zone).toISODate() as string) : null;
};

/** Reads what each open case has been through from the stored rows (see domain/case-history). */
export const createCaseHistoryStore = (strapi: Core.Strapi) => {
  const loadHistories = async (
    db: Db,
    openCases: OpenCase[],
    context: {
      zones: Map<number, string>;
      invoices: LedgerInvoice[];
      reductions: LedgerReduction[];
      positions: InvoicePosition[];
      promiseGraceDays: number;
    },
  ): Promise<Map<number, CaseHistory>> => {
    const histories = new Map<number, CaseHistory>();
    if (openCases.length === 0) return histories;
    const caseIds = openCases.map((openCase) => openCase.id);
    const debtorIds = [...new Set(openCases.map((openCase) => openCase.debtorId))];

    const action = modelTable(strapi, 'api::action.action');
    const actionCase = action.link('collectionCase');
    const actionsByCase = new Map<number, HistoryAction[]>();
    const actionZone = new Map<number, string>();
    for (const openCase of openCases) {
      actionZone.set(openCase.id, context.zones.get(openCase.debtorId) ?? 'Asia/Shanghai');
    }
    for (const part of chunks(caseIds, 500)) {
      const rows = await db(action.table)
        .join(
          actionCase.table,
          `${action.table}.id`,
          `${actionCase.table}.${actionCase.ownerColumn}`,
        )
        .whereIn(`${actionCase.table}.${actionCase.targetColumn}`, part)
        .select(`${action.table}.*`, { caseId: `${actionCase.table}.${actionCase.targetColumn}` });
      for (const row of rows as Array<Record<string, unknown>>) {
        const caseId = Number(row.caseId);
        const zone = actionZone.get(caseId) as string;
        const dueOn = dayIn(row[action.column('dueAt')], zone) as string;
        const sentOn = dayIn(row[action.column('sentAt')], zone);
        const entry: HistoryAction = {
          id: Number(row.id),
          stepKey: String(row[action.column('stepKey')]),
          round: Number(row[action.column('round')] ?? 0),
          kind: (row[action.column('kind')] as HistoryAction['kind']) ?? 'action',
          channel: (row[action.column('channel')] as HistoryAction['channel']) ?? null,
          status: String(row[action.column('dispatchStatus')]),
          dueOn,
          // A step counts as done on the day it was due: the workers send due actions within
          // minutes, and a replay of past days (sent now) or a worker backlog must not shift
          // the waits that follow it. A letter carries its due date too.
          doneOn: sentOn === null ? null : sentOn < dueOn ? sentOn : dueOn,
        };
        const list = actionsByCase.get(caseId);
        if (list) list.push(entry);
        else actionsByCase.set(caseId, [entry]);
      }
    }

    const activity = modelTable(strapi, 'api::activity.activity');
    const activityDebtor = activity.link('debtor');
    const activityAction = activity.link('action');
    const activitiesByDebtor = new Map<number, HistoryActivity[]>();
    for (const part of chunks(debtorIds, 500)) {
      const rows = await db(activity.table)
        .join(
          activityDebtor.table,
          `${activity.table}.id`,
          `${activityDebtor.table}.${activityDebtor.ownerColumn}`,
        )
        .leftJoin(
          activityAction.table,
          `${activity.table}.id`,
          `${activityAction.table}.${activityAction.ownerColumn}`,
        )
        .whereIn(`${activityDebtor.table}.${activityDebtor.targetColumn}`, part)
        .select(`${activity.table}.*`, {
          debtorId: `${activityDebtor.table}.${activityDebtor.targetColumn}`,
          actionId: `${activityAction.table}.${activityAction.targetColumn}`,
        });
      for (const row of rows as Array<Record<string, unknown>>) {
        const debtorId = Number(row.debtorId);
        const zone = context.zones.get(debtorId) ?? 'Asia/Shanghai';
        const occurredOn = dayIn(row[activity.column('occurredAt')], zone);
        if (occurredOn === null) continue;
        const promiseDate = row[activity.column('promiseDate')];
        const amount = row[activity.column('promiseAmount')];
        const entry: HistoryActivity = {
          actionId:
            row.actionId === null || row.actionId === undefined ? null : Number(row.actionId),
          occurredOn,
          direction: row[activity.column('direction')] === 'inbound' ? 'inbound' : 'outbound',
          outcome: String(row[activity.column('outcome')] ?? ''),
          promiseDate: promiseDate ? toIsoDate(promiseDate) : null,
          promiseAmountMinor: amount === null || amount === undefined ? null : toMinor(amount),
        };
        const list = activitiesByDebtor.get(debtorId);
        if (list) list.push(entry);
        else activitiesByDebtor.set(debtorId, [entry]);
      }
    }

    // Payments (not credit notes) on each debtor's invoices, by day.
    const debtorOfInvoice = new Map(context.invoices.map((i) => [i.id, i.debtorId]));
    const wanted = new Set(debtorIds);
    const paymentsByDebtor = new Map<number, Array<{ day: string; amountMinor: number }>>();
    for (const reduction of context.reductions) {
      if (reduction.kind !== 'payment') continue;
      const debtorId = debtorOfInvoice.get(reduction.invoiceId);
      if (debtorId === undefined || !wanted.has(debtorId)) continue;
      const list = paymentsByDebtor.get(debtorId);
      const entry = { day: reduction.date, amountMinor: reduction.amountMinor };
      if (list) list.push(entry);
      else paymentsByDebtor.set(debtorId, [entry]);
    }

    // The due date of each debtor's oldest collectible overdue invoice.
    const oldestDue = new Map<number, string>();
    for (const position of context.positions) {
      if (position.daysPastDue <= 0 || position.invoice.disputed) continue;
      const debtorId = position.invoice.debtorId;
      const current = oldestDue.get(debtorId);
      if (current === undefined || position.invoice.dueDate < current) {
        oldestDue.set(debtorId, position.invoice.dueDate);
      }
    }

    const cases = modelTable(strapi, 'api::collection-case.collection-case');
    const caseDebtor = cases.link('debtor');
    const caseRows = new Map<number, Record<string, unknown>>();
    const priorByDebtor = new Map<number, string[]>();
    for (const part of chunks(debtorIds, 500)) {
      const rows = await db(cases.table)
        .join(
          caseDebtor.table,
          `${cases.table}.id`,
          `${caseDebtor.table}.${caseDebtor.ownerColumn}`,
        )
        .whereIn(`${caseDebtor.table}.${caseDebtor.targetColumn}`, part)
        .select(`${cases.table}.*`, { debtorId: `${caseDebtor.table}.${caseDebtor.targetColumn}` });
      for (const row of rows as Array<Record<string, unknown>>) {
        caseRows.set(Number(row.id), row);
        if (row[cases.column('caseStatus')] === 'closed' && row[cases.column('closedOn')]) {
          const debtorId = Number(row.debtorId);
          const list = priorByDebtor.get(debtorId) ?? [];
          list.push(toIsoDate(row[cases.column('closedOn')]));
          priorByDebtor.set(debtorId, list);
        }
      }
    }

    for (const openCase of openCases) {
      const asOf = openCase.exposure.asOf;
      const row = caseRows.get(openCase.id);
      const agency = row?.[cases.column('agencyCode')];
      histories.set(
        openCase.id,
        buildCaseHistory({
          asOf,
          openedOn: openCase.openedOn,
          oldestDueOn: oldestDue.get(openCase.debtorId) ?? asOf,
          actions: actionsByCase.get(openCase.id) ?? [],
          activities: activitiesByDebtor.get(openCase.debtorId) ?? [],
          payments: paymentsByDebtor.get(openCase.debtorId) ?? [],
          priorCases: (priorByDebtor.get(openCase.debtorId) ?? []).filter(
            (closedOn) => closedOn <= openCase.openedOn,
          ).length,
          agencyCode: typeof agency === 'string' && agency !== '' ? agency : null,
          legalReviewOn: row?.[cases.column('legalReviewOn')]
            ? toIsoDate(row[cases.column('legalReviewOn')])
            : null,
          promiseGraceDays: context.promiseGraceDays,
        }),
      );
    }
    return histories;
  };

  return { loadHistories };
};
