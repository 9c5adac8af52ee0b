import { createHmac } from 'node:crypto';

import { PermanentDispatchError } from '../../errors';
import type { OutboundMessage } from '../../types';
import {
  canonicalizedQuery,
  createAliyunSmsChannel,
  percentEncode,
  signRpcRequest,
} from '../aliyun';
import { SmsProviderError } from '../provider-http';
import contract from './contracts/aliyun-sendsms.json';
import { closedPort, compareFields, type ReceivedRequest } from './support/contract-server';
import { itFollowsEachInteraction } from './support/contract-suite';

/**
 * Aliyun SendSms against the recorded contract: a local HTTP server checks
 * each request (every query parameter and the signature, recomputed here by
 * another route than the adapter's) and answers with the recorded response.
 */

/** The documented shortcut: form-encode, then + to %20, * to %2A and %7E back to ~. */
const formThenFix = (value: string): string =>
  new URLSearchParams({ v: value })
    .toString()
    .slice(2)
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~');

const independentSignature = (query: Record<string, string>, secret: string): string => {
  const canonical = Object.entries(query)
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${formThenFix(name)}=${formThenFix(value)}`)
    .join('&');
  const stringToSign = ['GET', formThenFix('/'), formThenFix(canonical)].join('&');
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
};

/** Aliyun's worked example for SendSms (the "testId" / "testSecret" request). */
const DOCUMENTED_EXAMPLE = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('the Aliyun RPC signature', () => {
  it('reproduces the signature of the documented SendSms example', () => {
    expect(signRpcRequest('GET', DOCUMENTED_EXAMPLE, 'testSecret')).toBe(
      'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
    );
    expect(independentSignature(DOCUMENTED_EXAMPLE, 'testSecret')).toBe(
      'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
    );
  });

  it('percent-encodes as RFC 3986 does, not as forms do', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('签名')).toBe('%E7%AD%BE%E5%90%8D');
    expect(canonicalizedQuery({ b: '2', a: '1 1', B: '3' })).toBe('B=3&a=1%201&b=2');
  });
});

describe('the Aliyun SendSms contract', () => {
  const checkAgainst =
    (recorded: (typeof contract.interactions)[number]['request']) =>
    (received: ReceivedRequest): string[] => [
      ...compareFields(
        'request',
        { method: received.method, path: received.path },
        { method: recorded.method, path: recorded.path },
      ),
      ...compareFields('query', received.query, recorded.query),
      ...compareFields(
        'recomputed',
        { Signature: received.query.Signature },
        { Signature: independentSignature(received.query, contract.options.accessKeySecret) },
      ),
    ];

  itFollowsEachInteraction(contract.interactions, checkAgainst, (endpoint, interaction) =>
    createAliyunSmsChannel({
      ...contract.options,
      endpoint,
      now: () => new Date(interaction.now),
      nonce: () => interaction.nonce,
    }),
  );
});

describe('the Aliyun channel without the network', () => {
  const message: OutboundMessage = {
    ...(contract.interactions[0]!.message as OutboundMessage),
  };
  const options = {
    ...contract.options,
    fetch: () => Promise.reject(new Error('no request should be made')),
  };

  it('refuses a message without a provider template, or with an unknown one', async () => {
    const channel = createAliyunSmsChannel(options);
    const untemplated = channel.send({ ...message, providerTemplate: null });
    await expect(untemplated).rejects.toThrow(PermanentDispatchError);
    await expect(untemplated).rejects.toMatchObject({ code: 'rejected-template' });

    const unknown = channel.send({ ...message, providerTemplate: { code: 'nope', params: {} } });
    await expect(unknown).rejects.toThrow(/rejected template: no aliyun template .*'nope'/);
  });

  it('refuses an implausible number before calling Aliyun', async () => {
    const sending = createAliyunSmsChannel(options).send({ ...message, to: '12345' });
    await expect(sending).rejects.toMatchObject({ code: 'invalid-number' });
  });

  it('makes an unreachable API a transient error that carries no secret', async () => {
    const port = await closedPort();
    const channel = createAliyunSmsChannel({
      ...contract.options,
      endpoint: `http://127.0.0.1:${port}`,
      timeoutMs: 2_000,
    });
    const sending = channel.send(message);
    await expect(sending).rejects.toThrow(SmsProviderError);
    await expect(sending).rejects.toThrow(`aliyun SMS API at 127.0.0.1:${port} unreachable`);
    const error = (await sending.catch((caught: unknown) => caught)) as Error;
    expect(JSON.stringify([error.message, { ...error }])).not.toMatch(
      /huikuan-contract-secret|Signature=/,
    );
  });

  it('treats a body without a result code as transient', async () => {
    const channel = createAliyunSmsChannel({
      ...contract.options,
      fetch: async () => new Response('<html>bad gateway</html>', { status: 502 }),
    });
    await expect(channel.send(message)).rejects.toThrow(
      'aliyun SMS API answered HTTP 502 without a result code',
    );
  });
});
