import { createHash, createHmac } from 'node:crypto';

import type { ChannelAdapter, Delivery, OutboundMessage } from '../types';
import { normaliseMobileNumber } from './phone';
import {
  answerError,
  providerSender,
  providerTemplateFor,
  type ProviderHttpOptions,
} from './provider-http';

/**
 * Tencent Cloud SMS: SendSms, API version 2021-01-11, a JSON POST signed with
 * TC3-HMAC-SHA256 as Tencent Cloud's "Signature v3" documentation specifies
 * (https://www.tencentcloud.com/document/product/382/40467):
 *
 * 1. CanonicalRequest = method \n "/" \n "" \n "content-type:…\nhost:…\n" \n
 *    "content-type;host" \n hex(SHA256(payload));
 * 2. StringToSign = "TC3-HMAC-SHA256" \n timestamp \n date/service/tc3_request \n
 *    hex(SHA256(CanonicalRequest)), the date being the timestamp's UTC day;
 * 3. the key is HMAC-SHA256 chained from "TC3" + SecretKey over the date, the
 *    service and "tc3_request"; Signature = hex(HMAC-SHA256(key, StringToSign)).
 */

export interface TencentSmsOptions extends ProviderHttpOptions {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (1400…). */
  sdkAppId: string;
  signName: string;
  /** Default ap-guangzhou. */
  region?: string;
  /** Default https://sms.tencentcloudapi.com. */
  endpoint?: string;
  /** Our template code -> Tencent TemplateId. */
  templateIds: Record<string, string>;
  now?: () => Date;
}

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  /** Unix seconds, the X-TC-Timestamp header. */
  timestamp: number;
  payload: string;
}

const PROVIDER = 'tencent';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const SIGNED_HEADERS = 'content-type;host';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** The Authorization header of a TC3-HMAC-SHA256 signed POST to "/". */
export const tc3Authorization = (input: Tc3Input): string => {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalHeaders = `content-type:${input.contentType}\nhost:${input.host}\n`;
  const canonicalRequest = [
    'POST',
    '/',
    '',
    canonicalHeaders,
    SIGNED_HEADERS,
    sha256Hex(input.payload),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    'TC3-HMAC-SHA256',
    input.timestamp,
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return (
    `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, ` +
    `SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`
  );
};

/** The error families that no retry can change (the rest, LimitExceeded.* included, is retried). */
const PERMANENT_FAMILIES =
  /^(FailedOperation|InvalidParameterValue|InvalidParameter|MissingParameter|UnauthorizedOperation)(\.|$)/;

const permanentCodeOf = (code: string): string | null => {
  if (!PERMANENT_FAMILIES.test(code)) return null;
  if (code === 'InvalidParameterValue.IncorrectPhoneNumber') return 'invalid-number';
  if (code.includes('Template')) return 'rejected-template';
  if (code.includes('Signature')) return 'rejected-signature';
  if (code.includes('Balance')) return 'provider-account';
  return 'rejected-message';
};

/**
 * Tencent templates number their variables {1}, {2}…: keys that are those
 * numbers are sent in that order; other keys keep the order they were given in.
 */
export const templateParamSet = (params: Record<string, string>): string[] => {
  const entries = Object.entries(params);
  const positional = entries.every(([key]) => /^\d+$/.test(key));
  if (positional) entries.sort(([a], [b]) => Number(a) - Number(b));
  return entries.map(([, value]) => value);
};

const asObject = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Delivery for SendStatusSet[0].Code "Ok"; otherwise the failure, permanent or transient. */
const interpret = (status: number, body: unknown): Delivery => {
  const response = asObject(asObject(body)?.Response);
  const error = asObject(response?.Error);
  const statuses = response?.SendStatusSet;
  const first = Array.isArray(statuses) ? asObject(statuses[0]) : null;
  const outcome = error ?? first;
  const code = text(outcome?.Code);
  const serialNo = text(first?.SerialNo);
  if (!error && code === 'Ok' && serialNo && status < 500) {
    // Fee is the number of billed messages: one per part of a long SMS.
    const parts = Number(first?.Fee) || 1;
    return { providerMessageId: serialNo, via: PROVIDER, alreadyDelivered: false, parts };
  }
  throw answerError(PROVIDER, code, text(outcome?.Message), permanentCodeOf(code), status);
};

export const createTencentSmsChannel = (options: TencentSmsOptions): ChannelAdapter => {
  const endpoint = new URL(options.endpoint ?? 'https://sms.tencentcloudapi.com');
  const now = options.now ?? (() => new Date());
  const sendRequest = providerSender(PROVIDER, 'serialNo', options, interpret);

  const payloadOf = (message: OutboundMessage): string => {
    const template = providerTemplateFor(PROVIDER, message.providerTemplate, options.templateIds);
    const number = normaliseMobileNumber(message.to);
    return JSON.stringify({
      PhoneNumberSet: [`+${number.international}`],
      SmsSdkAppId: options.sdkAppId,
      SignName: options.signName,
      TemplateId: template.id,
      TemplateParamSet: templateParamSet(template.params),
      SessionContext: message.actionId,
    });
  };

  const send = async (message: OutboundMessage): Promise<Delivery> => {
    const payload = payloadOf(message);
    const timestamp = Math.floor(now().getTime() / 1000);
    const authorization = tc3Authorization({
      secretId: options.secretId,
      secretKey: options.secretKey,
      service: 'sms',
      host: endpoint.host,
      contentType: CONTENT_TYPE,
      timestamp,
      payload,
    });
    const headers = {
      Authorization: authorization,
      'Content-Type': CONTENT_TYPE,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Region': options.region ?? 'ap-guangzhou',
      'X-TC-Timestamp': String(timestamp),
    };

    const init = { method: 'POST', headers, body: payload };
    return sendRequest(message.actionId, new URL('/', endpoint), init);
  };

  return { channel: 'sms', provider: PROVIDER, send, close: async () => undefined };
};
