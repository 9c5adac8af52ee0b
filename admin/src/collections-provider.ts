import { HttpError } from 'react-admin';
import type { DataProvider, GetListParams, GetListResult, Identifier, RaRecord } from 'react-admin';

import { strapiDataProvider } from './dataProvider';
import type { StrapiDataProviderOptions } from './dataProvider';
import { createStrapiClient } from './strapi-client';
import type { DownloadedFile } from './strapi-client';
import { toRecord } from './strapi-rest';
import type { TaskOutcome, TaskOutcomeBody } from './tasks/outcome';

/**
 * The data provider the app uses: Strapi's REST content types (dataProvider.ts) plus the
 * collections plugin's own routes under /api/collections:
 *
 * | react-admin                      | Strapi                                                  |
 * | -------------------------------- | ------------------------------------------------------- |
 * | getList('dead-letters')          | GET /collections/dead-letters?page&pageSize              |
 * | getList('tasks') and the rest    | the `actions` content type (views add the task filter)  |
 * | retryAction(id, note?)           | POST /collections/actions/:id/retry {note?}             |
 * | confirmSent(id, note)            | POST /collections/actions/:id/confirm-sent {note}       |
 * | recordOutcome(id, body)          | POST /collections/actions/:id/outcome                   |
 * | downloadDocument(id)             | GET /collections/actions/:id/document (PDF or JSON)     |
 *
 * A task's `collector` filter searches the debtor's assigned collector.
 */

export interface RetryResult {
  documentId: string;
  status: 'planned';
  /** Whether the retried action went to the queue at once (else the next sweep takes it). */
  queued: boolean;
}

export interface ConfirmSentResult {
  documentId: string;
  status: 'sent';
}

export interface OutcomeResult {
  /** False when the very same outcome had been recorded before. */
  recorded: boolean;
  outcome: TaskOutcome;
  reevaluated: Record<string, unknown>;
}

export interface CollectionsMethods {
  retryAction(id: Identifier, note?: string): Promise<RetryResult>;
  confirmSent(id: Identifier, note: string): Promise<ConfirmSentResult>;
  recordOutcome(id: Identifier, body: TaskOutcomeBody): Promise<OutcomeResult>;
  downloadDocument(id: Identifier): Promise<DownloadedFile>;
}

export type HuikuanDataProvider = DataProvider & CollectionsMethods;

/** Resources the app shows under their own name that are another content type in Strapi. */
const RESOURCE_ALIASES: Readonly<Record<string, string>> = { tasks: 'actions' };

/** The dead-letter route's page size limit (plugins/collections dead-letters controller). */
const MAX_DEAD_LETTER_PAGE = 500;

// prettier-ignore
const RESOURCE_METHODS = [
  'getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete',
  'deleteMany',
] as const;

/** Sends every standard call on an aliased resource to the content type behind it. */
const withAliases = (provider: DataProvider): DataProvider => {
  const aliased: DataProvider = { ...provider };
  for (const method of RESOURCE_METHODS) {
    const original = provider[method] as (resource: string, params: unknown) => Promise<unknown>;
    aliased[method] = ((resource: string, params: unknown) =>
      original(RESOURCE_ALIASES[resource] ?? resource, params)) as never;
  }
  return aliased;
};

/** A task list's `collector` filter is a search in the debtor's assigned collector. */
const taskFilter = (filter: Record<string, unknown> = {}): Record<string, unknown> => {
  const { collector, ...rest } = filter;
  if (typeof collector !== 'string' || collector.trim() === '') return rest;
  return { ...rest, 'debtor.assignedCollector_containsi': collector.trim() };
};

const actionPath = (id: Identifier, what: string): string =>
  `collections/actions/${encodeURIComponent(String(id))}/${what}`;

/** Builds the app's data provider; see the module doc for the routes it adds. */
export const huikuanDataProvider = (
  options: StrapiDataProviderOptions = {},
): HuikuanDataProvider => {
  const base = withAliases(strapiDataProvider(options));
  const client = createStrapiClient(options);

  const post = async <T>(path: string, body: object): Promise<T> => {
    const json = await client.json(path, { method: 'POST', body: JSON.stringify(body) });
    return json.data as T;
  };

  const listDeadLetters = async (params: GetListParams): Promise<GetListResult> => {
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const pageSize = Math.min(Math.max(perPage, 1), MAX_DEAD_LETTER_PAGE);
    const path = `collections/dead-letters?page=${page}&pageSize=${pageSize}`;
    const json = await client.json(path, { signal: params.signal });
    if (!Array.isArray(json.data)) {
      throw new HttpError('ar.errors.unexpected_response', 500, json);
    }
    const data = json.data.map((entity) => toRecord(entity) as RaRecord);
    return { data, total: json.meta?.pagination?.total ?? data.length };
  };

  return {
    ...base,
    getList: (resource, params) => {
      if (resource === 'dead-letters') return listDeadLetters(params) as Promise<any>;
      if (resource === 'tasks')
        return base.getList(resource, { ...params, filter: taskFilter(params.filter) });
      return base.getList(resource, params);
    },

    retryAction: (id, note) =>
      post(actionPath(id, 'retry'), note?.trim() ? { note: note.trim() } : {}),
    confirmSent: (id, note) => post(actionPath(id, 'confirm-sent'), { note: note.trim() }),
    recordOutcome: (id, body) => post(actionPath(id, 'outcome'), body),
    downloadDocument: (id) => client.file(actionPath(id, 'document')),
  };
};
