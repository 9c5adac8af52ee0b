/// <reference path="../../types/smpp.d.ts" />
import * as smpp from 'smpp';
import type { PDU, Session } from 'smpp';

import { UncertainDeliveryError } from '../errors';

import { SMPP_STATUS, SmppError, describeStatus } from './smpp-status';

export type SmppLogger = (event: string, fields: Record<string, unknown>) => void;

export interface SmppLinkOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  /** The URL with the password replaced by ***: the only form that reaches logs and errors. */
  redactedUrl: string;
  enquireLinkMs: number;
  requestTimeoutMs: number;
  /** First delay before rebinding after a drop; it doubles up to a minute while binds fail. */
  reconnectMs: number;
  log: SmppLogger;
  /** A deliver_sm from the SMSC; the link answers deliver_sm_resp itself. */
  onDeliver(pdu: PDU): void;
}

/** One bound transceiver session to an SMSC, bound lazily and rebound after a drop. */
export interface SmppLink {
  submit(params: Record<string, unknown>): Promise<PDU>;
  close(): Promise<void>;
}

/** The SMSC refused the bind (wrong system id or password): transient, but needs an operator. */
export class SmppBindError extends SmppError {
  override name = 'SmppBindError';
}

interface InFlight {
  session: Session;
  fail(error: Error): void;
}

const MAX_RECONNECT_MS = 60_000;
const UNBIND_WAIT_MS = 2_000;

export const createSmppLink = (options: SmppLinkOptions): SmppLink => {
  const { log, redactedUrl: url } = options;
  let session: Session | null = null;
  let binding: Promise<Session> | null = null;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let reconnectDelay = options.reconnectMs;
  const inFlight = new Set<InFlight>();

  /** Answers what the SMSC asks of us; responses are routed to their callbacks by the library. */
  const answer = (current: Session, pdu: PDU): void => {
    if (pdu.isResponse()) return;
    if (pdu.command === 'deliver_sm') {
      try {
        options.onDeliver(pdu);
      } catch (error) {
        log('sms.smpp.deliver-failed', { url, error: (error as Error).message });
      }
      current.send(pdu.response());
    } else if (pdu.command === 'enquire_link') {
      current.send(pdu.response());
    } else if (pdu.command === 'unbind') {
      log('sms.smpp.unbound-by-smsc', { url });
      current.send(pdu.response(), () => current.close());
    } else if (pdu.command !== 'alert_notification' && pdu.command !== 'outbind') {
      const status = pdu.command === 'unknown' ? {} : { command_status: 0x03 };
      current.send(pdu.response(status));
    }
  };

  /** enquire_link every enquireLinkMs; a link that does not answer in time is dropped. */
  const keepAlive = (current: Session): NodeJS.Timeout => {
    const timer = setInterval(() => {
      const deadline = setTimeout(() => {
        log('sms.smpp.link-timeout', { url, waitedMs: options.requestTimeoutMs });
        current.destroy();
      }, options.requestTimeoutMs);
      deadline.unref();
      const sent = current.enquire_link({}, () => clearTimeout(deadline));
      if (!sent) clearTimeout(deadline);
    }, options.enquireLinkMs);
    timer.unref();
    return timer;
  };

  const scheduleReconnect = (): void => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      ensureBound().then(
        () => log('sms.smpp.reconnected', { url }),
        (error: Error) => {
          log('sms.smpp.reconnect-failed', {
            url,
            error: error.message,
            retryInMs: reconnectDelay,
          });
          reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_MS);
          scheduleReconnect();
        },
      );
    }, reconnectDelay);
    reconnectTimer.unref();
  };

  const dropped = (current: Session, keepAliveTimer: NodeJS.Timeout): void => {
    clearInterval(keepAliveTimer);
    if (session === current) session = null;
    for (const request of [...inFlight]) {
      if (request.session === current) {
        request.fail(
          new UncertainDeliveryError(`connection to ${url} lost while waiting for an answer`),
        );
      }
    }
    log('sms.smpp.closed', { url, reconnect: !closed });
    scheduleReconnect();
  };

  const bound = (current: Session): void => {
    session = current;
    reconnectDelay = options.reconnectMs;
    const keepAliveTimer = keepAlive(current);
    current.on('pdu', (pdu: PDU) => answer(current, pdu));
    current.on('close', () => dropped(current, keepAliveTimer));
    log('sms.smpp.bound', { url, systemType: options.systemType });
  };

  const bind = (): Promise<Session> =>
    new Promise((resolve, reject) => {
      const candidate = smpp.connect({ host: options.host, port: options.port });
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        candidate.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(new SmppError(`no bind answer from ${url} within ${options.requestTimeoutMs} ms`)),
        options.requestTimeoutMs,
      );
      candidate.on('error', (error: Error) => {
        if (!settled) fail(new SmppError(`cannot reach SMSC ${url}: ${error.message}`));
        else log('sms.smpp.socket-error', { url, error: error.message });
      });
      candidate.on('close', () =>
        fail(new SmppError(`${url} closed the connection before binding`)),
      );
      candidate.on('connect', () => {
        const credentials = {
          system_id: options.systemId,
          password: options.password,
          system_type: options.systemType,
        };
        candidate.bind_transceiver(credentials, (pdu: PDU) => {
          if (pdu.command_status !== SMPP_STATUS.ESME_ROK) {
            const status = describeStatus(pdu.command_status);
            fail(
              new SmppBindError(`${url} refused bind_transceiver: ${status}`, pdu.command_status),
            );
            return;
          }
          settled = true;
          clearTimeout(timer);
          bound(candidate);
          resolve(candidate);
        });
      });
    });

  const ensureBound = (): Promise<Session> => {
    if (closed) return Promise.reject(new SmppError(`the SMPP channel to ${url} is closed`));
    if (session) return Promise.resolve(session);
    binding ??= bind().finally(() => {
      binding = null;
    });
    return binding;
  };

  const submit = async (params: Record<string, unknown>): Promise<PDU> => {
    const current = await ensureBound();
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        inFlight.delete(request);
        settle();
      };
      const request: InFlight = { session: current, fail: (error) => finish(() => reject(error)) };
      const timer = setTimeout(
        () =>
          request.fail(
            new UncertainDeliveryError(`no submit_sm_resp within ${options.requestTimeoutMs} ms`),
          ),
        options.requestTimeoutMs,
      );
      inFlight.add(request);
      const sent = current.submit_sm(params, (pdu: PDU) => finish(() => resolve(pdu)));
      if (!sent) request.fail(new SmppError(`connection to ${url} is not writable`));
    });
  };

  /** Unbinds (waiting a moment for unbind_resp) and ends the socket. */
  const unbindAndEnd = (current: Session): Promise<void> =>
    new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        current.destroy(() => resolve());
      };
      const timer = setTimeout(end, UNBIND_WAIT_MS);
      current.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (!current.unbind({}, () => current.close())) end();
    });

  const close = async (): Promise<void> => {
    closed = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    await binding?.catch(() => undefined);
    const current = session;
    session = null;
    if (current) await unbindAndEnd(current);
    for (const request of [...inFlight]) request.fail(new SmppError(`the SMPP channel is closed`));
    log('sms.smpp.channel-closed', { url });
  };

  return { submit, close };
};
