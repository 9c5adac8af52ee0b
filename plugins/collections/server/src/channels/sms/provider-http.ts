import { PermanentDispatchError } from '../errors';
import type { Delivery } from '../types';

export type FetchLike = typeof fetch;
export type ProviderLogger = (event: string, fields: Record<string, unknown>) => void;

/**
 * A transient failure of an HTTP SMS API (throttled, server error, network,
 * or an answer the adapter does not know): the dispatcher retries it.
 */
export class SmsProviderError extends Error {
  override name = 'SmsProviderError';
  constructor(
    message: string,
    readonly provider: string,
    /** The provider's error code when it answered with one. */
    readonly providerCode: string | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

export interface ProviderAnswer {
  status: number;
  /** The parsed JSON body, or null when the body was not JSON. */
  body: unknown;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Why the request never got an answer, without the URL (it may carry credentials). */
const networkReason = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return cause?.message ?? (error as Error).message;
};

/** Calls the API; network failures and timeouts become transient errors naming only the host. */
export const callProvider = async (
  fetchImpl: FetchLike,
  provider: string,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<ProviderAnswer> => {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = networkReason(error);
    throw new SmsProviderError(
      `${provider} SMS API at ${url.host} unreachable: ${reason}`,
      provider,
    );
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: null };
  }
};

/** The transport options every HTTP SMS adapter takes. */
export interface ProviderHttpOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  logger?: ProviderLogger;
}

/** Reads an answer: the delivery, or throws why it is none. */
export type InterpretAnswer = (status: number, body: unknown) => Delivery;

/** Sends one request for an action and returns the delivery the answer reports. */
export type ProviderSend = (actionId: string, url: URL, init: RequestInit) => Promise<Delivery>;

/**
 * The request and answer handling the HTTP adapters share: calls the API,
 * reads the answer with `interpret` and logs `sms.<provider>.sent` (with the
 * provider's message id under `idField`) or `sms.<provider>.refused` with the
 * error, which it throws on. An API that cannot be reached is not logged here.
 */
export const providerSender = (
  provider: string,
  idField: string,
  options: ProviderHttpOptions,
  interpret: InterpretAnswer,
): ProviderSend => {
  const fetchImpl = options.fetch ?? fetch;
  const log: ProviderLogger = options.logger ?? (() => undefined);
  return async (actionId, url, init) => {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const answer = await callProvider(fetchImpl, provider, url, init, timeoutMs);
    try {
      const delivery = interpret(answer.status, answer.body);
      log(`sms.${provider}.sent`, { action: actionId, [idField]: delivery.providerMessageId });
      return delivery;
    } catch (error) {
      log(`sms.${provider}.refused`, { action: actionId, error: (error as Error).message });
      throw error;
    }
  };
};

/**
 * Why an answer is not a delivery, as the dispatcher needs it: transient when it
 * carries no result code or the server failed, whatever else it says; otherwise
 * the provider's refusal, permanent when `permanentCode` names it, else transient.
 */
export const answerError = (
  provider: string,
  code: string,
  detail: string,
  permanentCode: string | null,
  httpStatus: number,
): Error => {
  if (!code || httpStatus >= 500) {
    const what = code ? `${code}, HTTP ${httpStatus}` : `HTTP ${httpStatus} without a result code`;
    const message = `${provider} SMS API answered ${what}`;
    return new SmsProviderError(message, provider, code || null, httpStatus);
  }
  const message = `${provider} refused the SMS: ${code}${detail ? ` (${detail})` : ''}`;
  return permanentCode
    ? new PermanentDispatchError(message, permanentCode)
    : new SmsProviderError(message, provider, code, httpStatus);
};

/** The provider's template for this message, or a permanent 'rejected-template' failure. */
export const providerTemplateFor = (
  provider: string,
  template: { code: string; params: Record<string, string> } | null | undefined,
  known: Record<string, string>,
): { id: string; params: Record<string, string> } => {
  if (!template) {
    throw new PermanentDispatchError(
      `rejected template: ${provider} only sends registered templates and the message names none`,
      'rejected-template',
    );
  }
  const id = Object.hasOwn(known, template.code) ? known[template.code] : undefined;
  if (!id) {
    throw new PermanentDispatchError(
      `rejected template: no ${provider} template is configured for '${template.code}'`,
      'rejected-template',
    );
  }
  return { id, params: template.params };
};
