import { analyse } from 'chardet';
import iconv from 'iconv-lite';

import type { RowError } from '../../domain/ledger';
import { issue } from '../issues';
import type { SourceEncoding } from '../types';

export type Decoded =
  | { ok: true; text: string; encoding: SourceEncoding; warnings: RowError[] }
  | { ok: false; error: RowError };

/** Multi-byte encodings whose text also decodes as GB18030 without errors, but means nonsense. */
const OTHER_CJK = new Set(['Shift_JIS', 'EUC-JP', 'EUC-KR', 'Big5', 'ISO-2022-JP', 'ISO-2022-KR']);

const UTF16_BOMS: Array<[number[], 'utf-16le' | 'utf-16be']> = [
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** chardet reads the whole buffer for every candidate encoding; a prefix is enough. */
const DETECT_SAMPLE = 64 * 1024;

/** Share of double-byte characters that must fall in the GB2312 (EUC-CN) block. */
const GB2312_SHARE = 0.9;

const startsWith = (content: Buffer, bytes: number[]): boolean =>
  bytes.every((byte, index) => content[index] === byte);

const hasControlCharacters = (text: string): boolean =>
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.test(text);

function strictUtf8(content: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

/**
 * Walks the bytes as GB18030 and tells whether nearly all double-byte characters sit in the
 * GB2312 block, as they do in Chinese business text. Shift-JIS and random bytes do not.
 */
function looksLikeGb2312(content: Buffer): boolean {
  let doubles = 0;
  let inBlock = 0;
  for (let i = 0; i < content.length;) {
    const lead = content[i] ?? 0;
    const trail = content[i + 1] ?? 0;
    if (lead < 0x80) {
      i += 1;
    } else if (lead === 0x80 || lead === 0xff) {
      return false;
    } else if (trail >= 0x30 && trail <= 0x39) {
      doubles += 1;
      i += 4;
    } else {
      doubles += 1;
      if (lead >= 0xa1 && trail >= 0xa1 && trail <= 0xfe) inBlock += 1;
      i += 2;
    }
  }
  return doubles > 0 && inBlock / doubles >= GB2312_SHARE;
}

/** UTF-16 without a byte order mark shows as zero bytes in every other position. */
function utf16Guess(content: Buffer): string | null {
  const sample = content.subarray(0, 4096);
  let [even, odd] = [0, 0];
  sample.forEach((byte, index) => {
    if (byte === 0 && index % 2 === 0) even += 1;
    if (byte === 0 && index % 2 === 1) odd += 1;
  });
  const half = sample.length / 2;
  if (odd > half * 0.2 && even < odd / 4) return 'UTF-16LE without a byte order mark';
  if (even > half * 0.2 && odd < even / 4) return 'UTF-16BE without a byte order mark';
  return null;
}

function wrongEncoding(content: Buffer, guess: string | null): Decoded {
  const other = utf16Guess(content) ?? guess ?? 'an unknown encoding';
  return { ok: false, error: issue('wrong-encoding', 0, null, { other }) };
}

const binaryFile = (): Decoded => ({ ok: false, error: issue('binary-file', 0, null) });

function decodeGb18030(content: Buffer): Decoded {
  const [top] = analyse(content.subarray(0, DETECT_SAMPLE));
  const text = iconv.decode(content, 'gb18030');
  if (top?.name === 'GB18030') {
    const damaged = text.includes('\uFFFD');
    const warnings = damaged ? [issue('replacement-characters', 0, null)] : [];
    return { ok: true, text, encoding: 'gb18030', warnings };
  }

  const vetoed = top !== undefined && OTHER_CJK.has(top.name) && top.confidence >= 50;
  if (!vetoed && !hasControlCharacters(text) && looksLikeGb2312(content)) {
    return { ok: true, text, encoding: 'gb18030', warnings: [] };
  }
  return wrongEncoding(content, top?.name ?? null);
}

/**
 * Decodes a text export: UTF-8 (BOM stripped), UTF-16 with a BOM (Excel "Unicode text"), or
 * GB18030/GBK when the bytes look like Chinese text; anything else is a 'wrong-encoding' error.
 * NUL bytes never occur in text in these encodings: unless their pattern shows UTF-16 without
 * a byte order mark, the file is binary ('binary-file').
 */
export function decodeText(content: Buffer): Decoded {
  for (const [bom, encoding] of UTF16_BOMS) {
    if (startsWith(content, bom)) {
      const text = iconv.decode(content, encoding);
      return text.includes('\u0000') ? binaryFile() : { ok: true, text, encoding, warnings: [] };
    }
  }

  const body = startsWith(content, [0xef, 0xbb, 0xbf]) ? content.subarray(3) : content;
  if (body.includes(0)) {
    return utf16Guess(body) ? wrongEncoding(body, null) : binaryFile();
  }
  const utf8 = strictUtf8(body);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8', warnings: [] };
  return decodeGb18030(body);
}
