/**
 * The parts of smpp 0.5.1 (CommonJS, no types of its own) that the SMS channel
 * and the local SMSC use. PDU fields are the SMPP 3.4 parameter names.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** short_message as the library decodes it: the UDH information elements and the text. */
  export interface DecodedShortMessage {
    udh?: Buffer[];
    message: string | Buffer;
  }

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    source_addr?: string;
    destination_addr?: string;
    esm_class?: number;
    data_coding?: number;
    registered_delivery?: number;
    message_id?: string;
    short_message?: DecodedShortMessage | Buffer | string;
    message_payload?: DecodedShortMessage | Buffer | string;
    receipted_message_id?: string;
    message_state?: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export type PduCallback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
    bind_transceiver(options: Record<string, unknown>, callback?: PduCallback): boolean;
    submit_sm(options: Record<string, unknown>, callback?: PduCallback): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: PduCallback): boolean;
    enquire_link(options: Record<string, unknown>, callback?: PduCallback): boolean;
    unbind(options: Record<string, unknown>, callback?: PduCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { host: string; port: number }, listener?: () => void): Session;
  export function createServer(listener?: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RINVBNDSTS: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RSYSERR: number;
}
