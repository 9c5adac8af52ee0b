import type { Core, UID } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import type { Knex } from 'knex';

/** The link table Strapi 5 keeps for one relation attribute (Strapi stores every relation so). */
export interface LinkTable {
  table: string;
  ownerColumn: string;
  targetColumn: string;
  orderColumn: string | null;
}

/** Table and column names of one content type, read from Strapi's model metadata. */
export interface ModelTable {
  uid: string;
  table: string;
  column: (attribute: string) => string;
  link: (attribute: string) => LinkTable;
}

interface AttributeMeta {
  columnName?: string;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn: { name: string };
    orderColumnName?: string;
    inverseOrderColumnName?: string;
  };
}

export const modelTable = (strapi: Core.Strapi, uid: UID.ContentType): ModelTable => {
  const meta = strapi.db.metadata.get(uid) as unknown as {
    tableName: string;
    attributes: Record<string, AttributeMeta>;
  };
  const attribute = (name: string): AttributeMeta => {
    const found = meta.attributes[name];
    if (!found) throw new Error(`${uid} has no attribute '${name}'`);
    return found;
  };
  return {
    uid,
    table: meta.tableName,
    column: (name) => attribute(name).columnName ?? name,
    link: (name) => {
      const join = attribute(name).joinTable;
      if (!join) throw new Error(`${uid}.${name} is not a relation with a link table`);
      return {
        table: join.name,
        ownerColumn: join.joinColumn.name,
        targetColumn: join.inverseJoinColumn.name,
        orderColumn: join.inverseOrderColumnName ?? null,
      };
    },
  };
};

/** A fresh Strapi document id, in Strapi's own format. */
export const newDocumentId = (): string => createId();

export type Db = Knex | Knex.Transaction;

/** The columns every row written outside the Document Service must carry (no draft & publish). */
export const systemColumns = (now: Date) => ({
  document_id: newDocumentId(),
  created_at: now,
  updated_at: now,
  published_at: now,
});

/** Splits a list into chunks, for multi-row statements and IN lists. */
export const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    out.push(items.slice(index, index + size));
  return out;
};

/** Reads a datetime column on either driver (SQLite keeps epoch milliseconds). */
export const fromDbTime = (value: unknown): Date | null => {
  if (value === null || value === undefined) return null;
  const numeric = typeof value === 'string' && /^\d+$/.test(value);
  const date =
    value instanceof Date ? value : new Date(numeric ? Number(value) : (value as string));
  return Number.isNaN(date.getTime()) ? null : date;
};

/** Reads a boolean column on either driver (SQLite keeps 0/1). */
export const fromDbBool = (value: unknown): boolean =>
  value === true || value === 1 || value === '1' || value === 't';
