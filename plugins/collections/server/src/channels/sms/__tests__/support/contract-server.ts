import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/**
 * A plain HTTP server on 127.0.0.1 standing in for an SMS provider's API: it
 * checks each incoming request against the recorded one and answers with the
 * recorded response, or with 400 and the list of differences.
 */

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordedResponse {
  status: number;
  body: unknown;
}

export interface ContractServer {
  endpoint: string;
  /** Every request received, with the differences found in it (empty when it matched). */
  exchanges: Array<{ request: ReceivedRequest; differences: string[] }>;
  /** The check and the answer for the next request. */
  expect(check: (request: ReceivedRequest) => string[], response: RecordedResponse): void;
  close(): Promise<void>;
}

const readBody = (request: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export const startContractServer = async (): Promise<ContractServer> => {
  const exchanges: ContractServer['exchanges'] = [];
  let next: { check: (request: ReceivedRequest) => string[]; response: RecordedResponse } | null =
    null;

  const server = http.createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: ReceivedRequest = {
      method: incoming.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: incoming.headers,
      body: await readBody(incoming),
    };
    const differences = next ? next.check(request) : ['no request was expected'];
    exchanges.push({ request, differences });
    const reply =
      differences.length === 0 && next
        ? next.response
        : { status: 400, body: { contractDifferences: differences } };
    next = null;
    outgoing.writeHead(reply.status, { 'content-type': 'application/json;charset=utf-8' });
    outgoing.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    exchanges,
    expect: (check, response) => {
      next = { check, response };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** Differences between two flat string maps, by key. */
export const compareFields = (
  what: string,
  received: Record<string, string | undefined>,
  recorded: Record<string, string>,
): string[] => {
  const keys = new Set([...Object.keys(received), ...Object.keys(recorded)]);
  return [...keys]
    .filter((key) => received[key] !== recorded[key])
    .map((key) => `${what} ${key}: received ${received[key]}, recorded ${recorded[key]}`);
};

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export const closedPort = async (): Promise<number> => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};
