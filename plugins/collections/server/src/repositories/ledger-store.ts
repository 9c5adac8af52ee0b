import type { Core } from '@strapi/strapi';

import { toIsoDate } from '../domain/dates';
import {
  compositeKey,
  STATEMENT_LINES,
  statementAttribute,
  type LedgerBatch,
} from '../domain/ledger';
import { chunks, modelTable, type Db } from '../utils/model';
import { bulkUpsert, type LinkConflict, type UpsertCounts, type UpsertRow } from './bulk-upsert';

export type EntityName =
  | 'debtors'
  | 'contacts'
  | 'contracts'
  | 'invoices'
  | 'payments'
  | 'allocations'
  | 'creditNotes'
  | 'shipments'
  | 'statements'
  | 'activities';

export type LedgerCounts = Record<EntityName, UpsertCounts>;

/** The stored ledger disagrees with the import on who a record belongs to. */
export class LedgerConflictError extends Error {
  override name = 'LedgerConflictError';
  constructor(readonly conflicts: Array<LinkConflict & { entity: EntityName }>) {
    super(
      `${conflicts.length} record(s) already belong to another record in the ledger: ` +
        conflicts
          .slice(0, 5)
          .map((conflict) => `${conflict.entity} ${conflict.key} (${conflict.attribute})`)
          .join(', '),
    );
  }
}

/** A record refers to one the batch does not hold and the ledger does not know. */
export interface LedgerProblem {
  entity: EntityName;
  key: string;
  message: string;
}

