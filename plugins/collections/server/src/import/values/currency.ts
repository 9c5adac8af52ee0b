import { minorDigits } from '../../domain/money';
import { fold } from './text';

/** Names and symbols found in Chinese exports, folded and upper-cased. */
const ALIASES: Record<string, string> = {
  人民币: 'CNY',
  RMB: 'CNY',
  '¥': 'CNY',
  元: 'CNY',
  美元: 'USD',
  美金: 'USD',
  $: 'USD',
  US$: 'USD',
  港币: 'HKD',
  港元: 'HKD',
  HK$: 'HKD',
  欧元: 'EUR',
  '€': 'EUR',
};

let known: Set<string> | null = null;

const knownCodes = (): Set<string> => {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known;
};

/** ISO 4217 code for a code, Chinese name or symbol ("人民币", "rmb", "¥"), or null. */
export function resolveCurrency(text: string): string | null {
  const key = fold(text).trim().toUpperCase();
  const code = ALIASES[key] ?? key;
  return knownCodes().has(code) ? code : null;
}

export { minorDigits };

/** Formats minor units back to a plain decimal for messages ("123456" CNY → "1234.56"). */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
