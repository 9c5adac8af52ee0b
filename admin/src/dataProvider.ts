import { HttpError } from 'react-admin';
import type { DataProvider, GetListResult, Identifier, RaRecord, SortPayload } from 'react-admin';

import { createStrapiClient } from './strapi-client';
import type { StrapiClientOptions } from './strapi-client';
import {
  isPlainObject,
  toPayload,
  toQueryString,
  toRecord,
  toStrapiFilters,
  toStrapiSort,
} from './strapi-rest';
import type { QueryObject, QueryValue } from './strapi-rest';

/**
 * The react-admin data provider for Strapi 5's REST content API. With its helpers strapi-rest.ts
 * and strapi-client.ts, it is the only code in admin/ that knows Strapi's REST dialect: views speak
 * react-admin params, and extras travel in `meta`. The collections plugin's own routes (dead
 * letters, retries, task outcomes, documents) are added on top by collections-provider.ts.
 *
 * | react-admin          | Strapi REST                                                         |
 * | -------------------- | ------------------------------------------------------------------- |
 * | getList              | GET /api/:resource?pagination[page]&pagination[pageSize]&sort&filters |
 * | getOne               | GET /api/:resource/:documentId                                      |
 * | getMany              | GET /api/:resource?filters[documentId][$in][0]=…                    |
 * | getManyReference     | GET /api/:resource?filters[:target][documentId][$eq]=:id            |
 * | create               | POST /api/:resource with { data }                                   |
 * | update / updateMany  | PUT /api/:resource/:documentId with { data } (one request per id)   |
 * | delete / deleteMany  | DELETE /api/:resource/:documentId (one request per id)              |
 *
 * Conventions:
 * - `id` is Strapi's `documentId`, in records (nested ones too), filters and sorts.
 * - Filters: `{ status: 'open' }` → `$eq`; arrays → `$in`; a suffix picks another operator
 *   (`amount_gte`, `name_containsi`); dots reach into relations (`debtor.id`); `q` searches the
 *   resource's `searchFields` (option, or `meta.searchFields`) with `$containsi`.
 * - `meta.populate` and `meta.fields` are passed through to Strapi unchanged.
 * - Pages larger than Strapi's `api.rest.maxLimit` (exports) are fetched in several requests.
 * - Writes drop read-only fields and send populated relations back as their `documentId`s.
 * - Failures are HttpErrors whose `body.errors` maps each invalid field to Strapi's message.
 */

export interface StrapiDataProviderOptions extends StrapiClientOptions {
  /** Fields the `q` filter searches, per resource; `meta.searchFields` overrides. @defaultValue {} */
  searchFields?: Readonly<Record<string, readonly string[]>>;
  /** Strapi's `api.rest.maxLimit` (cms/config/api.ts). @defaultValue 100 */
  maxPageSize?: number;
}

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

/** What views may put in `meta`; everything else in `meta` is ignored. */
interface StrapiMeta {
  populate?: QueryValue;
  fields?: QueryValue;
  searchFields?: readonly string[];
}

const metaOf = (meta: unknown): StrapiMeta => (isPlainObject(meta) ? (meta as StrapiMeta) : {});

