import type { Core } from '@strapi/strapi';

import { toIsoDate } from '../domain/dates';
import type { DebtorExposure } from '../domain/portfolio';
import { toMinor } from '../domain/money';
import { chunks as chunksOf, modelTable, systemColumns, type Db } from '../utils/model';
import type { StoredDebtor } from './portfolio-store';

export interface OpenCase {
  id: number;
  documentId: string;
  caseKey: string;
  debtorId: number;
  openedOn: string;
  stage: string | null;
  exposure: DebtorExposure;
}

export interface CaseSyncResult {
  opened: number;
  updated: number;
  closed: number;
  openCases: OpenCase[];
  closedCaseIds: number[];
}

/** A run for a day before the one the open cases were last run for would rewrite them. */
export class BackdatedRunError extends Error {
  override name = 'BackdatedRunError';
}

const CASE_UID = 'api::collection-case.collection-case';

/** Opens, updates and closes collection cases: one open case per debtor with overdue items. */
export const createCaseStore = (strapi: Core.Strapi) => {
  const model = () => modelTable(strapi, CASE_UID);

  const loadOpen = async (db: Db) => {
    const cases = model();
    const link = cases.link('debtor');
    const rows = await db(cases.table)
      .join(link.table, `${cases.table}.id`, `${link.table}.${link.ownerColumn}`)
      .where(`${cases.table}.${cases.column('caseStatus')}`, 'open')
      .select(`${cases.table}.*`, { debtorId: `${link.table}.${link.targetColumn}` });
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.debtorId), row]));
  };

  const figures = (exposure: DebtorExposure) => {
    const cases = model();
    return {
      [cases.column('lastAsOf')]: exposure.asOf,
      [cases.column('overdueAmount')]: exposure.overdueMinor,
      [cases.column('currency')]: exposure.currency,
      [cases.column('maxDaysPastDue')]: exposure.maxDaysPastDue,
      [cases.column('overdueInvoices')]: exposure.overdueInvoices,
    };
  };

  const unchanged = (row: Record<string, unknown>, exposure: DebtorExposure): boolean => {
    const cases = model();
    return (
      toMinor(row[cases.column('overdueAmount')]) === exposure.overdueMinor &&
      row[cases.column('currency')] === exposure.currency &&
      Number(row[cases.column('maxDaysPastDue')]) === exposure.maxDaysPastDue &&
      Number(row[cases.column('overdueInvoices')]) === exposure.overdueInvoices
    );
  };

  /** An open case as stored, with today's figures. */
  const storedCase = (row: Record<string, unknown>, exposure: DebtorExposure): OpenCase => {
    const cases = model();
    return {
      id: Number(row.id),
      documentId: String(row.document_id),
      caseKey: String(row[cases.column('caseKey')]),
      debtorId: exposure.debtorId,
      openedOn: toIsoDate(row[cases.column('openedOn')]),
      stage: (row[cases.column('stage')] as string | null) ?? null,
      exposure,
    };
  };

  const uniqueKey = async (db: Db, base: string): Promise<string> => {
    const cases = model();
    const taken = new Set(
      (
        await db(cases.table)
          .select(cases.column('caseKey'))
          .where(cases.column('caseKey'), 'like', `${base}%`)
      ).map((row: Record<string, unknown>) => String(row[cases.column('caseKey')])),
    );
    if (!taken.has(base)) return base;
    let suffix = 2;
    while (taken.has(`${base}-${suffix}`)) suffix += 1;
    return `${base}-${suffix}`;
  };

  /** The latest day any run saw each debtor's cases, open or closed. */
  const latestRunDays = async (db: Db): Promise<Map<number, { day: string; caseKey: string }>> => {
    const cases = model();
    const link = cases.link('debtor');
    const rows = await db(cases.table)
      .join(link.table, `${cases.table}.id`, `${link.table}.${link.ownerColumn}`)
      .select({
        debtorId: `${link.table}.${link.targetColumn}`,
        caseKey: `${cases.table}.${cases.column('caseKey')}`,
        lastAsOf: `${cases.table}.${cases.column('lastAsOf')}`,
        closedOn: `${cases.table}.${cases.column('closedOn')}`,
      });
    const latest = new Map<number, { day: string; caseKey: string }>();
    for (const row of rows as Array<Record<string, unknown>>) {
      for (const value of [row.lastAsOf, row.closedOn]) {
        if (value === null || value === undefined) continue;
        const day = toIsoDate(value);
        const current = latest.get(Number(row.debtorId));
        if (!current || day > current.day)
          latest.set(Number(row.debtorId), { day, caseKey: String(row.caseKey) });
      }
    }
    return latest;
  };

  /**
   * Refuses a run for a day before one a run already saw: it would reopen or
   * rewrite cases as if later payments had not happened. Replays of the past
   * belong in their own database.
   */
  const refuseBackdated = async (db: Db, asOfFor: (debtorId: number) => string): Promise<void> => {
    const later = [...(await latestRunDays(db))].filter(
      ([debtorId, seen]) => seen.day > asOfFor(debtorId),
    );
    if (later.length === 0) return;
    const [debtorId, seen] = later[0] as [number, { day: string; caseKey: string }];
    throw new BackdatedRunError(
      `${later.length} debtor(s) were already run for a later day (e.g. case ${seen.caseKey} ` +
        `on ${seen.day}, not ${asOfFor(debtorId)}): run replays of past days on a separate ` +
        'database (set DATABASE_FILENAME or DATABASE_URL) / 已运行过更晚的日期，请在单独的数据库中回放',
    );
  };

  const sync = async (
    db: Db,
    exposures: Map<number, DebtorExposure>,
    debtors: Map<number, StoredDebtor>,
    closingDate: (debtorId: number) => string,
    only?: ReadonlySet<number>,
  ): Promise<CaseSyncResult> => {
    const cases = model();
    const link = cases.link('debtor');
    const open = await loadOpen(db);
    // Re-evaluating a few debtors on an event leaves every other case as it is.
    if (only) {
      for (const debtorId of [...open.keys()]) if (!only.has(debtorId)) open.delete(debtorId);
      for (const debtorId of [...exposures.keys()]) {
        if (!only.has(debtorId)) exposures.delete(debtorId);
      }
    }
    const result: CaseSyncResult = {
      opened: 0,
      updated: 0,
      closed: 0,
      openCases: [],
      closedCaseIds: [],
    };
    const now = new Date();

    for (const exposure of exposures.values()) {
      if (exposure.overdueInvoices === 0) continue;
      const row = open.get(exposure.debtorId);
      if (row) {
        if (!unchanged(row, exposure)) {
          await db(cases.table)
            .where({ id: row.id })
            .update({ ...figures(exposure), updated_at: now });
          result.updated += 1;
        }
        result.openCases.push(storedCase(row, exposure));
        continue;
      }

      const debtor = debtors.get(exposure.debtorId);
      if (!debtor) throw new Error(`debtor id ${exposure.debtorId} has invoices but no debtor row`);
      const caseKey = await uniqueKey(db, `${debtor.code}-${exposure.asOf}`);
      const system = systemColumns(now);
      const [inserted] = await db(cases.table)
        .insert({
          ...system,
          [cases.column('caseKey')]: caseKey,
          [cases.column('caseStatus')]: 'open',
          [cases.column('openedOn')]: exposure.asOf,
          ...figures(exposure),
        })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      await db(link.table).insert({
        [link.ownerColumn]: id,
        [link.targetColumn]: exposure.debtorId,
        ...(link.orderColumn ? { [link.orderColumn]: 1 } : {}),
      });
      result.opened += 1;
      result.openCases.push({
        id,
        documentId: system.document_id,
        caseKey,
        debtorId: exposure.debtorId,
        openedOn: exposure.asOf,
        stage: null,
        exposure,
      });
    }

    const toClose = [...open].filter(
      ([debtorId]) => (exposures.get(debtorId)?.overdueInvoices ?? 0) === 0,
    );
    for (const [debtorId, row] of toClose) {
      await db(cases.table)
        .where({ id: row.id })
        .update({
          [cases.column('caseStatus')]: 'closed',
          [cases.column('closedOn')]: closingDate(debtorId),
          [cases.column('lastAsOf')]: closingDate(debtorId),
          [cases.column('overdueAmount')]: 0,
          [cases.column('overdueInvoices')]: 0,
          updated_at: now,
        });
      result.closed += 1;
      result.closedCaseIds.push(Number(row.id));
    }
    return result;
  };

  /**
   * What sync would make of the cases, writing nothing (dry runs): open cases as stored with
   * today's figures, and a case for each debtor that would open one, with a negative id.
   */
  const preview = async (
    db: Db,
    exposures: Map<number, DebtorExposure>,
    debtors: Map<number, StoredDebtor>,
  ): Promise<CaseSyncResult> => {
    const cases = model();
    const open = await loadOpen(db);
    const result: CaseSyncResult = {
      opened: 0,
      updated: 0,
      closed: 0,
      openCases: [],
      closedCaseIds: [],
    };
    for (const exposure of exposures.values()) {
      if (exposure.overdueInvoices === 0) continue;
      const row = open.get(exposure.debtorId);
      if (row) {
        if (!unchanged(row, exposure)) result.updated += 1;
        result.openCases.push(storedCase(row, exposure));
        continue;
      }
      const code = debtors.get(exposure.debtorId)?.code ?? String(exposure.debtorId);
      result.opened += 1;
      result.openCases.push({
        id: -exposure.debtorId,
        documentId: `dry-run:${code}`,
        caseKey: `${code}-${exposure.asOf}`,
        debtorId: exposure.debtorId,
        openedOn: exposure.asOf,
        stage: null,
        exposure,
      });
    }
    for (const [debtorId, row] of open) {
      if ((exposures.get(debtorId)?.overdueInvoices ?? 0) === 0) {
        result.closed += 1;
        result.closedCaseIds.push(Number(row.id));
      }
    }
    return result;
  };

  /** Hands a case to an agency: it is frozen for internal steps from that day on. */
  const freeze = async (db: Db, caseId: number, agencyCode: string, day: string) => {
    const cases = model();
    await db(cases.table)
      .where({ id: caseId })
      .update({
        [cases.column('agencyCode')]: agencyCode,
        [cases.column('frozenOn')]: day,
        updated_at: new Date(),
      });
  };

  /** A case goes to legal review: internal steps stop until the review ends. */
  const startLegalReview = async (db: Db, caseId: number, day: string) => {
    const cases = model();
    await db(cases.table)
      .where({ id: caseId })
      .update({ [cases.column('legalReviewOn')]: day, updated_at: new Date() });
  };

  /** A case back from legal review or from an agency: internal steps may be planned again. */
  const endHandOff = async (db: Db, caseId: number, kind: 'legal_review' | 'agency') => {
    const cases = model();
    const cleared =
      kind === 'legal_review'
        ? { [cases.column('legalReviewOn')]: null }
        : { [cases.column('agencyCode')]: null, [cases.column('frozenOn')]: null };
    await db(cases.table)
      .where({ id: caseId })
      .update({ ...cleared, updated_at: new Date() });
  };

  /** Records the hold the strategy put the case on (a promise to pay, a wait for a reply). */
  const setHold = async (db: Db, caseId: number, until: string, reason: string) => {
    const cases = model();
    await db(cases.table)
      .where({ id: caseId })
      .update({
        [cases.column('holdUntil')]: until,
        [cases.column('holdReason')]: reason,
        updated_at: new Date(),
      });
  };

  /** Keeps the first branch each case took in each experiment: assignment is for good. */
  const recordAssignments = async (
    db: Db,
    assignments: Map<number, Array<{ experiment: string; branch: string; day: string }>>,
  ): Promise<number> => {
    const cases = model();
    const column = cases.column('assignments');
    let changed = 0;
    for (const part of chunksOf([...assignments.keys()], 500)) {
      const rows = await db(cases.table).whereIn('id', part).select('id', column);
      for (const row of rows as Array<Record<string, unknown>>) {
        const raw = row[column];
        const stored = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Record<
          string,
          { branch: string; assignedOn: string }
        >;
        let dirty = false;
        for (const entry of assignments.get(Number(row.id)) ?? []) {
          if (stored[entry.experiment]) continue;
          stored[entry.experiment] = { branch: entry.branch, assignedOn: entry.day };
          dirty = true;
        }
        if (!dirty) continue;
        await db(cases.table)
          .where({ id: row.id })
          .update({ [column]: JSON.stringify(stored) });
        changed += 1;
      }
    }
    return changed;
  };

  /** Records the latest strategy step each case reached. */
  const setStages = async (db: Db, stages: Map<number, string>): Promise<void> => {
    const cases = model();
    for (const [id, stage] of stages) {
      await db(cases.table)
        .where({ id })
        .update({ [cases.column('stage')]: stage });
    }
  };

  return {
    sync,
    preview,
    freeze,
    startLegalReview,
    endHandOff,
    setHold,
    recordAssignments,
    setStages,
    refuseBackdated,
  };
};