/** The batch would leave the ledger inconsistent (over-allocated invoices, mixed currencies…). */
export class LedgerIntegrityError extends Error {
  override name = 'LedgerIntegrityError';
  constructor(readonly problems: LedgerProblem[]) {
    super(
      `${problems.length} ledger problem(s): ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  }
}

export class LedgerReferenceError extends Error {
  override name = 'LedgerReferenceError';
}

const UIDS = {
  debtor: 'api::debtor.debtor',
  contact: 'api::contact.contact',
  contract: 'api::contract.contract',
  invoice: 'api::invoice.invoice',
  payment: 'api::payment.payment',
  allocation: 'api::payment-allocation.payment-allocation',
  creditNote: 'api::credit-note.credit-note',
  shipment: 'api::shipment.shipment',
  statement: 'api::financial-statement.financial-statement',
  activity: 'api::activity.activity',
} as const;

export const contactKey = (contact: {
  debtorCode: string;
  name: string;
  phone?: string | null;
  email?: string | null;
}) => compositeKey(contact.debtorCode, contact.name, contact.phone ?? '', contact.email ?? '');

/** One statement per debtor and period end. */
export const statementKey = (statement: { debtorCode: string; periodEnd: string }) =>
  compositeKey(statement.debtorCode, statement.periodEnd);

/** Resolves natural keys of already stored rows that the batch refers to but does not carry. */
const resolveIds = async (
  db: Db,
  strapi: Core.Strapi,
  uid: string,
  keyAttribute: string,
  keys: string[],
) => {
  const model = modelTable(strapi, uid as never);
  const column = model.column(keyAttribute);
  const ids = new Map<string, number>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await db(model.table).select('id', column).whereIn(column, part);
    for (const row of rows) ids.set(String(row[column]), Number(row.id));
  }
  return ids;
};

const idOf = (
  ids: Map<string, number>,
  key: string | null | undefined,
  what: string,
): number | null => {
  if (key === null || key === undefined || key === '') return null;
  const id = ids.get(key);
  if (id === undefined)
    throw new LedgerReferenceError(
      `${what} '${key}' is neither in the file nor in the ledger / 文件和账中都没有${what} ${key}`,
    );
  return id;
};

const invoiceStatus = (amount: number, open: number, paid: number): string => {
  if (open === 0) return paid === 0 ? 'credited' : 'paid';
  return open < amount ? 'partially_paid' : 'open';
};

/** Writes many invoices' open amounts in one statement per chunk (CASE by id, portable SQL). */
const writeOpenAmounts = async (
  db: Db,
  invoice: ReturnType<typeof modelTable>,
  changes: Array<{ id: number; open: number; status: string }>,
): Promise<void> => {
  for (const part of chunks(changes, 200)) {
    const ids = part.map((change) => change.id);
    const openCase = db.raw(
      `CASE id ${part.map(() => 'WHEN ? THEN CAST(? AS BIGINT)').join(' ')} END`,
      part.flatMap((change) => [change.id, change.open]),
    );
    const statusCase = db.raw(
      `CASE id ${part.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      part.flatMap((change) => [change.id, change.status]),
    );
    await db(invoice.table)
      .whereIn('id', ids)
      .update({
        [invoice.column('openAmount')]: openCase,
        [invoice.column('settlementStatus')]: statusCase,
      });
  }
};

export const createLedgerStore = (strapi: Core.Strapi, batchSize: number) => {
  const upsert = (db: Db, uid: string, keyAttribute: string, rows: UpsertRow[]) =>
    bulkUpsert(db, modelTable(strapi, uid as never), keyAttribute, rows, batchSize);

  /** Brings every touched invoice's stored open amount and status up to date with its movements. */
  const refreshOpenAmounts = async (db: Db, invoiceIds: number[]): Promise<LedgerProblem[]> => {
    const overdrawn: LedgerProblem[] = [];
    const invoice = modelTable(strapi, UIDS.invoice);
    const allocation = modelTable(strapi, UIDS.allocation);
    const credit = modelTable(strapi, UIDS.creditNote);
    const allocationLink = allocation.link('invoice');
    const creditLink = credit.link('invoice');

    for (const part of chunks([...new Set(invoiceIds)], 500)) {
      const reductions = new Map<number, { paid: number; credited: number }>();
      const paid = await db(allocation.table)
        .join(
          allocationLink.table,
          `${allocation.table}.id`,
          `${allocationLink.table}.${allocationLink.ownerColumn}`,
        )
        .whereIn(`${allocationLink.table}.${allocationLink.targetColumn}`, part)
        .groupBy(`${allocationLink.table}.${allocationLink.targetColumn}`)
        .select({ invoiceId: `${allocationLink.table}.${allocationLink.targetColumn}` })
        .sum({ total: `${allocation.table}.${allocation.column('amount')}` });
      for (const row of paid as Array<Record<string, unknown>>)
        reductions.set(Number(row.invoiceId), { paid: Number(row.total), credited: 0 });
      const credited = await db(credit.table)
        .join(
          creditLink.table,
          `${credit.table}.id`,
          `${creditLink.table}.${creditLink.ownerColumn}`,
        )
        .whereIn(`${creditLink.table}.${creditLink.targetColumn}`, part)
        .groupBy(`${creditLink.table}.${creditLink.targetColumn}`)
        .select({ invoiceId: `${creditLink.table}.${creditLink.targetColumn}` })
        .sum({ total: `${credit.table}.${credit.column('amount')}` });
      for (const row of credited as Array<Record<string, unknown>>) {
        const entry = reductions.get(Number(row.invoiceId)) ?? { paid: 0, credited: 0 };
        entry.credited = Number(row.total);
        reductions.set(Number(row.invoiceId), entry);
      }

      const rows = await db(invoice.table)
        .select(
          'id',
          invoice.column('number'),
          invoice.column('amount'),
          invoice.column('openAmount'),
          invoice.column('settlementStatus'),
        )
        .whereIn('id', part);
      const changes: Array<{ id: number; open: number; status: string }> = [];
      for (const row of rows) {
        const amount = Number(row[invoice.column('amount')]);
        const { paid: paidMinor, credited: creditedMinor } = reductions.get(Number(row.id)) ?? {
          paid: 0,
          credited: 0,
        };
        if (paidMinor + creditedMinor > amount) {
          overdrawn.push({
            entity: 'invoices',
            key: String(row[invoice.column('number')]),
            message:
              `invoice ${String(row[invoice.column('number')])}: payments and credits ` +
              `(${paidMinor + creditedMinor}) exceed its amount (${amount}) in minor units / 核销金额超过发票金额`,
          });
        }
        const open = Math.max(0, amount - paidMinor - creditedMinor);
        const status = invoiceStatus(amount, open, paidMinor);
        const stored = Number(row[invoice.column('openAmount')]);
        if (
          row[invoice.column('openAmount')] !== null &&
          stored === open &&
          row[invoice.column('settlementStatus')] === status
        ) {
          continue;
        }
        changes.push({ id: Number(row.id), open, status });
      }
      await writeOpenAmounts(db, invoice, changes);
    }
    return overdrawn;
  };

  /**
   * A stored payment never moves to an earlier day: a file that says so is an
   * older export, and importing it would undo what a newer one recorded.
   */
  const checkPaymentDates = async (db: Db, batch: LedgerBatch): Promise<LedgerProblem[]> => {
    const payment = modelTable(strapi, UIDS.payment);
    const stored = new Map<string, string>();
    for (const part of chunks(
      batch.payments.map((record) => record.reference),
      500,
    )) {
      const rows = await db(payment.table)
        .whereIn(payment.column('reference'), part)
        .select({ reference: payment.column('reference'), date: payment.column('paymentDate') });
      for (const row of rows) stored.set(String(row.reference), toIsoDate(row.date));
    }
    return batch.payments
      .filter((record) => (stored.get(record.reference) ?? '') > record.paymentDate)
      .map((record) => ({
        entity: 'payments' as const,
        key: record.reference,
        message:
          `payment ${record.reference} is recorded on ${stored.get(record.reference)}, the file says ` +
          `${record.paymentDate}: is this an older export? / 该付款已有更晚的记录，文件可能是旧导出`,
      }));
  };

  /** Each allocation and credit note must match its invoice's debtor and currency. */
  const checkCounterparts = async (
    db: Db,
    batch: LedgerBatch,
    debtorIds: Map<string, number>,
    invoiceIds: Map<string, number>,
  ): Promise<LedgerProblem[]> => {
    const invoice = modelTable(strapi, UIDS.invoice);
    const link = invoice.link('debtor');
    const numbers = [
      ...batch.payments.flatMap((payment) => payment.allocations.map((a) => a.invoiceNumber)),
      ...batch.creditNotes.map((note) => note.invoiceNumber ?? '').filter((n) => n !== ''),
    ];
    const facts = new Map<string, { debtorId: number; currency: string }>();
    for (const part of chunks(
      [...new Set(numbers)].map((n) => invoiceIds.get(n) as number),
      500,
    )) {
      const rows = await db(invoice.table)
        .join(link.table, `${invoice.table}.id`, `${link.table}.${link.ownerColumn}`)
        .whereIn(`${invoice.table}.id`, part)
        .select({
          number: `${invoice.table}.${invoice.column('number')}`,
          currency: `${invoice.table}.${invoice.column('currency')}`,
          debtorId: `${link.table}.${link.targetColumn}`,
        });
      for (const row of rows)
        facts.set(String(row.number), {
          debtorId: Number(row.debtorId),
          currency: String(row.currency),
        });
    }
    const problems: LedgerProblem[] = [];
    const check = (
      entity: EntityName,
      key: string,
      debtorCode: string,
      currency: string,
      number: string,
    ) => {
      const fact = facts.get(number);
      if (!fact) return;
      if (fact.debtorId !== debtorIds.get(debtorCode)) {
        problems.push({
          entity,
          key,
          message: `${key} is from debtor ${debtorCode} but invoice ${number} is another debtor's / 与发票所属客户不一致`,
        });
      }
      if (fact.currency !== currency) {
        problems.push({
          entity,
          key,
          message: `${key} is in ${currency} but invoice ${number} is in ${fact.currency} / 币种不一致`,
        });
      }
    };
    for (const payment of batch.payments) {
      for (const allocation of payment.allocations) {
        check(
          'payments',
          payment.reference,
          payment.debtorCode,
          payment.currency,
          allocation.invoiceNumber,
        );
      }
    }
    for (const note of batch.creditNotes) {
      if (note.invoiceNumber)
        check('creditNotes', note.number, note.debtorCode, note.currency, note.invoiceNumber);
    }
    return problems;
  };

  /** Writes a whole batch in one transaction: either all of it lands or none of it. */
  const write = async (db: Db, batch: LedgerBatch): Promise<LedgerCounts> => {
    const conflicts: Array<LinkConflict & { entity: EntityName }> = [];
    const collect = (entity: EntityName, found: LinkConflict[]) =>
      conflicts.push(...found.map((conflict) => ({ ...conflict, entity })));

    const debtors = await upsert(
      db,
      UIDS.debtor,
      'code',
      batch.debtors.map((debtor) => ({
        key: debtor.code,
        values: {
          code: debtor.code,
          name: debtor.name,
          taxId: debtor.taxId ?? null,
          industry: debtor.industry ?? null,
          region: debtor.region ?? null,
          address: debtor.address ?? null,
          timeZone: debtor.timeZone ?? null,
          language: debtor.language ?? null,
          creditLimit: debtor.creditLimitMinor ?? null,
          creditLimitCurrency: debtor.creditLimitCurrency ?? null,
          assignedCollector: debtor.assignedCollector ?? null,
        },
        links: [],
      })),
    );
    const debtorCodes = [
      ...batch.contacts,
      ...batch.contracts,
      ...batch.invoices,
      ...batch.payments,
      ...batch.creditNotes,
      ...batch.shipments,
      ...batch.statements,
      ...batch.activities,
    ]
      .map((record) => record.debtorCode)
      .filter((code) => !debtors.ids.has(code));
    for (const [code, id] of await resolveIds(db, strapi, UIDS.debtor, 'code', debtorCodes))
      debtors.ids.set(code, id);
    const debtorId = (code: string) => idOf(debtors.ids, code, 'debtor');

    const contacts = await upsert(
      db,
      UIDS.contact,
      'contactKey',
      batch.contacts.map((contact) => ({
        key: contactKey(contact),
        values: {
          contactKey: contactKey(contact),
          name: contact.name,
          role: contact.role ?? null,
          phone: contact.phone ?? null,
          email: contact.email ?? null,
          preferredChannel: contact.preferredChannel ?? null,
          consent: contact.consent ?? true,
          doNotContact: contact.doNotContact ?? false,
        },
        links: [{ attribute: 'debtor', targetId: debtorId(contact.debtorCode), frozen: true }],
      })),
    );
    collect('contacts', contacts.conflicts);

    const contracts = await upsert(
      db,
      UIDS.contract,
      'number',
      batch.contracts.map((contract) => ({
        key: contract.number,
        values: {
          number: contract.number,
          signedDate: contract.signedDate ?? null,
          creditAmount: contract.creditAmountMinor ?? null,
          currency: contract.currency ?? null,
          paymentTermDays: contract.paymentTermDays ?? null,
          repaymentMethod: contract.repaymentMethod ?? null,
        },
        links: [{ attribute: 'debtor', targetId: debtorId(contract.debtorCode), frozen: true }],
      })),
    );
    collect('contracts', contracts.conflicts);
    const contractNumbers = batch.invoices
      .map((invoice) => invoice.contractNumber ?? '')
      .filter((number) => number !== '' && !contracts.ids.has(number));
    for (const [number, id] of await resolveIds(
      db,
      strapi,
      UIDS.contract,
      'number',
      contractNumbers,
    ))
      contracts.ids.set(number, id);

    const invoices = await upsert(
      db,
      UIDS.invoice,
      'number',
      batch.invoices.map((invoice) => ({
        key: invoice.number,
        values: {
          number: invoice.number,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          amount: invoice.amountMinor,
          currency: invoice.currency,
          disputed: invoice.disputed,
          billingChannel: invoice.billingChannel ?? null,
        },
        links: [
          { attribute: 'debtor', targetId: debtorId(invoice.debtorCode), frozen: true },
          {
            attribute: 'contract',
            targetId: idOf(contracts.ids, invoice.contractNumber, 'contract'),
          },
        ],
      })),
    );
    collect('invoices', invoices.conflicts);
    const invoiceNumbers = [
      ...batch.payments.flatMap((payment) =>
        payment.allocations.map((allocation) => allocation.invoiceNumber),
      ),
      ...batch.creditNotes.map((note) => note.invoiceNumber ?? ''),
      ...batch.shipments.map((shipment) => shipment.invoiceNumber ?? ''),
    ].filter((number) => number !== '' && !invoices.ids.has(number));
    for (const [number, id] of await resolveIds(db, strapi, UIDS.invoice, 'number', invoiceNumbers))
      invoices.ids.set(number, id);
    const invoiceId = (number: string | null | undefined) => idOf(invoices.ids, number, 'invoice');

    const stalePayments = await checkPaymentDates(db, batch);
    const payments = await upsert(
      db,
      UIDS.payment,
      'reference',
      batch.payments.map((payment) => ({
        key: payment.reference,
        values: {
          reference: payment.reference,
          paymentDate: payment.paymentDate,
          amount: payment.amountMinor,
          currency: payment.currency,
        },
        links: [{ attribute: 'debtor', targetId: debtorId(payment.debtorCode), frozen: true }],
      })),
    );
    collect('payments', payments.conflicts);

    const allocationRows = batch.payments.flatMap((payment) =>
      payment.allocations.map((allocation) => {
        const key = compositeKey(payment.reference, allocation.invoiceNumber);
        return {
          key,
          values: { allocationKey: key, amount: allocation.amountMinor },
          links: [
            {
              attribute: 'payment',
              targetId: payments.ids.get(payment.reference) ?? null,
              frozen: true,
            },
            { attribute: 'invoice', targetId: invoiceId(allocation.invoiceNumber), frozen: true },
          ],
        };
      }),
    );
    const allocations = await upsert(db, UIDS.allocation, 'allocationKey', allocationRows);

    const creditNotes = await upsert(
      db,
      UIDS.creditNote,
      'number',
      batch.creditNotes.map((note) => ({
        key: note.number,
        values: {
          number: note.number,
          issueDate: note.issueDate,
          amount: note.amountMinor,
          currency: note.currency,
          reason: note.reason ?? null,
        },
        links: [
          { attribute: 'debtor', targetId: debtorId(note.debtorCode), frozen: true },
          { attribute: 'invoice', targetId: invoiceId(note.invoiceNumber), frozen: true },
        ],
      })),
    );
    collect('creditNotes', creditNotes.conflicts);

    const shipments = await upsert(
      db,
      UIDS.shipment,
      'number',
      batch.shipments.map((shipment) => ({
        key: shipment.number,
        values: {
          number: shipment.number,
          orderNumber: shipment.orderNumber ?? null,
          shippedDate: shipment.shippedDate,
          deliveredDate: shipment.deliveredDate ?? null,
          proofOfDelivery: shipment.proofOfDelivery ?? null,
        },
        links: [
          { attribute: 'debtor', targetId: debtorId(shipment.debtorCode), frozen: true },
          { attribute: 'invoice', targetId: invoiceId(shipment.invoiceNumber) },
        ],
      })),
    );
    collect('shipments', shipments.conflicts);

    const statements = await upsert(
      db,
      UIDS.statement,
      'statementKey',
      batch.statements.map((statement) => {
        const key = statementKey(statement);
        const lines = Object.fromEntries(
          STATEMENT_LINES.map((line) => [statementAttribute(line), statement[line] ?? null]),
        );
        return {
          key,
          values: {
            statementKey: key,
            periodStart: statement.periodStart ?? null,
            periodEnd: statement.periodEnd,
            currency: statement.currency,
            ...lines,
          },
          links: [{ attribute: 'debtor', targetId: debtorId(statement.debtorCode), frozen: true }],
        };
      }),
    );
    collect('statements', statements.conflicts);

    const activities = await upsert(
      db,
      UIDS.activity,
      'activityKey',
      batch.activities.map((activity) => ({
        key: activity.key,
        values: {
          activityKey: activity.key,
          occurredAt: new Date(
            activity.occurredOn.length === 10
              ? `${activity.occurredOn}T00:00:00Z`
              : activity.occurredOn,
          ),
          channel: activity.channel,
          direction: activity.direction,
          outcome: activity.outcome,
          summary: activity.summary ?? null,
          promiseDate: activity.promiseDate ?? null,
          promiseAmount: activity.promiseAmountMinor ?? null,
          promiseCurrency: activity.promiseCurrency ?? null,
        },
        links: [{ attribute: 'debtor', targetId: debtorId(activity.debtorCode), frozen: true }],
      })),
    );
    collect('activities', activities.conflicts);

    if (conflicts.length > 0) throw new LedgerConflictError(conflicts);

    const changedAllocations = new Set(allocations.changedIds);
    const changedCredits = new Set(creditNotes.changedIds);
    const touched = [
      ...invoices.changedIds,
      ...allocationRows
        .filter((row) => changedAllocations.has(allocations.ids.get(row.key) as number))
        .map((row) => row.links[1]?.targetId)
        .filter((id): id is number => typeof id === 'number'),
      ...batch.creditNotes
        .filter((note) => changedCredits.has(creditNotes.ids.get(note.number) as number))
        .map((note) => invoiceId(note.invoiceNumber))
        .filter((id): id is number => id !== null),
    ];
    const problems = [
      ...stalePayments,
      ...(await checkCounterparts(db, batch, debtors.ids, invoices.ids)),
      ...(await refreshOpenAmounts(db, touched)),
    ];
    if (problems.length > 0) throw new LedgerIntegrityError(problems);

    const counts = (result: UpsertCounts): UpsertCounts => ({
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
    });
    return {
      debtors: counts(debtors),
      contacts: counts(contacts),
      contracts: counts(contracts),
      invoices: counts(invoices),
      payments: counts(payments),
      allocations: counts(allocations),
      creditNotes: counts(creditNotes),
      shipments: counts(shipments),
      statements: counts(statements),
      activities: counts(activities),
    };
  };

  return { write };
};
