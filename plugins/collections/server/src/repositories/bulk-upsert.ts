import { chunks, fromDbTime, systemColumns, type Db, type ModelTable } from '../utils/model';

export type ScalarValue = string | number | boolean | Date | null;

/** One link to write for a record: the relation attribute and the id of its target row. */
export interface LinkValue {
  attribute: string;
  targetId: number | null;
  /** When the stored link differs, report a conflict instead of moving the record. */
  frozen?: boolean;
}

export interface UpsertRow {
  key: string;
  /** Scalar attributes by attribute name (not column name). */
  values: Record<string, ScalarValue>;
  links: LinkValue[];
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LinkConflict {
  key: string;
  attribute: string;
  storedTargetId: number;
  newTargetId: number | null;
}

export interface UpsertResult extends UpsertCounts {
  ids: Map<string, number>;
  conflicts: LinkConflict[];
  changedIds: number[];
}

const IN_LIST = 500;

/** Compares what the database gave back with what we would write, across SQLite and PostgreSQL. */
const sameValue = (stored: unknown, wanted: ScalarValue): boolean => {
  if (wanted === null || wanted === undefined) return stored === null || stored === undefined;
  if (stored === null || stored === undefined) return false;
  if (wanted instanceof Date) return fromDbTime(stored)?.getTime() === wanted.getTime();
  if (typeof wanted === 'boolean')
    return (stored === true || stored === 1 || stored === '1') === wanted;
  return String(stored) === String(wanted);
};

const loadExisting = async (db: Db, model: ModelTable, keyAttribute: string, keys: string[]) => {
  const keyColumn = model.column(keyAttribute);
  const existing = new Map<string, Record<string, unknown>>();
  for (const part of chunks(keys, IN_LIST)) {
    const rows = await db(model.table).select('*').whereIn(keyColumn, part);
    for (const row of rows) existing.set(String(row[keyColumn]), row);
  }
  return existing;
};

const toColumns = (model: ModelTable, values: Record<string, ScalarValue>) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [model.column(name), value]));

const insertRows = async (
  db: Db,
  model: ModelTable,
  keyAttribute: string,
  rows: UpsertRow[],
  batchSize: number,
): Promise<Map<string, number>> => {
  const now = new Date();
  for (const part of chunks(rows, batchSize)) {
    await db(model.table).insert(
      part.map((row) => ({ ...toColumns(model, row.values), ...systemColumns(now) })),
    );
  }
  const inserted = await loadExisting(
    db,
    model,
    keyAttribute,
    rows.map((row) => row.key),
  );
  return new Map([...inserted].map(([key, row]) => [key, Number(row.id)]));
};

const writeLinks = async (
  db: Db,
  model: ModelTable,
  rows: UpsertRow[],
  ids: Map<string, number>,
  batchSize: number,
): Promise<{ conflicts: LinkConflict[]; relinked: Set<number> }> => {
  const conflicts: LinkConflict[] = [];
  const relinked = new Set<number>();
  const attributes = [...new Set(rows.flatMap((row) => row.links.map((link) => link.attribute)))];

  for (const attribute of attributes) {
    const link = model.link(attribute);
    const ownerIds = rows.map((row) => ids.get(row.key) as number);
    const stored = new Map<number, number>();
    for (const part of chunks(ownerIds, IN_LIST)) {
      const found = await db(link.table)
        .select(link.ownerColumn, link.targetColumn)
        .whereIn(link.ownerColumn, part);
      for (const entry of found)
        stored.set(Number(entry[link.ownerColumn]), Number(entry[link.targetColumn]));
    }

    const toDelete: number[] = [];
    const toInsert: Array<Record<string, number>> = [];
    for (const row of rows) {
      const wanted = row.links.find((entry) => entry.attribute === attribute);
      if (!wanted) continue;
      const ownerId = ids.get(row.key) as number;
      const current = stored.get(ownerId) ?? null;
      if (current === wanted.targetId) continue;
      if (current !== null && wanted.frozen) {
        conflicts.push({
          key: row.key,
          attribute,
          storedTargetId: current,
          newTargetId: wanted.targetId,
        });
        continue;
      }
      if (current !== null) toDelete.push(ownerId);
      relinked.add(ownerId);
      if (wanted.targetId === null) continue;
      const entry: Record<string, number> = {
        [link.ownerColumn]: ownerId,
        [link.targetColumn]: wanted.targetId,
      };
      if (link.orderColumn) entry[link.orderColumn] = 1;
      toInsert.push(entry);
    }
    for (const part of chunks(toDelete, IN_LIST))
      await db(link.table).whereIn(link.ownerColumn, part).del();
    for (const part of chunks(toInsert, batchSize)) await db(link.table).insert(part);
  }
  return { conflicts, relinked };
};

/**
 * Inserts new rows and updates changed ones by natural key, with multi-row
 * statements, then writes their relation links. Rows whose stored values and
 * links already match are left untouched, so a re-import changes nothing.
 */
export const bulkUpsert = async (
  db: Db,
  model: ModelTable,
  keyAttribute: string,
  rows: UpsertRow[],
  batchSize: number,
): Promise<UpsertResult> => {
  const existing = await loadExisting(
    db,
    model,
    keyAttribute,
    rows.map((row) => row.key),
  );
  const ids = new Map<string, number>();
  const fresh: UpsertRow[] = [];
  const changed: UpsertRow[] = [];

  for (const row of rows) {
    const stored = existing.get(row.key);
    if (!stored) {
      fresh.push(row);
      continue;
    }
    ids.set(row.key, Number(stored.id));
    const differs = Object.entries(row.values).some(
      ([name, value]) => !sameValue(stored[model.column(name)], value),
    );
    if (differs) changed.push(row);
  }

  for (const [key, id] of await insertRows(db, model, keyAttribute, fresh, batchSize))
    ids.set(key, id);
  const now = new Date();
  for (const row of changed) {
    await db(model.table)
      .where({ id: ids.get(row.key) })
      .update({ ...toColumns(model, row.values), updated_at: now });
  }

  const { conflicts, relinked } = await writeLinks(db, model, rows, ids, batchSize);
  const freshKeys = new Set(fresh.map((row) => row.key));
  const changedKeys = new Set(changed.map((row) => row.key));
  const updatedKeys = rows
    .filter((row) => !freshKeys.has(row.key))
    .filter((row) => changedKeys.has(row.key) || relinked.has(ids.get(row.key) as number))
    .map((row) => row.key);

  return {
    ids,
    conflicts,
    created: fresh.length,
    updated: updatedKeys.length,
    unchanged: rows.length - fresh.length - updatedKeys.length,
    changedIds: [...fresh.map((row) => row.key), ...updatedKeys].map(
      (key) => ids.get(key) as number,
    ),
  };
};
