import type { Core } from '@strapi/strapi';

import type { Channel } from '../domain/ledger';
import { chunks, fromDbTime, modelTable, systemColumns, type Db } from '../utils/model';

export type ActionStatus =
  | 'planned'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'task_open'
  | 'failed'
  | 'cancelled'
  | 'held'
  | 'unconfirmed'
  /** A collector's task whose outcome is recorded. */
  | 'completed';

export type ActionKind = 'action' | 'hold' | 'escalation' | 'offer';

export interface NewAction {
  idempotencyKey: string;
  kind: ActionKind;
  stepKey: string;
  round: number;
  /** Null for a hold, which is a stored pause, not something to send. */
  channel: Channel | null;
  templateCode: string | null;
  asOf: string;
  dueAt: Date;
  flowVersion: string;
  /** The version of the strategy (content type) the flow file was stored as. */
  strategyVersion: number | null;
  flowNodeId: string;
  /** The split branches the case took to this step. */
  branches: Array<{ experiment: string; branch: string }>;
  /** A hold's reason, an escalation's agency, an offer's terms. */
  detail: Record<string, unknown> | null;
  caseId: number;
  debtorId: number;
}

export interface StoredAction {
  id: number;
  documentId: string;
  idempotencyKey: string;
  kind: ActionKind;
  stepKey: string;
  /** An offer's terms, an escalation's agency: what the message renders beside the ledger. */
  detail: Record<string, unknown> | null;
  channel: Channel;
  templateCode: string;
  status: ActionStatus;
  asOf: string;
  dueAt: Date;
  attempts: number;
  claimToken: string | null;
  /** Set just before a provider is called: a stale claim with it set may have been sent. */
  provider: string | null;
  caseId: number;
  debtorId: number;
  /** The case's state now: a closed case gets nothing more. */
  caseStatus: string;
  /** The latest day a run saw the case; the ledger at send time is read as of then at least. */
  caseLastAsOf: string | null;
}

const ACTION_UID = 'api::action.action';

/** JSON columns come back parsed from PostgreSQL and as text from SQLite. */
const parseJson = (value: unknown): Record<string, unknown> | null => {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
};

