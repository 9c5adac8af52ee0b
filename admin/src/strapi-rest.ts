import { HttpError } from 'react-admin';
import type { RaRecord, SortPayload } from 'react-admin';

/**
 * Strapi 5's REST dialect: query strings, filters, sorts, records, write bodies and the error
 * envelope. Only the data providers and strapi-client.ts import this file; see dataProvider.ts's
 * module doc for the conventions.
 */

export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | QueryObject;
export interface QueryObject {
  [key: string]: QueryValue;
}

interface StrapiEntity {
  documentId: string;
  [field: string]: unknown;
}

interface StrapiValidationDetail {
  /** Strapi's own validators send an array; the collections plugin sends `'a.b'` strings. */
  path?: Array<string | number> | string;
  message?: string;
}

interface StrapiErrorBody {
  data: null;
  error?: {
    status: number;
    name: string;
    message: string;
    details?: { errors?: StrapiValidationDetail[] };
  };
}

/** Strapi filter operators a key suffix may name (`amount_gte` → `$gte`). */
// prettier-ignore
const OPERATORS = new Set([
  'eq', 'eqi', 'ne', 'nei', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'between',
  'contains', 'notContains', 'containsi', 'notContainsi', 'startsWith', 'endsWith',
  'null', 'notNull',
]);

/** Fields Strapi manages itself; sending them back in a write is rejected or ignored. */
// prettier-ignore
const READ_ONLY_FIELDS = new Set([
  'id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy',
  'localizations',
]);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEntity = (value: unknown): value is StrapiEntity =>
  isPlainObject(value) && typeof value.documentId === 'string';

/** Bracket notation as `qs.stringify(query, { encodeValuesOnly: true })` writes it. */
export const toQueryString = (query: QueryObject): string => {
  const pairs: string[] = [];
  const add = (key: string, value: QueryValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => add(`${key}[${index}]`, item));
    } else if (typeof value === 'object') {
      Object.entries(value).forEach(([child, item]) => add(`${key}[${child}]`, item));
    } else {
      const encodedKey = encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
      pairs.push(`${encodedKey}=${encodeURIComponent(String(value))}`);
    }
  };

  Object.entries(query).forEach(([key, value]) => add(key, value));
  return pairs.join('&');
};

/** `debtor.id` → `['debtor', 'documentId']`: react-admin's `id` is Strapi's `documentId`. */
const toFieldPath = (field: string): string[] =>
  field.split('.').map((part) => (part === 'id' ? 'documentId' : part));

/** Splits `amount_gte` into the field and a Strapi operator; plain keys mean `$eq` or `$in`. */
const splitOperator = (key: string, value: unknown): { field: string; operator: string } => {
  const cut = key.lastIndexOf('_');
  const suffix = cut > 0 ? key.slice(cut + 1) : '';
  if (OPERATORS.has(suffix)) return { field: key.slice(0, cut), operator: `$${suffix}` };
  return { field: key, operator: Array.isArray(value) ? '$in' : '$eq' };
};

const setAtPath = (target: QueryObject, path: string[], value: QueryValue): void => {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const child = node[part];
    node = isPlainObject(child) ? (child as QueryObject) : (node[part] = {});
  }
  node[path[path.length - 1] as string] = value;
};

/** Translates react-admin's flat filter object into Strapi's `filters` (see the module doc). */
export const toStrapiFilters = (
  filter: Record<string, unknown> = {},
  searchFields: readonly string[] = [],
): QueryObject => {
  const filters: QueryObject = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    if (key === 'q') {
      if (searchFields.length === 0) {
        throw new Error(
          'The "q" filter needs searchFields for this resource, e.g. ["code", "name"]',
        );
      }
      filters.$or = searchFields.map((field) => {
        const condition: QueryObject = {};
        setAtPath(condition, toFieldPath(field), { $containsi: String(value) });
        return condition;
      });
      continue;
    }

    const { field, operator } = splitOperator(key, value);
    setAtPath(filters, [...toFieldPath(field), operator], value as QueryValue);
  }
  return filters;
};

export const toStrapiSort = (sort: SortPayload | undefined): string | undefined =>
  sort?.field ? `${toFieldPath(sort.field).join('.')}:${sort.order.toLowerCase()}` : undefined;

/** Copies the Strapi entity and sets `id` to its `documentId`, in nested relations too. */
export const toRecord = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toRecord);
  if (!isPlainObject(value)) return value;

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = toRecord(item);
  if (isEntity(value)) copy.id = value.documentId;
  return copy;
};

/** The `{ data }` body of a write: no read-only fields, relations as `documentId`s. */
export const toPayload = (record: Partial<RaRecord>): { data: Record<string, unknown> } => {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (READ_ONLY_FIELDS.has(key)) continue;
    if (isEntity(value)) data[key] = value.documentId;
    else if (Array.isArray(value) && value.length > 0 && value.every(isEntity)) {
      data[key] = value.map((entity) => entity.documentId);
    } else data[key] = value;
  }
  return { data };
};

/** `{ field: message }` from a ValidationError's `details.errors`, as react-admin forms want. */
const toFieldErrors = (details: StrapiValidationDetail[]): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const detail of details) {
    const field = Array.isArray(detail.path) ? detail.path.join('.') : (detail.path ?? '');
    if (field && detail.message && !(field in errors)) errors[field] = detail.message;
  }
  return errors;
};

/** Rewrites a failed request as an HttpError carrying Strapi's message and per-field errors. */
export const toHttpError = (error: unknown): unknown => {
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  if (error instanceof TypeError) return new HttpError('ar.errors.unreachable', 0, null);
  if (!(error instanceof HttpError)) return error;

  if (error.status === 401) return new HttpError('ar.errors.unauthorized', 401, error.body);
  if (error.status === 403) return new HttpError('ar.errors.forbidden', 403, error.body);

  const body = (error.body ?? null) as StrapiErrorBody | null;
  const strapiError = body?.error;
  if (!strapiError) return error;

  const fieldErrors = toFieldErrors(strapiError.details?.errors ?? []);
  const errors =
    Object.keys(fieldErrors).length > 0
      ? { ...fieldErrors, root: { serverError: strapiError.message } }
      : undefined;
  return new HttpError(strapiError.message, error.status, { ...body, errors });
};
