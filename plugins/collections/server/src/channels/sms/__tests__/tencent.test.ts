import { createHash, createHmac } from 'node:crypto';

import { PermanentDispatchError } from '../../errors';
import type { OutboundMessage } from '../../types';
import { SmsProviderError } from '../provider-http';
import { createTencentSmsChannel, tc3Authorization, templateParamSet } from '../tencent';
import contract from './contracts/tencent-sendsms.json';
import { closedPort, compareFields, type ReceivedRequest } from './support/contract-server';
import { itFollowsEachInteraction } from './support/contract-suite';

/**
 * Tencent Cloud SendSms: the signer against the worked example of Tencent's
 * "Signature v3" document, then the adapter against the recorded contract on a
 * local HTTP server that recomputes each request's signature step by step.
 */

/** TC3-HMAC-SHA256 written out step by step from the documentation, apart from the adapter. */
const recomputeAuthorization = (request: ReceivedRequest, secretId: string, secretKey: string) => {
  const hex = (data: string) => createHash('sha256').update(data).digest('hex');
  const timestamp = Number(request.headers['x-tc-timestamp']);
  const day = new Date(timestamp * 1000).toISOString().slice(0, 10);

  const step1 =
    `POST\n/\n\n` +
    `content-type:${request.headers['content-type']}\nhost:${request.headers.host}\n\n` +
    `content-type;host\n${hex(request.body)}`;
  const step2 = `TC3-HMAC-SHA256\n${timestamp}\n${day}/sms/tc3_request\n${hex(step1)}`;
  const dateKey = createHmac('sha256', `TC3${secretKey}`).update(day).digest();
  const serviceKey = createHmac('sha256', dateKey).update('sms').digest();
  const signingKey = createHmac('sha256', serviceKey).update('tc3_request').digest();
  const signature = createHmac('sha256', signingKey).update(step2).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${secretId}/${day}/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
};

describe('the TC3-HMAC-SHA256 signer', () => {
  it("reproduces the worked example of Tencent Cloud's Signature v3 document", () => {
    const authorization = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      timestamp: 1551113065,
      payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
    });
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('takes the credential date from the UTC day of the timestamp', () => {
    // 2019-02-26 00:44:25 in Beijing is still 2019-02-25 in UTC.
    const authorization = tc3Authorization({
      secretId: 'id',
      secretKey: 'key',
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      timestamp: 1551113065,
      payload: '{}',
    });
    expect(authorization).toContain('Credential=id/2019-02-25/sms/tc3_request');
  });
});

describe('templateParamSet', () => {
  it('orders numbered keys by number, and keeps the given order of named keys', () => {
    expect(templateParamSet({ '10': 'j', '2': 'b', '1': 'a' })).toEqual(['a', 'b', 'j']);
    expect(templateParamSet({ name: 'x', amount: 'y' })).toEqual(['x', 'y']);
  });
});

describe('the Tencent SendSms contract', () => {
  const { secretId, secretKey } = contract.options;

  const checkAgainst =
    (recorded: (typeof contract.interactions)[number]['request']) =>
    (received: ReceivedRequest): string[] => {
      const headers = Object.fromEntries(
        Object.keys(recorded.headers).map((name) => [name, received.headers[name] as string]),
      );
      let body: unknown = null;
      try {
        body = JSON.parse(received.body);
      } catch {
        return ['the body is not JSON'];
      }
      return [
        ...compareFields(
          'request',
          { method: received.method, path: received.path, body: JSON.stringify(body) },
          { method: recorded.method, path: recorded.path, body: JSON.stringify(recorded.body) },
        ),
        ...compareFields('header', headers, recorded.headers),
        ...compareFields(
          'recomputed',
          { authorization: received.headers.authorization },
          { authorization: recomputeAuthorization(received, secretId, secretKey) },
        ),
      ];
    };

  itFollowsEachInteraction(contract.interactions, checkAgainst, (endpoint, interaction) =>
    createTencentSmsChannel({
      ...contract.options,
      endpoint,
      now: () => new Date(interaction.now),
    }),
  );
});

describe('the Tencent channel without the recorded server', () => {
  const message = contract.interactions[0]!.message as OutboundMessage;

  it('refuses a message whose template has no Tencent TemplateId', async () => {
    const channel = createTencentSmsChannel({
      ...contract.options,
      fetch: () => Promise.reject(new Error('no request should be made')),
    });
    const sending = channel.send({ ...message, providerTemplate: { code: 'other', params: {} } });
    await expect(sending).rejects.toThrow(PermanentDispatchError);
    await expect(sending).rejects.toMatchObject({ code: 'rejected-template' });
  });

  it.each([
    ['AuthFailure.SignatureExpire', 200],
    ['InternalError.Timeout', 200],
    ['InternalError', 500],
  ])('retries %s (HTTP %s)', async (code, status) => {
    const channel = createTencentSmsChannel({
      ...contract.options,
      fetch: async () =>
        Response.json(
          { Response: { Error: { Code: code, Message: 'x' }, RequestId: 'r' } },
          { status },
        ),
    });
    const sending = channel.send(message);
    await expect(sending).rejects.toThrow(SmsProviderError);
    await expect(sending).rejects.toMatchObject({ providerCode: code });
  });

  it('makes an unreachable API a transient error without the secret key', async () => {
    const port = await closedPort();
    const channel = createTencentSmsChannel({
      ...contract.options,
      endpoint: `http://127.0.0.1:${port}`,
    });
    const error = (await channel.send(message).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(SmsProviderError);
    expect(error.message).toBe(`tencent SMS API at 127.0.0.1:${port} unreachable: ECONNREFUSED`);
    expect(JSON.stringify([error.message, { ...error }])).not.toContain(contract.options.secretKey);
  });
});
