import { PermanentDispatchError } from '../errors';

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

/** A provider's refusal as the dispatcher needs it: permanent with a code, or transient. */
export const refusal = (
  provider: string,
  code: string,
  detail: string,
  permanentCode: string | null,
  httpStatus: number,
): Error => {
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
