import { PermanentDispatchError } from '../../errors';
import { normaliseMobileNumber } from '../phone';
import { isReceiptEsmClass, parseReceiptText, toDeliveryReceipt } from '../receipts';
import { describeStatus, SmppError, submitError } from '../smpp-status';

describe('normaliseMobileNumber', () => {
  it.each([
    ['13800138000'],
    ['+86 138-0013-8000'],
    ['+8613800138000'],
    ['0086 138 0013 8000'],
    ['8613800138000'],
    [' (138) 0013.8000 '],
  ])('reads %p as the mainland mobile 8613800138000', (raw) => {
    expect(normaliseMobileNumber(raw)).toEqual({
      international: '8613800138000',
      mainland: '13800138000',
    });
  });

  it('keeps numbers of other countries written with + or 00', () => {
    expect(normaliseMobileNumber('+852 9123 4567')).toEqual({
      international: '85291234567',
      mainland: null,
    });
    expect(normaliseMobileNumber('0044 7700 900123').international).toBe('447700900123');
  });

  it.each([
    ['abc'],
    [''],
    ['12345'],
    ['23800138000'],
    ['+86 10 1234 5678'],
    ['+1234567890123456'],
    ['138001380001'],
  ])('refuses %p as a permanent invalid-number', (raw) => {
    const attempt = () => normaliseMobileNumber(raw);
    expect(attempt).toThrow(PermanentDispatchError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid-number' }));
  });
});

describe('delivery receipts', () => {
  const text =
    'id:0a1b2c3d sub:001 dlvrd:001 submit date:2403051230 done date:2403051231 stat:DELIVRD err:000 text:Invoice FP0001';
  const at = new Date('2024-03-05T12:31:05Z');

  it('reads the SMPP 3.4 Appendix B receipt text', () => {
    expect(parseReceiptText(text)).toEqual({
      id: '0a1b2c3d',
      sub: '001',
      dlvrd: '001',
      'submit date': '2403051230',
      'done date': '2403051231',
      stat: 'DELIVRD',
      err: '000',
      text: 'Invoice FP0001',
    });
  });

  it('makes a delivered receipt from the text alone', () => {
    expect(toDeliveryReceipt({ text }, at)).toEqual({
      providerMessageId: '0a1b2c3d',
      state: 'DELIVRD',
      delivered: true,
      at,
      error: null,
    });
  });

  it('prefers the receipted_message_id and message_state TLVs over the text', () => {
    const receipt = toDeliveryReceipt(
      { text: text.replace('err:000', 'err:001'), receiptedMessageId: 'AB12', messageState: 5 },
      at,
    );
    expect(receipt).toMatchObject({
      providerMessageId: 'AB12',
      state: 'UNDELIV',
      delivered: false,
      error: 'UNDELIV err:001',
    });
  });

  it('reports a pending state without an error and a receipt without an id as unreadable', () => {
    expect(toDeliveryReceipt({ text: 'id:9 stat:ENROUTE err:000' }, at)).toMatchObject({
      delivered: false,
      error: null,
    });
    expect(toDeliveryReceipt({ text: 'hello' }, at)).toBeNull();
  });

  it('tells receipts from mobile-originated messages by esm_class', () => {
    expect(isReceiptEsmClass(0x04)).toBe(true);
    expect(isReceiptEsmClass(0x44)).toBe(true);
    expect(isReceiptEsmClass(0x00)).toBe(false);
    expect(isReceiptEsmClass(0x40)).toBe(false);
  });
});

describe('submit_sm_resp statuses', () => {
  it.each([
    [0x0b, 'invalid-number', 'ESME_RINVDSTADR (0x0000000B)'],
    [0x0a, 'invalid-source', 'ESME_RINVSRCADR (0x0000000A)'],
    [0x01, 'rejected-message', 'ESME_RINVMSGLEN (0x00000001)'],
    [0x45, 'rejected-message', 'ESME_RSUBMITFAIL (0x00000045)'],
  ])('treats 0x%s as permanent (%s)', (status, code, name) => {
    const error = submitError(status, 'part 1/1');
    expect(error).toBeInstanceOf(PermanentDispatchError);
    expect(error).toMatchObject({ code, message: `SMSC refused part 1/1: ${name}` });
  });

  it.each([[0x58], [0x14], [0x08], [0x400]])('retries 0x%s', (status) => {
    const error = submitError(status, 'part 2/3');
    expect(error).toBeInstanceOf(SmppError);
    expect(error).not.toBeInstanceOf(PermanentDispatchError);
    expect((error as SmppError).status).toBe(status);
  });

  it('names vendor-specific statuses by their hex value', () => {
    expect(describeStatus(0x58)).toBe('ESME_RTHROTTLED (0x00000058)');
    expect(describeStatus(0x400)).toBe('0x00000400');
  });
});
