import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { toIsoDate } from '../domain/dates';
import type { MessageContext } from '../domain/message-context';
import type { StoredAction } from '../repositories/action-store';
import { fromDbTime, modelTable, type Db } from '../utils/model';
import { storeDocument } from './documents';

const REFERRAL_UID = 'api::referral.referral';

export interface HandOff {
  referralId: string;
  kind: 'legal_review' | 'agency';
  handlerName: string;
  dossierPath: string;
  created: boolean;
}

/** Rows of a content type linked to one target through a relation's link table. */
const linkedRows = async (
  strapi: Core.Strapi,
  db: Db,
  uid: string,
  attribute: string,
  targetIds: number[],
): Promise<Array<Record<string, unknown>>> => {
  if (targetIds.length === 0) return [];
  const table = modelTable(strapi, uid as never);
  const link = table.link(attribute);
  return db(table.table)
    .join(link.table, `${table.table}.id`, `${link.table}.${link.ownerColumn}`)
    .whereIn(`${link.table}.${link.targetColumn}`, targetIds)
    .select(`${table.table}.*`);
};

const day = (value: unknown): string | null => (value ? toIsoDate(value) : null);

/**
 * The dossier a lawyer or an agency works from: the contracts, the open invoices with their
 * delivery records, every notice sent on the case with its proof (provider id, stored
 * letter and its SHA-256), and what the debtor said (promises, disputes, refusals).
 */
const buildDossier = async (strapi: Core.Strapi, action: StoredAction, context: MessageContext) => {
  const db = strapi.db.connection;
  const contract = modelTable(strapi, 'api::contract.contract');
  const shipment = modelTable(strapi, 'api::shipment.shipment');
  const invoice = modelTable(strapi, 'api::invoice.invoice');
  const act = modelTable(strapi, 'api::action.action');
  const activity = modelTable(strapi, 'api::activity.activity');

  const contracts = await linkedRows(strapi, db, contract.uid, 'debtor', [action.debtorId]);
  const numbers = context.invoices.map((item) => item.number);
  const invoiceIds = (
    await db(invoice.table).whereIn(invoice.column('number'), numbers).select('id')
  ).map((row) => Number(row.id));
  const shipments = await linkedRows(strapi, db, shipment.uid, 'invoice', invoiceIds);
  const notices = (await linkedRows(strapi, db, act.uid, 'collectionCase', [action.caseId]))
    .filter((row) => ['sent', 'completed'].includes(String(row[act.column('dispatchStatus')])))
    .filter((row) => Number(row.id) !== action.id);
  const answers = (
    await linkedRows(strapi, db, activity.uid, 'collectionCase', [action.caseId])
  ).filter((row) => row[activity.column('direction')] === 'inbound');

  return {
    debtor: context.debtor,
    creditor: context.creditor,
    asOf: context.asOf,
    claim: { overdueMinor: context.totals.overdueMinor, currency: context.currency },
    contracts: contracts.map((row) => ({
      number: row[contract.column('number')],
      signedDate: day(row[contract.column('signedDate')]),
      creditAmountMinor: Number(row[contract.column('creditAmount')] ?? 0),
      currency: row[contract.column('currency')],
      paymentTermDays: row[contract.column('paymentTermDays')],
    })),
    invoices: context.invoices,
    deliveries: shipments.map((row) => ({
      number: row[shipment.column('number')],
      orderNumber: row[shipment.column('orderNumber')],
      shippedDate: day(row[shipment.column('shippedDate')]),
      deliveredDate: day(row[shipment.column('deliveredDate')]),
      proofOfDelivery: row[shipment.column('proofOfDelivery')],
    })),
    notices: notices.map((row) => ({
      action: row.document_id,
      step: row[act.column('stepKey')],
      channel: row[act.column('channel')],
      status: row[act.column('dispatchStatus')],
      sentAt: fromDbTime(row[act.column('sentAt')])?.toISOString() ?? null,
      recipient: row[act.column('recipient')],
      providerMessageId: row[act.column('providerMessageId')],
      deliveryState: row[act.column('deliveryState')],
      document: row[act.column('documentPath')],
      documentSha256: row[act.column('documentSha256')],
    })),
    debtorAnswers: answers.map((row) => ({
      at: fromDbTime(row[activity.column('occurredAt')])?.toISOString() ?? null,
      outcome: row[activity.column('outcome')],
      summary: row[activity.column('summary')],
      promiseDate: day(row[activity.column('promiseDate')]),
    })),
  };
};

/**
 * Hands a case to legal review or to its agency: stores the dossier and a referral record
 * (once per action: a retry finds the one it made). The dispatcher freezes the case for
 * internal steps in the same step as it records the action.
 */
export const handOff = async (
  strapi: Core.Strapi,
  action: StoredAction,
  context: MessageContext,
): Promise<HandOff> => {
  const kind = action.channel === 'agency' ? 'agency' : 'legal_review';
  const existing = (await strapi
    .documents(REFERRAL_UID as never)
    .findFirst({ filters: { referralKey: action.idempotencyKey } } as never)) as unknown as {
    documentId: string;
    handlerName: string;
    dossierPath: string;
  } | null;
  if (existing) {
    return { ...existing, referralId: existing.documentId, kind, created: false };
  }

  const dossier = await buildDossier(strapi, action, context);
  const stored = await storeDocument(
    path.join('referrals', `${action.documentId}.json`),
    Buffer.from(JSON.stringify(dossier, null, 2)),
  );
  const agency = context.agency;
  const handlerName =
    kind === 'agency' && agency
      ? agency.name
      : context.locale === 'en'
        ? 'Legal review'
        : '法务审核';
  const created = (await strapi.documents(REFERRAL_UID as never).create({
    data: {
      referralKey: action.idempotencyKey,
      kind,
      referralStatus: 'open',
      openedOn: context.asOf,
      handlerCode: kind === 'agency' ? (agency?.code ?? null) : 'legal',
      handlerName,
      handlerContact: agency ? [agency.contactName, agency.phone, agency.email].join(' ') : null,
      claimAmount: String(context.totals.overdueMinor),
      currency: context.currency,
      feePercent: kind === 'agency' ? await commissionOf(strapi, agency?.code) : null,
      dossier,
      dossierPath: stored.path,
      dossierSha256: stored.sha256,
      actionKey: action.idempotencyKey,
      collectionCase: await documentIdOf(
        strapi,
        'api::collection-case.collection-case',
        action.caseId,
      ),
      debtor: await documentIdOf(strapi, 'api::debtor.debtor', action.debtorId),
    },
  } as never)) as unknown as { documentId: string };
  return {
    referralId: created.documentId,
    kind,
    handlerName,
    dossierPath: stored.path,
    created: true,
  };
};

/** Strapi 5's Document Service relates documents by document id. */
const documentIdOf = async (strapi: Core.Strapi, uid: string, id: number): Promise<string> => {
  const row = await strapi.db
    .connection(modelTable(strapi, uid as never).table)
    .where({ id })
    .first('document_id');
  return String(row?.document_id);
};

const commissionOf = async (strapi: Core.Strapi, code: string | undefined) => {
  if (!code) return null;
  const agency = (await strapi
    .documents('api::agency.agency')
    .findFirst({ filters: { code } } as never)) as unknown as { commissionPercent?: number } | null;
  return agency?.commissionPercent ?? null;
};
