import { HttpError } from 'react-admin';

import { huikuanDataProvider } from '../collections-provider';

// Vite's import.meta.env does not exist under Jest; every test passes its own apiUrl anyway.
jest.mock('../env', () => ({ readApiUrl: () => 'http://unused.invalid/api' }));

const API = 'http://127.0.0.1:1/api';

interface Call {
  url: string;
  method: string;
  body: unknown;
  authorization: string | null;
}

/** Answers every request with `respond(url)` and records what was asked. */
const stubFetch = (respond: (url: string) => Response) => {
  const calls: Call[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    calls.push({
      url: decodeURIComponent(url),
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      authorization: headers.get('Authorization'),
    });
    return respond(url);
  });
  return calls;
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const provider = () => huikuanDataProvider({ apiUrl: API, getToken: () => 'token-1' });

afterEach(() => jest.restoreAllMocks());

describe('dead letters', () => {
  it('pages through the plugin route and names records by documentId', async () => {
    const calls = stubFetch(() =>
      json({
        data: [{ documentId: 'a1', idempotencyKey: 'k1', channel: 'sms', status: 'failed' }],
        meta: { pagination: { page: 2, pageSize: 10, total: 11 } },
      }),
    );

    const page = await provider().getList('dead-letters', {
      pagination: { page: 2, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });

    expect(calls[0]).toMatchObject({
      url: `${API}/collections/dead-letters?page=2&pageSize=10`,
      authorization: 'Bearer token-1',
    });
    expect(page).toEqual({
      data: [expect.objectContaining({ id: 'a1', idempotencyKey: 'k1', status: 'failed' })],
      total: 11,
    });
  });

  it('asks for no more than the route allows', async () => {
    const calls = stubFetch(() => json({ data: [], meta: { pagination: { total: 0 } } }));
    await provider().getList('dead-letters', {
      pagination: { page: 1, perPage: 1000 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(calls[0]?.url).toBe(`${API}/collections/dead-letters?page=1&pageSize=500`);
  });

  it('retries with a trimmed note or none, and confirms with the note', async () => {
    const calls = stubFetch(() =>
      json({ data: { documentId: 'a1', status: 'planned', queued: true } }),
    );
    const dataProvider = provider();

    expect(await dataProvider.retryAction('a1', '  ')).toMatchObject({ queued: true });
    await dataProvider.retryAction('a1', ' 号码已更正 ');
    await dataProvider.confirmSent('a/2', ' 服务商后台显示已送达 ');

    expect(calls.map(({ url, method, body }) => ({ url, method, body }))).toEqual([
      { url: `${API}/collections/actions/a1/retry`, method: 'POST', body: {} },
      { url: `${API}/collections/actions/a1/retry`, method: 'POST', body: { note: '号码已更正' } },
      {
        url: `${API}/collections/actions/a/2/confirm-sent`,
        method: 'POST',
        body: { note: '服务商后台显示已送达' },
      },
    ]);
  });

  it('shows the server’s refusal as the error message', async () => {
    const message = 'action a1 is sent, not unconfirmed / 只有未确认的动作可以确认已发送';
    stubFetch(() =>
      json(
        { data: null, error: { status: 400, name: 'ValidationError', message, details: {} } },
        400,
      ),
    );
    await expect(provider().confirmSent('a1', 'checked')).rejects.toMatchObject({
      message,
      status: 400,
    });
  });
});

describe('tasks', () => {
  it('are the actions content type, with the collector filter on the debtor', async () => {
    const calls = stubFetch(() => json({ data: [], meta: { pagination: { total: 0 } } }));
    await provider().getList('tasks', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'dueAt', order: 'ASC' },
      filter: { dispatchStatus: 'task_open', collector: ' 王芳 ' },
    });
    const url = calls[0]?.url ?? '';
    expect(url.startsWith(`${API}/actions?`)).toBe(true);
    expect(url).toContain('filters[dispatchStatus][$eq]=task_open');
    expect(url).toContain('filters[debtor][assignedCollector][$containsi]=王芳');
    expect(url).toContain('sort=dueAt:asc');
  });

  it('reads one task from the actions content type', async () => {
    const calls = stubFetch(() => json({ data: { documentId: 't1', channel: 'phone' } }));
    const { data } = await provider().getOne('tasks', { id: 't1' });
    expect(calls[0]?.url).toBe(`${API}/actions/t1`);
    expect(data).toMatchObject({ id: 't1', channel: 'phone' });
  });

  it('puts the server’s field messages on the outcome form’s inputs', async () => {
    stubFetch(() =>
      json(
        {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'the outcome is invalid / 任务结果有误',
            details: { errors: [{ path: 'promiseDate', message: 'is before the contact' }] },
          },
        },
        400,
      ),
    );
    const error = (await provider()
      .recordOutcome('t1', { outcome: 'promised', promiseDate: '2020-01-01' })
      .catch((caught: unknown) => caught)) as HttpError;

    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toBe('the outcome is invalid / 任务结果有误');
    expect(error.body.errors).toMatchObject({ promiseDate: 'is before the contact' });
  });
});

describe('documents', () => {
  it('fetches the file with the token and reads its name', async () => {
    const calls = stubFetch(
      () =>
        new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="a1.pdf"',
          },
        }),
    );
    const file = await provider().downloadDocument('a1');
    expect(calls[0]).toMatchObject({
      url: `${API}/collections/actions/a1/document`,
      authorization: 'Bearer token-1',
    });
    expect(file.filename).toBe('a1.pdf');
    expect(file.blob.type).toBe('application/pdf');
    expect(file.blob.size).toBe(4);
  });

  it('reports a missing document with the server’s message', async () => {
    const message = 'action a1 has no document / 该动作没有文件';
    stubFetch(() =>
      json({ data: null, error: { status: 404, name: 'NotFoundError', message } }, 404),
    );
    await expect(provider().downloadDocument('a1')).rejects.toMatchObject({ message, status: 404 });
  });
});