/** Builds the data provider; see the module doc for the method-to-HTTP mapping. */
export const strapiDataProvider = (options: StrapiDataProviderOptions = {}): DataProvider => {
  const maxPageSize = options.maxPageSize ?? 100;
  const client = createStrapiClient(options);
  const request = client.json;

  const find = (resource: string, query: QueryObject, signal?: AbortSignal) =>
    request(`${resource}?${toQueryString(query)}`, { signal });

  const entitiesOf = (json: { data: unknown }): RaRecord[] => {
    if (!Array.isArray(json.data)) {
      throw new HttpError('ar.errors.unexpected_response', 500, json);
    }
    return json.data.map((entity) => toRecord(entity) as RaRecord);
  };

  /** One page, or several Strapi pages when perPage exceeds maxPageSize (e.g. CSV export). */
  const findPage = async (
    resource: string,
    query: QueryObject,
    page: number,
    perPage: number,
    signal?: AbortSignal,
  ): Promise<GetListResult> => {
    if (perPage <= maxPageSize) {
      const json = await find(
        resource,
        { ...query, pagination: { page, pageSize: perPage } },
        signal,
      );
      return { data: entitiesOf(json), total: json.meta?.pagination?.total ?? 0 };
    }

    const data: RaRecord[] = [];
    let total = 0;
    for (let start = (page - 1) * perPage; data.length < perPage; start += maxPageSize) {
      const limit = Math.min(maxPageSize, perPage - data.length);
      const json = await find(resource, { ...query, pagination: { start, limit } }, signal);
      const records = entitiesOf(json);
      data.push(...records);
      total = json.meta?.pagination?.total ?? total;
      if (records.length < limit) break;
    }
    return { data, total };
  };

  const listQuery = (
    resource: string,
    params: { filter?: unknown; sort?: SortPayload; meta?: unknown },
  ): QueryObject => {
    const { populate, fields, searchFields } = metaOf(params.meta);
    const searched = searchFields ?? options.searchFields?.[resource];
    const filters = toStrapiFilters(params.filter as Record<string, unknown>, searched);
    return { filters, sort: toStrapiSort(params.sort), populate, fields };
  };

  const write = async (path: string, method: string, data: Partial<RaRecord>) => {
    const json = await request(path, { method, body: JSON.stringify(toPayload(data)) });
    return toRecord(json.data) as RaRecord;
  };

  const remove = (resource: string, id: Identifier) =>
    request(`${resource}/${encodeURIComponent(String(id))}`, { method: 'DELETE' });

  return {
    getList: async (resource, params) => {
      const { page = 1, perPage = 25 } = params.pagination ?? {};
      const query = listQuery(resource, params);
      return findPage(resource, query, page, perPage, params.signal) as Promise<any>;
    },

    getOne: async (resource, params) => {
      const { populate, fields } = metaOf(params.meta);
      const query = toQueryString({ populate, fields });
      const path = `${resource}/${encodeURIComponent(String(params.id))}`;
      const json = await request(query ? `${path}?${query}` : path, { signal: params.signal });
      return { data: toRecord(json.data) as any };
    },

    getMany: async (resource, params) => {
      const data: RaRecord[] = [];
      for (const ids of chunk(params.ids.map(String), maxPageSize)) {
        const query = listQuery(resource, { filter: { id: ids }, meta: params.meta });
        const page = await findPage(resource, query, 1, ids.length, params.signal);
        data.push(...page.data);
      }
      return { data: data as any[] };
    },

    getManyReference: async (resource, params) => {
      const { page = 1, perPage = 25 } = params.pagination ?? {};
      const target = params.target.includes('.') ? params.target : `${params.target}.id`;
      const filter = { ...params.filter, [target]: params.id };
      const query = listQuery(resource, { ...params, filter });
      return findPage(resource, query, page, perPage, params.signal) as Promise<any>;
    },

    create: async (resource, params) => ({
      data: (await write(resource, 'POST', params.data)) as any,
    }),

    update: async (resource, params) => {
      const path = `${resource}/${encodeURIComponent(String(params.id))}`;
      return { data: (await write(path, 'PUT', params.data)) as any };
    },

    updateMany: async (resource, params) => {
      for (const id of params.ids) {
        await write(`${resource}/${encodeURIComponent(String(id))}`, 'PUT', params.data);
      }
      return { data: params.ids };
    },

    delete: async (resource, params) => {
      await remove(resource, params.id);
      return { data: (params.previousData ?? { id: params.id }) as any };
    },

    deleteMany: async (resource, params) => {
      for (const id of params.ids) await remove(resource, id);
      return { data: params.ids };
    },
  };
};
