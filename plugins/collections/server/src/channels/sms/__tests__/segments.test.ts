import {
  DATA_CODING_GSM,
  DATA_CODING_UCS2,
  ESM_CLASS_UDHI,
  MessageTooLongError,
  decodeGsm7,
  decodeUcs2,
  encodeGsm7,
  isGsm7,
  resolveGsmEscapes,
  segmentMessage,
  unitsOf,
} from '../segments';

/** The text of a part, decoded from its bytes after the 6-octet UDH. */
const partText = (part: Buffer, encoding: 'gsm7' | 'ucs2', udh = true): string => {
  const payload = udh ? part.subarray(6) : part;
  return encoding === 'gsm7' ? decodeGsm7(payload) : decodeUcs2(payload);
};

const CHINESE_200 =
  '尊敬的客户您好：贵公司尚有三笔发票已逾期，合计金额人民币壹拾贰万叁仟肆佰伍拾陆元整。' +
  '请于本月二十日前安排付款，如已付款请忽略本短信。如对账单有疑问，请致电财务部王经理。' +
  '逾期款项将按合同约定计收违约金，并可能影响贵公司后续的信用额度与供货安排，敬请谅解。' +
  '感谢贵公司长期以来的支持与合作，祝生意兴隆，万事如意！杭州瑞丰电子有限公司财务部敬上' +
  '本短信由系统自动发送，请勿直接回复。如需协助，请您致电客服热线。';

describe('choosing the encoding', () => {
  it('keeps the GSM default alphabet for Latin text, with escaped characters counted twice', () => {
    expect(isGsm7('Invoice FP0001 is due: €12,345.67 [ref ~1]')).toBe(true);
    expect(unitsOf('a€[]', 'gsm7')).toBe(7);
    expect(encodeGsm7('@€')).toEqual(Buffer.from([0x00, 0x1b, 0x65]));
  });

  it('takes UCS-2 for Chinese, for emoji and for characters outside the alphabet', () => {
    expect(isGsm7('您好')).toBe(false);
    expect(isGsm7('paid 👍')).toBe(false);
    expect(isGsm7('naïve')).toBe(false);
    expect(segmentMessage('您好', 1)).toMatchObject({
      encoding: 'ucs2',
      dataCoding: DATA_CODING_UCS2,
      esmClass: 0,
      parts: [Buffer.from([0x60, 0xa8, 0x59, 0x7d])],
    });
  });

  it('round-trips the whole default alphabet and its extension table', () => {
    const alphabet =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ' +
      'ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€';
    expect(isGsm7(alphabet)).toBe(true);
    expect(decodeGsm7(encodeGsm7(alphabet))).toBe(alphabet);
  });
});

describe('single messages', () => {
  it('sends 160 septets as one part without a header', () => {
    const text = 'A'.repeat(160);
    const segmented = segmentMessage(text, 7);
    expect(segmented).toMatchObject({ encoding: 'gsm7', dataCoding: DATA_CODING_GSM, esmClass: 0 });
    expect(segmented.parts).toHaveLength(1);
    expect(segmented.parts[0]).toHaveLength(160);
  });

  it('sends 70 Chinese characters as one UCS-2 part', () => {
    const segmented = segmentMessage(CHINESE_200.slice(0, 70), 7);
    expect(segmented.parts).toHaveLength(1);
    expect(segmented.parts[0]).toHaveLength(140);
  });

  it('splits at 161 septets, and at 159 characters when one of them is escaped', () => {
    expect(segmentMessage('A'.repeat(161), 7).parts).toHaveLength(2);
    expect(segmentMessage(`${'A'.repeat(158)}€`, 7).parts).toHaveLength(1);
    expect(segmentMessage(`${'A'.repeat(159)}€`, 7).parts).toHaveLength(2);
  });
});

describe('concatenated messages', () => {
  it('splits a 200-character Chinese message into three UCS-2 parts of 67, 67 and 66', () => {
    expect(CHINESE_200).toHaveLength(200);
    const segmented = segmentMessage(CHINESE_200, 0x2a);

    expect(segmented).toMatchObject({ encoding: 'ucs2', esmClass: ESM_CLASS_UDHI });
    expect(segmented.texts.map((text) => text.length)).toEqual([67, 67, 66]);
    segmented.parts.forEach((part, index) => {
      expect([...part.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 0x2a, 3, index + 1]);
      expect(part.length).toBeLessThanOrEqual(140);
    });
    const decoded = segmented.parts.map((part) => partText(part, 'ucs2')).join('');
    expect(decoded).toBe(CHINESE_200);
  });

  it('never splits an emoji that falls on a part boundary', () => {
    const text = `${'款'.repeat(66)}😀${'项'.repeat(10)}`;
    const segmented = segmentMessage(text, 1);

    expect(segmented.texts[0]).toBe('款'.repeat(66));
    expect(segmented.texts[1]).toBe(`😀${'项'.repeat(10)}`);
    const decoded = segmented.parts.map((part) => partText(part, 'ucs2'));
    expect(decoded.join('')).toBe(text);
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    expect(decoded.some((part) => loneSurrogate.test(part))).toBe(false);
  });

  it('splits a pure-ASCII long message into 153-septet GSM parts', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Line ${i}.`).join(' ');
    const segmented = segmentMessage(text, 200);
    const expectedParts = Math.ceil(text.length / 153);

    expect(segmented).toMatchObject({ encoding: 'gsm7', esmClass: ESM_CLASS_UDHI });
    expect(segmented.parts).toHaveLength(expectedParts);
    expect(segmented.texts[0]).toHaveLength(153);
    expect(segmented.parts[0]).toHaveLength(6 + 153);
    expect(segmented.parts.map((part) => partText(part, 'gsm7')).join('')).toBe(text);
  });

  it('keeps an escaped character and its escape in the same part', () => {
    const text = `${'B'.repeat(152)}€${'C'.repeat(20)}`;
    const segmented = segmentMessage(text, 3);

    expect(segmented.texts[0]).toBe('B'.repeat(152));
    expect(segmented.parts[0]!.subarray(6)).toHaveLength(152);
    expect(segmented.parts[1]!.subarray(6, 8)).toEqual(Buffer.from([0x1b, 0x65]));
  });

  it('puts the reference number in every part, wrapped to one octet', () => {
    const segmented = segmentMessage('x'.repeat(400), 256 + 9);
    expect(segmented.parts.map((part) => part[3])).toEqual([9, 9, 9]);
  });

  it('refuses a message of more than 255 parts', () => {
    expect(() => segmentMessage('字'.repeat(67 * 255 + 1), 1)).toThrow(MessageTooLongError);
  });
});

describe('decoding', () => {
  it('resolves an escape left at the end of one part with the code that opened the next', () => {
    expect(resolveGsmEscapes(`price \u001b(x\u001b)`)).toBe('price {x}');
    expect(resolveGsmEscapes('no escapes')).toBe('no escapes');
  });

  it('decodes UCS-2 part by part without losing a split surrogate pair', () => {
    const bytes = Buffer.from('a😀', 'utf16le').swap16();
    const joined = decodeUcs2(bytes.subarray(0, 4)) + decodeUcs2(bytes.subarray(4));
    expect(joined).toBe('a😀');
  });
});
