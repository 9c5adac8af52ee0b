import { PermanentDispatchError } from '../errors';

/** SMPP 3.4 command_status values (section 5.1.3) that the channel names in its errors. */
export const SMPP_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVESMCLASS: 0x43,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RINVSYSTYP: 0x53,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RINVTLVSTREAM: 0xc0,
  ESME_RTLVNOTALLWD: 0xc1,
  ESME_RINVTLVLEN: 0xc2,
  ESME_RMISSINGTLV: 0xc3,
  ESME_RINVTLVVAL: 0xc4,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
  ESME_RPROHIBITED: 0x101,
  ESME_RINVDCS: 0x104,
} as const;

const NAMES = new Map<number, string>(
  Object.entries(SMPP_STATUS).map(([name, value]) => [value, name]),
);

/**
 * Answers to submit_sm that no retry can change: the message, its addresses
 * or its parameters are wrong, or the SMSC refuses this content for good.
 * Everything else (throttled, queue full, system error, unknown) is retried.
 */
const PERMANENT = new Map<number, string>([
  [SMPP_STATUS.ESME_RINVDSTADR, 'invalid-number'],
  [SMPP_STATUS.ESME_RINVDSTTON, 'invalid-number'],
  [SMPP_STATUS.ESME_RINVDSTNPI, 'invalid-number'],
  [SMPP_STATUS.ESME_RINVSRCADR, 'invalid-source'],
  [SMPP_STATUS.ESME_RINVSRCTON, 'invalid-source'],
  [SMPP_STATUS.ESME_RINVSRCNPI, 'invalid-source'],
  [SMPP_STATUS.ESME_RINVMSGLEN, 'rejected-message'],
  [SMPP_STATUS.ESME_RSUBMITFAIL, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVESMCLASS, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVDCS, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVPRTFLG, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVREGDLVFLG, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVSERTYP, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVSCHED, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVEXPIRY, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVTLVSTREAM, 'rejected-message'],
  [SMPP_STATUS.ESME_RTLVNOTALLWD, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVTLVLEN, 'rejected-message'],
  [SMPP_STATUS.ESME_RMISSINGTLV, 'rejected-message'],
  [SMPP_STATUS.ESME_RINVTLVVAL, 'rejected-message'],
  [SMPP_STATUS.ESME_RX_P_APPN, 'rejected-message'],
  [SMPP_STATUS.ESME_RX_R_APPN, 'rejected-message'],
  [SMPP_STATUS.ESME_RPROHIBITED, 'rejected-message'],
]);

/** `ESME_RTHROTTLED (0x00000058)`, or the bare hex for a vendor-specific status. */
export const describeStatus = (status: number): string => {
  const hex = `0x${status.toString(16).toUpperCase().padStart(8, '0')}`;
  const name = NAMES.get(status);
  return name ? `${name} (${hex})` : hex;
};

/** A transient SMPP failure: the dispatcher retries it with backoff. */
export class SmppError extends Error {
  override name = 'SmppError';
  constructor(
    message: string,
    /** command_status when the SMSC answered, else null (timeout, connection). */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The error for a submit_sm_resp that is not ESME_ROK. */
export const submitError = (status: number, part: string): Error => {
  const message = `SMSC refused ${part}: ${describeStatus(status)}`;
  const code = PERMANENT.get(status);
  return code ? new PermanentDispatchError(message, code) : new SmppError(message, status);
};
