import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { todayIn, toIsoDate } from '@huikuan/plugin-collections/domain/dates';
import { STATEMENT_LINES, statementAttribute } from '@huikuan/plugin-collections/domain/ledger';
import { toMinor } from '@huikuan/plugin-collections/domain/money';
import {
  chunks,
  fromDbBool,
  fromDbTime,
  modelTable,
  type Db,
} from '@huikuan/plugin-collections/utils/model';

import { createPortfolioStore } from '@huikuan/plugin-collections/repositories/portfolio-store';

import type { DebtorHistory, HistoryInvoice } from '../domain/history';
import type { ContactEvent, FinancialStatementRecord } from '../types';

const IN_LIST = 500;

const optionalMinor = (value: unknown): number | null =>
  value === null || value === undefined ? null : toMinor(value);

/**
 * The calendar day a contact happened on, in the debtor's time zone: the as-of day of a run
 * is the debtor's local day, so a note written at 04:16 in Shanghai on 12-05 (20:16 UTC on
 * 12-04) belongs to 12-05. An unknown zone falls back to the default zone.
 */
export const contactDay = (
  occurred: Date,
  timeZone: string | null | undefined,
  defaultTimeZone: string,
): string => {
  if (timeZone) {
    try {
      return todayIn(timeZone, occurred);
    } catch {
      // An unknown zone on the debtor: read the day in the default zone instead.
    }
  }
  return todayIn(defaultTimeZone, occurred);
};

