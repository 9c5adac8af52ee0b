/**
 * Splits an SMS text into the short_message parts an SMSC takes: the GSM 03.38
 * default alphabet when every character is in it, UCS-2 otherwise, with an
 * 8-bit-reference concatenation UDH (IEI 00) when the text needs more than one
 * part. Pure: no I/O, no clock.
 */

/** GSM 03.38 default alphabet, in code order (0x1B is the escape to the extension table). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: escape (0x1B) then this code. */
const GSM_EXTENSION: ReadonlyArray<[string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

const ESCAPE = 0x1b;
const basicCodes = new Map(
  [...GSM_BASIC].map((char, code) => [char, code] as const).filter(([, code]) => code !== ESCAPE),
);
const extensionCodes = new Map(GSM_EXTENSION);
const extensionChars = new Map(GSM_EXTENSION.map(([char, code]) => [code, char] as const));

export const DATA_CODING_GSM = 0x00;
export const DATA_CODING_UCS2 = 0x08;
/** esm_class bit: short_message starts with a user data header. */
export const ESM_CLASS_UDHI = 0x40;

const LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;
/** The 8-bit reference UDH carries the part count in one octet. */
const MAX_PARTS = 255;

export type SmsEncoding = keyof typeof LIMITS;

export interface SegmentedMessage {
  encoding: SmsEncoding;
  dataCoding: number;
  /** ESM_CLASS_UDHI when the parts carry a concatenation header, else 0. */
  esmClass: number;
  /** Each part's short_message: the UDH (when concatenated) followed by the encoded text. */
  parts: Buffer[];
  /** The text of each part, for logs and tests. */
  texts: string[];
}

export class MessageTooLongError extends Error {
  override name = 'MessageTooLongError';
}

/** Septets a character takes in the default alphabet (escaped ones take 2), or null. */
const gsmSeptets = (char: string): number | null => {
  if (basicCodes.has(char)) return 1;
  if (extensionCodes.has(char)) return 2;
  return null;
};

export const isGsm7 = (text: string): boolean =>
  [...text].every((char) => gsmSeptets(char) !== null);

/** Unpacked GSM 03.38 (one septet per octet), as SMPP data_coding 0 carries it. */
export const encodeGsm7 = (text: string): Buffer => {
  const codes: number[] = [];
  for (const char of text) {
    const basic = basicCodes.get(char);
    if (basic !== undefined) codes.push(basic);
    else codes.push(ESCAPE, extensionCodes.get(char) ?? basicCodes.get('?')!);
  }
  return Buffer.from(codes);
};

export const decodeGsm7 = (bytes: Buffer): string => {
  let text = '';
  for (let index = 0; index < bytes.length; index += 1) {
    const code = bytes[index]! & 0x7f;
    if (code === ESCAPE && index + 1 < bytes.length) {
      index += 1;
      const next = bytes[index]! & 0x7f;
      text += extensionChars.get(next) ?? GSM_BASIC[next];
    } else {
      text += code === ESCAPE ? '' : GSM_BASIC[code];
    }
  }
  return text;
};

/**
 * Resolves escapes left in text decoded part by part: an escape at the end of
 * one part whose extension code opened the next part ("\x1b(" becomes "{").
 */
export const resolveGsmEscapes = (text: string): string =>
  text.replace(/\u001b([\s\S])/g, (_, next: string) => {
    const code = basicCodes.get(next);
    return (code !== undefined && extensionChars.get(code)) || next;
  });

export const encodeUcs2 = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

export const decodeUcs2 = (bytes: Buffer): string =>
  Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)))
    .swap16()
    .toString('utf16le');

/** GSM chunks of at most `limit` septets; an escaped character never straddles two. */
const chunkGsm = (text: string, limit: number): string[] => {
  const chunks: string[] = [];
  let current = '';
  let septets = 0;
  for (const char of text) {
    const size = gsmSeptets(char)!;
    if (septets + size > limit) {
      chunks.push(current);
      current = '';
      septets = 0;
    }
    current += char;
    septets += size;
  }
  return [...chunks, current];
};

/** UCS-2 chunks of at most `limit` UTF-16 units; a surrogate pair never straddles two. */
const chunkUcs2 = (text: string, limit: number): string[] => {
  const chunks: string[] = [];
  let start = 0;
  while (text.length - start > limit) {
    let end = start + limit;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return [...chunks, text.slice(start)];
};

/** Text length in the encoding's units: septets for GSM, UTF-16 units for UCS-2. */
export const unitsOf = (text: string, encoding: SmsEncoding): number =>
  encoding === 'ucs2'
    ? text.length
    : [...text].reduce((sum, char) => sum + (gsmSeptets(char) ?? 0), 0);

const concatenationHeader = (reference: number, total: number, sequence: number): Buffer =>
  Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);

/**
 * The parts for `text`. `reference` (0-255) ties the parts of one message
 * together on the handset; give each multipart message its own.
 */
export const segmentMessage = (text: string, reference: number): SegmentedMessage => {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const limits = LIMITS[encoding];
  const encode = encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  const dataCoding = encoding === 'gsm7' ? DATA_CODING_GSM : DATA_CODING_UCS2;

  if (unitsOf(text, encoding) <= limits.single) {
    return { encoding, dataCoding, esmClass: 0, parts: [encode(text)], texts: [text] };
  }

  const texts = encoding === 'gsm7' ? chunkGsm(text, limits.part) : chunkUcs2(text, limits.part);
  if (texts.length > MAX_PARTS) {
    throw new MessageTooLongError(`an SMS of ${texts.length} parts exceeds ${MAX_PARTS}`);
  }
  const parts = texts.map((chunk, index) =>
    Buffer.concat([concatenationHeader(reference, texts.length, index + 1), encode(chunk)]),
  );
  return { encoding, dataCoding, esmClass: ESM_CLASS_UDHI, parts, texts };
};