/** The outbox: planned and executed actions, one row per idempotency key. */
export const createActionStore = (strapi: Core.Strapi) => {
  const model = () => modelTable(strapi, ACTION_UID);

  /** Which of these idempotency keys are stored already. */
  const existingKeys = async (db: Db, keys: string[]): Promise<Set<string>> => {
    const table = model();
    const keyColumn = table.column('idempotencyKey');
    const known = new Set<string>();
    for (const part of chunks(keys, 500)) {
      const rows = await db(table.table).select(keyColumn).whereIn(keyColumn, part);
      for (const row of rows) known.add(String(row[keyColumn]));
    }
    return known;
  };

  /**
   * The stored actions a newer flow version plans differently (another channel, template, due
   * time, kind or terms) that have not gone anywhere yet (still `planned`, not queued): a
   * deployed change reaches the cases already in the strategy. Returns those, as planned now.
   */
  const findReplans = async (db: Db, actions: NewAction[]): Promise<NewAction[]> => {
    const table = model();
    const keyColumn = table.column('idempotencyKey');
    const byKey = new Map(actions.map((action) => [action.idempotencyKey, action]));
    const replans: NewAction[] = [];
    for (const part of chunks([...byKey.keys()], 500)) {
      const rows = await db(table.table)
        .whereIn(keyColumn, part)
        .where(table.column('dispatchStatus'), 'planned');
      for (const row of rows as Array<Record<string, unknown>>) {
        const wanted = byKey.get(String(row[keyColumn])) as NewAction;
        if (row[table.column('flowVersion')] === wanted.flowVersion) continue;
        const dueAt = fromDbTime(row[table.column('dueAt')]);
        const differs =
          row[table.column('channel')] !== wanted.channel ||
          (row[table.column('templateCode')] ?? null) !== wanted.templateCode ||
          (row[table.column('kind')] ?? 'action') !== wanted.kind ||
          dueAt?.getTime() !== wanted.dueAt.getTime() ||
          JSON.stringify(parseJson(row[table.column('detail')])) !== JSON.stringify(wanted.detail);
        if (differs) replans.push(wanted);
      }
    }
    return replans;
  };

  /** Rewrites still-planned actions as the newer flow plans them (see findReplans). */
  const replan = async (db: Db, actions: NewAction[]): Promise<number> => {
    const table = model();
    let changed = 0;
    for (const action of actions) {
      changed += Number(
        await db(table.table)
          .where(table.column('idempotencyKey'), action.idempotencyKey)
          .where(table.column('dispatchStatus'), 'planned')
          .update({
            [table.column('kind')]: action.kind,
            [table.column('channel')]: action.channel,
            [table.column('templateCode')]: action.templateCode,
            [table.column('dueAt')]: action.dueAt,
            [table.column('flowVersion')]: action.flowVersion,
            [table.column('strategyVersion')]: action.strategyVersion,
            [table.column('flowNodeId')]: action.flowNodeId,
            [table.column('branches')]: JSON.stringify(action.branches),
            [table.column('detail')]: action.detail === null ? null : JSON.stringify(action.detail),
            updated_at: new Date(),
          }),
      );
    }
    return changed;
  };

  /** Inserts the actions whose key is new; returns only those it inserted. */
  const planMany = async (db: Db, actions: NewAction[]): Promise<NewAction[]> => {
    const table = model();
    const keyColumn = table.column('idempotencyKey');
    const known = await existingKeys(
      db,
      actions.map((action) => action.idempotencyKey),
    );
    const fresh = actions.filter((action) => {
      if (known.has(action.idempotencyKey)) return false;
      known.add(action.idempotencyKey);
      return true;
    });
    if (fresh.length === 0) return [];

    const now = new Date();
    for (const part of chunks(fresh, 200)) {
      await db(table.table)
        .insert(
          part.map((action) => ({
            ...systemColumns(now),
            [keyColumn]: action.idempotencyKey,
            [table.column('kind')]: action.kind,
            [table.column('stepKey')]: action.stepKey,
            [table.column('round')]: action.round,
            [table.column('channel')]: action.channel,
            [table.column('templateCode')]: action.templateCode,
            [table.column('dispatchStatus')]: action.kind === 'hold' ? 'held' : 'planned',
            [table.column('asOf')]: action.asOf,
            [table.column('dueAt')]: action.dueAt,
            [table.column('attempts')]: 0,
            [table.column('flowVersion')]: action.flowVersion,
            [table.column('strategyVersion')]: action.strategyVersion,
            [table.column('flowNodeId')]: action.flowNodeId,
            [table.column('branches')]: JSON.stringify(action.branches),
            [table.column('detail')]: action.detail === null ? null : JSON.stringify(action.detail),
          })),
        )
        .onConflict(keyColumn)
        .ignore();
    }

    const ids = new Map<string, number>();
    for (const part of chunks(
      fresh.map((action) => action.idempotencyKey),
      500,
    )) {
      const rows = await db(table.table).select('id', keyColumn).whereIn(keyColumn, part);
      for (const row of rows) ids.set(String(row[keyColumn]), Number(row.id));
    }
    for (const attribute of ['collectionCase', 'debtor'] as const) {
      const link = table.link(attribute);
      const rows = fresh.map((action) => ({
        [link.ownerColumn]: ids.get(action.idempotencyKey) as number,
        [link.targetColumn]: attribute === 'debtor' ? action.debtorId : action.caseId,
        ...(link.orderColumn ? { [link.orderColumn]: 1 } : {}),
      }));
      for (const part of chunks(rows, 500)) await db(link.table).insert(part);
    }
    return fresh;
  };

  const fromRow = (row: Record<string, unknown>): StoredAction => {
    const table = model();
    return {
      id: Number(row.id),
      documentId: String(row.document_id),
      idempotencyKey: String(row[table.column('idempotencyKey')]),
      kind: (row[table.column('kind')] as ActionKind | null) ?? 'action',
      stepKey: String(row[table.column('stepKey')]),
      channel: row[table.column('channel')] as Channel,
      templateCode: String(row[table.column('templateCode')] ?? ''),
      detail: parseJson(row[table.column('detail')]),
      status: row[table.column('dispatchStatus')] as ActionStatus,
      asOf: String(row[table.column('asOf')]).slice(0, 10),
      dueAt: fromDbTime(row[table.column('dueAt')]) as Date,
      attempts: Number(row[table.column('attempts')] ?? 0),
      claimToken: (row[table.column('claimToken')] as string | null) ?? null,
      provider: (row[table.column('provider')] as string | null) ?? null,
      caseId: Number(row.caseId),
      debtorId: Number(row.debtorId),
      caseStatus: String(row.caseStatus),
      caseLastAsOf: row.caseLastAsOf ? String(row.caseLastAsOf).slice(0, 10) : null,
    };
  };

  const selectWithLinks = (db: Db) => {
    const table = model();
    const toCase = table.link('collectionCase');
    const toDebtor = table.link('debtor');
    const cases = modelTable(strapi, 'api::collection-case.collection-case');
    return db(table.table)
      .join(toCase.table, `${table.table}.id`, `${toCase.table}.${toCase.ownerColumn}`)
      .join(toDebtor.table, `${table.table}.id`, `${toDebtor.table}.${toDebtor.ownerColumn}`)
      .join(cases.table, `${cases.table}.id`, `${toCase.table}.${toCase.targetColumn}`)
      .select(`${table.table}.*`, {
        caseId: `${toCase.table}.${toCase.targetColumn}`,
        debtorId: `${toDebtor.table}.${toDebtor.targetColumn}`,
        caseStatus: `${cases.table}.${cases.column('caseStatus')}`,
        caseLastAsOf: `${cases.table}.${cases.column('lastAsOf')}`,
      });
  };

  /**
   * Actions that are due and not yet done: planned, queued by a run that may
   * have died, or claimed by a worker that stopped answering.
   */
  const listDue = async (db: Db, now: Date, staleAfterMs: number): Promise<StoredAction[]> => {
    const table = model();
    const status = `${table.table}.${table.column('dispatchStatus')}`;
    const staleBefore = new Date(now.getTime() - staleAfterMs);
    const rows = await selectWithLinks(db)
      .where(`${table.table}.${table.column('dueAt')}`, '<=', now)
      .andWhere((where) =>
        where
          .whereIn(status, ['planned', 'queued'])
          .orWhere((stale) =>
            stale
              .where(status, 'sending')
              .andWhere(`${table.table}.${table.column('claimedAt')}`, '<', staleBefore),
          ),
      );
    return rows.map(fromRow);
  };

  const findById = async (db: Db, id: number): Promise<StoredAction | null> => {
    const row = await selectWithLinks(db).where(`${model().table}.id`, id).first();
    return row ? fromRow(row) : null;
  };

  /** Actions by status; with `dueBy`, only those due by then (a deferred send is not yet). */
  const statusCounts = async (
    db: Db,
    ids: number[],
    dueBy?: Date,
  ): Promise<Record<string, number>> => {
    const table = model();
    const counts: Record<string, number> = {};
    for (const part of chunks(ids, 500)) {
      const query = db(table.table).whereIn('id', part);
      if (dueBy) query.where(table.column('dueAt'), '<=', dueBy);
      const rows = await query
        .groupBy(table.column('dispatchStatus'))
        .select({ status: table.column('dispatchStatus') })
        .count({ count: '*' });
      for (const row of rows as Array<Record<string, unknown>>) {
        counts[String(row.status)] = (counts[String(row.status)] ?? 0) + Number(row.count);
      }
    }
    return counts;
  };

  const markQueued = async (db: Db, ids: number[]): Promise<void> => {
    const table = model();
    for (const part of chunks(ids, 500)) {
      await db(table.table)
        .whereIn('id', part)
        .where(table.column('dispatchStatus'), 'planned')
        .update({ [table.column('dispatchStatus')]: 'queued' });
    }
  };

  /**
   * Claims an action for sending: only one worker wins, and only while the
   * action is not done. A claim older than `staleAfterMs` (its worker died)
   * may be taken over.
   */
  const claim = async (
    db: Db,
    id: number,
    token: string,
    staleAfterMs: number,
  ): Promise<boolean> => {
    const table = model();
    const now = new Date();
    const staleBefore = new Date(now.getTime() - staleAfterMs);
    const changed = await db(table.table)
      .where('id', id)
      .andWhere((where) =>
        where
          .whereIn(table.column('dispatchStatus'), ['planned', 'queued'])
          .orWhere((stale) =>
            stale
              .where(table.column('dispatchStatus'), 'sending')
              .andWhere(table.column('claimedAt'), '<', staleBefore),
          ),
      )
      .update({
        [table.column('dispatchStatus')]: 'sending',
        [table.column('claimToken')]: token,
        [table.column('claimedAt')]: now,
        [table.column('attempts')]: db.raw('?? + 1', [table.column('attempts')]),
      });
    return Number(changed) === 1;
  };

  /** Writes an outcome, but only for the worker that holds the claim. */
  const finish = async (
    db: Db,
    id: number,
    token: string,
    fields: Record<string, unknown>,
  ): Promise<boolean> => {
    const table = model();
    const columns = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [table.column(name), value]),
    );
    const changed = await db(table.table)
      .where({ id, [table.column('claimToken')]: token })
      .update({ ...columns, updated_at: new Date() });
    return Number(changed) === 1;
  };

  /** Cancels what is still to do for closed cases: nothing is sent for a paid account. */
  const cancelForCases = async (db: Db, caseIds: number[], reason: string): Promise<number> => {
    const table = model();
    const link = table.link('collectionCase');
    let cancelled = 0;
    for (const part of chunks(caseIds, 500)) {
      const ids = db(link.table).select(link.ownerColumn).whereIn(link.targetColumn, part);
      cancelled += Number(
        await db(table.table)
          .whereIn('id', ids)
          .whereIn(table.column('dispatchStatus'), ['planned', 'queued', 'task_open'])
          .update({
            [table.column('dispatchStatus')]: 'cancelled',
            [table.column('lastError')]: reason,
          }),
      );
    }
    return cancelled;
  };

  /**
   * Cancels what a case still has to do, e.g. when it goes to an agency (its internal steps)
   * or the debtor promised to pay (the steps due before the promised day).
   */
  const cancelPendingForCase = async (
    db: Db,
    caseId: number,
    reason: string,
    options: { kinds: ActionKind[]; dueBefore?: Date; exceptKeys?: string[]; openTasks?: boolean },
  ): Promise<number> => {
    const table = model();
    const link = table.link('collectionCase');
    const ids = db(link.table).select(link.ownerColumn).where(link.targetColumn, caseId);
    const pending = options.openTasks ? ['planned', 'queued', 'task_open'] : ['planned', 'queued'];
    let query = db(table.table)
      .whereIn('id', ids)
      .whereIn(table.column('dispatchStatus'), pending)
      .where((kind) => {
        kind.whereIn(table.column('kind'), options.kinds);
        // Rows planned before kinds existed are plain actions.
        if (options.kinds.includes('action')) kind.orWhereNull(table.column('kind'));
      });
    if (options.dueBefore) query = query.where(table.column('dueAt'), '<', options.dueBefore);
    if (options.exceptKeys && options.exceptKeys.length > 0) {
      query = query.whereNotIn(table.column('idempotencyKey'), options.exceptKeys);
    }
    return Number(
      await query.update({
        [table.column('dispatchStatus')]: 'cancelled',
        [table.column('lastError')]: reason,
      }),
    );
  };

  /** Marks that the claim holder is about to call its provider (see StoredAction.provider). */
  const recordIntent = async (db: Db, id: number, token: string, provider: string) =>
    finish(db, id, token, { provider });

  /**
   * Emails and SMS to a debtor due in a time range that went, may have gone, or are going out
   * now (marked by a worker about to send them).
   */
  const messagesToDebtorBetween = async (
    db: Db,
    debtorId: number,
    range: { from: Date; to: Date; exceptId: number },
  ): Promise<number> => {
    const table = model();
    const link = table.link('debtor');
    const ids = db(link.table).select(link.ownerColumn).where(link.targetColumn, debtorId);
    const rows = await db(table.table)
      .whereIn('id', ids)
      .whereNot('id', range.exceptId)
      .whereIn(table.column('channel'), ['email', 'sms'])
      .where((state) =>
        state
          .whereIn(table.column('dispatchStatus'), ['sent', 'unconfirmed'])
          .orWhere((going) =>
            going
              .where(table.column('dispatchStatus'), 'sending')
              .whereNotNull(table.column('provider')),
          ),
      )
      .where(table.column('dueAt'), '>=', range.from)
      .where(table.column('dueAt'), '<', range.to)
      .count({ n: '*' });
    return Number((rows[0] as { n: unknown } | undefined)?.n ?? 0);
  };

  /**
   * A delivery receipt: the provider's state on the action whose provider id (one of its
   * segments' ids) it names. Returns the action's id, or null when none matches.
   */
  const recordReceipt = async (
    db: Db,
    receipt: { providerMessageId: string; state: string; at: Date },
  ): Promise<number | null> => {
    const table = model();
    const column = table.column('providerMessageId');
    const id = receipt.providerMessageId;
    const row = await db(table.table)
      .where((match) =>
        match
          .where(column, id)
          .orWhere(column, 'like', `${id},%`)
          .orWhere(column, 'like', `%,${id}`)
          .orWhere(column, 'like', `%,${id},%`),
      )
      .first('id');
    if (!row) return null;
    await db(table.table)
      .where('id', row.id)
      .update({
        [table.column('deliveryState')]: receipt.state,
        [table.column('deliveredAt')]: receipt.at,
      });
    return Number(row.id);
  };

  return {
    recordIntent,
    messagesToDebtorBetween,
    recordReceipt,
    planMany,
    findReplans,
    replan,
    existingKeys,
    listDue,
    cancelForCases,
    cancelPendingForCase,
    findById,
    statusCounts,
    markQueued,
    claim,
    finish,
  };
};
export type ActionStore = ReturnType<typeof createActionStore>;