/** Reads, per debtor, the invoices with their dated movements, contacts and statements. */
export const createHistoryStore = (strapi: Core.Strapi) => {
  const load = async (db: Db, debtorIds: number[]): Promise<Map<number, DebtorHistory>> => {
    const debtor = modelTable(strapi, 'api::debtor.debtor');
    const histories = new Map<number, DebtorHistory>();
    const zones = new Map<number, string | null>();
    const { defaultTimeZone } = loadConfig();
    for (const part of chunks(debtorIds, IN_LIST)) {
      const rows = await db(debtor.table)
        .whereIn('id', part)
        .select('id', {
          code: debtor.column('code'),
          region: debtor.column('region'),
          timeZone: debtor.column('timeZone'),
        });
      for (const row of rows) {
        zones.set(Number(row.id), row.timeZone ?? null);
        histories.set(Number(row.id), {
          debtorCode: String(row.code),
          region: row.region ?? null,
          invoices: [],
          activities: [],
          statements: [],
        });
      }
    }
    const ids = [...histories.keys()];

    const invoice = modelTable(strapi, 'api::invoice.invoice');
    const invoiceDebtor = invoice.link('debtor');
    const byInvoiceId = new Map<number, HistoryInvoice>();
    for (const part of chunks(ids, IN_LIST)) {
      const rows = await db(invoice.table)
        .join(
          invoiceDebtor.table,
          `${invoice.table}.id`,
          `${invoiceDebtor.table}.${invoiceDebtor.ownerColumn}`,
        )
        .whereIn(`${invoiceDebtor.table}.${invoiceDebtor.targetColumn}`, part)
        .select({
          id: `${invoice.table}.id`,
          debtorId: `${invoiceDebtor.table}.${invoiceDebtor.targetColumn}`,
          number: `${invoice.table}.${invoice.column('number')}`,
          issueDate: `${invoice.table}.${invoice.column('issueDate')}`,
          dueDate: `${invoice.table}.${invoice.column('dueDate')}`,
          amount: `${invoice.table}.${invoice.column('amount')}`,
          currency: `${invoice.table}.${invoice.column('currency')}`,
          disputed: `${invoice.table}.${invoice.column('disputed')}`,
        });
      for (const row of rows) {
        const record: HistoryInvoice = {
          number: String(row.number),
          issueDate: toIsoDate(row.issueDate),
          dueDate: toIsoDate(row.dueDate),
          amountMinor: toMinor(row.amount),
          currency: String(row.currency),
          disputed: fromDbBool(row.disputed),
          movements: [],
        };
        byInvoiceId.set(Number(row.id), record);
        histories.get(Number(row.debtorId))?.invoices.push(record);
      }
    }

    const portfolio = createPortfolioStore(strapi);
    for (const part of chunks([...byInvoiceId.keys()], IN_LIST)) {
      for (const reduction of await portfolio.loadReductions(db, part)) {
        byInvoiceId.get(reduction.invoiceId)?.movements.push({
          date: reduction.date,
          amountMinor: reduction.amountMinor,
          kind: reduction.kind,
        });
      }
    }

    const activity = modelTable(strapi, 'api::activity.activity');
    const activityDebtor = activity.link('debtor');
    for (const part of chunks(ids, IN_LIST)) {
      const rows = await db(activity.table)
        .join(
          activityDebtor.table,
          `${activity.table}.id`,
          `${activityDebtor.table}.${activityDebtor.ownerColumn}`,
        )
        .whereIn(`${activityDebtor.table}.${activityDebtor.targetColumn}`, part)
        .select(`${activity.table}.*`, {
          debtorId: `${activityDebtor.table}.${activityDebtor.targetColumn}`,
        });
      for (const row of rows) {
        const history = histories.get(Number(row.debtorId));
        const occurred = fromDbTime(row[activity.column('occurredAt')]);
        if (!history || !occurred) continue;
        const promiseDate = row[activity.column('promiseDate')];
        const event: ContactEvent = {
          debtorCode: history.debtorCode,
          occurredOn: contactDay(occurred, zones.get(Number(row.debtorId)), defaultTimeZone),
          channel: row[activity.column('channel')],
          direction: row[activity.column('direction')] ?? 'outbound',
          outcome: row[activity.column('outcome')],
          promiseDate: promiseDate ? toIsoDate(promiseDate) : null,
          promiseAmountMinor: optionalMinor(row[activity.column('promiseAmount')]),
          promiseCurrency: row[activity.column('promiseCurrency')] ?? null,
          summary: row[activity.column('summary')] ?? null,
        };
        history.activities.push(event);
      }
    }

    const statement = modelTable(strapi, 'api::financial-statement.financial-statement');
    const statementDebtor = statement.link('debtor');
    for (const part of chunks(ids, IN_LIST)) {
      const rows = await db(statement.table)
        .join(
          statementDebtor.table,
          `${statement.table}.id`,
          `${statementDebtor.table}.${statementDebtor.ownerColumn}`,
        )
        .whereIn(`${statementDebtor.table}.${statementDebtor.targetColumn}`, part)
        .select(`${statement.table}.*`, {
          debtorId: `${statementDebtor.table}.${statementDebtor.targetColumn}`,
        });
      for (const row of rows) {
        const history = histories.get(Number(row.debtorId));
        if (!history) continue;
        const record: FinancialStatementRecord = {
          debtorCode: history.debtorCode,
          periodEnd: toIsoDate(row[statement.column('periodEnd')]),
          periodStart: row[statement.column('periodStart')]
            ? toIsoDate(row[statement.column('periodStart')])
            : null,
          currency: String(row[statement.column('currency')]),
        };
        for (const line of STATEMENT_LINES) {
          record[line] = optionalMinor(row[statement.column(statementAttribute(line))]);
        }
        history.statements.push(record);
      }
    }
    for (const history of histories.values()) {
      history.statements.sort((a, b) =>
        a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0,
      );
      history.activities.sort((a, b) =>
        a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0,
      );
    }
    return histories;
  };

  /** Every debtor id that has at least one invoice. */
  const debtorIdsWithInvoices = async (db: Db): Promise<number[]> => {
    const invoice = modelTable(strapi, 'api::invoice.invoice');
    const link = invoice.link('debtor');
    const rows = await db(link.table).distinct({ id: link.targetColumn });
    return rows.map((row: { id: unknown }) => Number(row.id));
  };

  return { load, debtorIdsWithInvoices };
};
