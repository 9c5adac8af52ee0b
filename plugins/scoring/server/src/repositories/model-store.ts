import type { Core } from '@strapi/strapi';
import {
  fromDbTime,
  modelTable,
  systemColumns,
  type Db,
} from '@huikuan/plugin-collections/utils/model';

export interface StoredModel {
  id: number;
  modelKey: string;
  kind: 'payment';
  version: number;
  trainedAt: Date;
  seed: number;
  trainedOn: unknown;
  metrics: unknown;
  model: unknown;
}

const parseJson = (value: unknown): unknown =>
  typeof value === 'string' ? JSON.parse(value) : value;

/** Trained models, versioned per kind; exactly one of a kind is active at a time. */
export const createModelStore = (strapi: Core.Strapi) => {
  const table = () => modelTable(strapi, 'api::scoring-model.scoring-model');

  const toStored = (row: Record<string, unknown>): StoredModel => {
    const t = table();
    const trainedAt = fromDbTime(row[t.column('trainedAt')]);
    if (!trainedAt) throw new Error(`scoring model row ${String(row.id)} has no trainedAt`);
    return {
      id: Number(row.id),
      modelKey: String(row[t.column('modelKey')]),
      kind: row[t.column('kind')] as 'payment',
      version: Number(row[t.column('version')]),
      trainedAt,
      seed: Number(row[t.column('seed')]),
      trainedOn: parseJson(row[t.column('trainedOn')]),
      metrics: parseJson(row[t.column('metrics')]),
      model: parseJson(row[t.column('model')]),
    };
  };

  const active = async (db: Db, kind: 'payment'): Promise<StoredModel | null> => {
    const t = table();
    const row = await db(t.table)
      .where(t.column('kind'), kind)
      .where(t.column('active'), true)
      .orderBy(t.column('version'), 'desc')
      .first();
    return row ? toStored(row) : null;
  };

  /** Stores a new version and makes it the active one, in one transaction. */
  const activate = async (
    db: Db,
    entry: { kind: 'payment'; seed: number; trainedOn: unknown; metrics: unknown; model: unknown },
  ): Promise<StoredModel> => {
    const t = table();
    return db.transaction(async (trx) => {
      const last = await trx(t.table)
        .where(t.column('kind'), entry.kind)
        .max({ version: t.column('version') });
      const version = Number(last[0]?.version ?? 0) + 1;
      await trx(t.table)
        .where(t.column('kind'), entry.kind)
        .update({ [t.column('active')]: false });
      const now = new Date();
      const [inserted] = await trx(t.table)
        .insert({
          ...systemColumns(now),
          [t.column('modelKey')]: `${entry.kind}-v${version}`,
          [t.column('kind')]: entry.kind,
          [t.column('version')]: version,
          [t.column('trainedAt')]: now,
          [t.column('seed')]: entry.seed,
          [t.column('trainedOn')]: JSON.stringify(entry.trainedOn),
          [t.column('metrics')]: JSON.stringify(entry.metrics),
          [t.column('active')]: true,
          [t.column('model')]: JSON.stringify(entry.model),
        })
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      return toStored(await trx(t.table).where('id', id).first());
    });
  };

  return { active, activate };
};
