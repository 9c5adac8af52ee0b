import { createHmac, randomUUID } from 'node:crypto';

import type { ChannelAdapter, Delivery, OutboundMessage } from '../types';
import { normaliseMobileNumber } from './phone';
import {
  answerError,
  providerSender,
  providerTemplateFor,
  type ProviderHttpOptions,
} from './provider-http';

/**
 * Aliyun (Alibaba Cloud) SMS: the Dysmsapi SendSms operation, version
 * 2017-05-25, as an RPC-style GET request signed with the documented
 * "RPC signature" scheme, HMAC-SHA1 with SignatureVersion 1.0
 * (Alibaba Cloud SMS "Signature method",
 * https://www.alibabacloud.com/help/en/sms/signature-method):
 *
 * 1. sort every parameter but Signature by name; percent-encode names and
 *    values per RFC 3986 (A-Z a-z 0-9 - _ . ~ stay, space is %20, hex upper
 *    case) and join them as name=value with &: the canonicalized query string;
 * 2. StringToSign = HTTPMethod & percentEncode("/") & percentEncode(that string);
 * 3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */

export interface AliyunSmsOptions extends ProviderHttpOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved 签名 (SignName). */
  signName: string;
  /** Default https://dysmsapi.aliyuncs.com. */
  endpoint?: string;
  /** Our template code -> Aliyun TemplateCode (SMS_…). */
  templateCodes: Record<string, string>;
  regionId?: string;
  now?: () => Date;
  nonce?: () => string;
}

const PROVIDER = 'aliyun';

/** Codes that no retry can change (Aliyun's SendSms API error codes, help.aliyun.com/document_detail/101346). */
const PERMANENT_CODES: Record<string, string> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'invalid-number',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'invalid-number',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'invalid-number',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'rejected-template',
  'isv.SMS_TEMPLATE_ILLEGAL': 'rejected-template',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'rejected-template',
  'isv.INVALID_JSON_PARAM': 'rejected-template',
  'isv.PARAM_LENGTH_LIMIT': 'rejected-template',
  'isv.PARAM_NOT_SUPPORT_URL': 'rejected-template',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'rejected-template',
  'isv.SMS_SIGNATURE_ILLEGAL': 'rejected-signature',
  'isv.SMS_SIGN_ILLEGAL': 'rejected-signature',
  'isv.SIGN_STATE_ILLEGAL': 'rejected-signature',
  'isv.SMS_CONTENT_ILLEGAL': 'rejected-message',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'rejected-message',
  'isv.INVALID_PARAMETERS': 'rejected-message',
  // Out of credit: the same message would be refused until someone tops up the account.
  'isv.AMOUNT_NOT_ENOUGH': 'provider-account',
  'isv.OUT_OF_SERVICE': 'provider-account',
};

/** RFC 3986 percent-encoding: encodeURIComponent leaves ! ' ( ) * alone, Aliyun does not. */
export const percentEncode = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export const canonicalizedQuery = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&');

/** The RPC signature (HMAC-SHA1, SignatureVersion 1.0) of a request's parameters. */
export const signRpcRequest = (
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string => {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
};

/** ISO 8601 in UTC without milliseconds, as the Timestamp parameter takes it. */
const timestampOf = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const fieldOf = (body: unknown, name: string): string =>
  body && typeof body === 'object' && typeof (body as Record<string, unknown>)[name] === 'string'
    ? ((body as Record<string, unknown>)[name] as string)
    : '';

/** Delivery for Code OK; otherwise the failure, permanent or transient. */
const interpret = (status: number, body: unknown): Delivery => {
  const code = fieldOf(body, 'Code');
  const bizId = fieldOf(body, 'BizId');
  if (status < 300 && code === 'OK' && bizId) {
    return { providerMessageId: bizId, via: PROVIDER, alreadyDelivered: false, parts: 1 };
  }
  const permanentCode = Object.hasOwn(PERMANENT_CODES, code)
    ? (PERMANENT_CODES[code] ?? null)
    : null;
  throw answerError(PROVIDER, code, fieldOf(body, 'Message'), permanentCode, status);
};

export const createAliyunSmsChannel = (options: AliyunSmsOptions): ChannelAdapter => {
  const endpoint = new URL(options.endpoint ?? 'https://dysmsapi.aliyuncs.com');
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? randomUUID;
  const sendRequest = providerSender(PROVIDER, 'bizId', options, interpret);

  const requestParams = (message: OutboundMessage): Record<string, string> => {
    const template = providerTemplateFor(PROVIDER, message.providerTemplate, options.templateCodes);
    const number = normaliseMobileNumber(message.to);
    const params: Record<string, string> = {
      AccessKeyId: options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.actionId,
      PhoneNumbers: number.mainland ?? number.international,
      RegionId: options.regionId ?? 'cn-hangzhou',
      SignName: options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce(),
      SignatureVersion: '1.0',
      TemplateCode: template.id,
      Timestamp: timestampOf(now()),
      Version: '2017-05-25',
    };
    if (Object.keys(template.params).length > 0) {
      params.TemplateParam = JSON.stringify(template.params);
    }
    return params;
  };

  const send = async (message: OutboundMessage): Promise<Delivery> => {
    const params = requestParams(message);
    const signature = signRpcRequest('GET', params, options.accessKeySecret);
    const url = new URL('/', endpoint);
    url.search = `Signature=${percentEncode(signature)}&${canonicalizedQuery(params)}`;
    return sendRequest(message.actionId, url, { method: 'GET' });
  };

  return { channel: 'sms', provider: PROVIDER, send, close: async () => undefined };
};
