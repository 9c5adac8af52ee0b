import type { Cell } from '../types';
import { minorDigits, resolveCurrency } from './currency';
import { cellText, fold } from './text';

/** A decimal read from a cell, before the currency's minor unit is applied. */
export interface DecimalAmount {
  negative: boolean;
  integer: string;
  fraction: string;
  /** Currency named by a symbol or code next to the number ("¥", "RMB", "USD"), if any. */
  currency: string | null;
}

export type AmountFailure =
  | { kind: 'not-a-number' }
  | { kind: 'unknown-symbol'; symbol: string }
  | { kind: 'too-many-decimals'; digits: number }
  | { kind: 'too-large' };

const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const LEADING_WORD = /^[^\d\s.,()+-]+/u;
const TRAILING_WORD = /[^\d\s.,()+-]+$/u;

/**
 * Largest amount accepted, in minor units (one trillion yuan in fen): ninety of them still add
 * up to an exact integer, so totals and balances never lose precision.
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000_000;

/** Excel keeps 15 significant digits, so numeric cells are read at that precision. */
const EXCEL_DIGITS = 15;

function numberCellText(value: number): string {
  const text = value.toPrecision(EXCEL_DIGITS);
  const plain = text.includes('e') ? value.toFixed(20) : text;
  return plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain;
}

function stripSign(text: string): { text: string; negative: boolean } {
  let rest = text.replace(/\u2212/g, '-').trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(rest);
  if (paren) [negative, rest] = [true, (paren[1] ?? '').trim()];
  return { text: rest, negative };
}

/** Splits "¥ -1,234.50" into sign, currency word and number text. */
function splitAmountText(text: string): { negative: boolean; word: string | null; number: string } {
  let { text: rest, negative } = stripSign(fold(text));
  const flip = (): void => {
    if (/^[-+]/.test(rest)) [negative, rest] = [negative || rest[0] === '-', rest.slice(1).trim()];
    if (/[-+]$/.test(rest))
      [negative, rest] = [negative || rest.endsWith('-'), rest.slice(0, -1).trim()];
  };
  flip();
  const leading = LEADING_WORD.exec(rest)?.[0];
  if (leading) rest = rest.slice(leading.length).trim();
  const trailing = leading ? undefined : TRAILING_WORD.exec(rest)?.[0];
  if (trailing) rest = rest.slice(0, -trailing.length).trim();
  flip();
  return { negative, word: leading ?? trailing ?? null, number: rest };
}

/** Reads a decimal from a text or numeric cell; never goes through floating-point arithmetic. */
export function parseDecimal(cell: Cell): DecimalAmount | AmountFailure {
  const text = typeof cell === 'number' ? numberCellText(cell) : cellText(cell);
  const { negative, word, number } = splitAmountText(text);
  const currency = word === null ? null : resolveCurrency(word);
  if (word !== null && currency === null) return { kind: 'unknown-symbol', symbol: word };

  const match = NUMBER.exec(number);
  if (!match || !match[1]) return { kind: 'not-a-number' };
  return { negative, integer: match[1].replace(/,/g, ''), fraction: match[2] ?? '', currency };
}

/** Converts a decimal to integer minor units of the currency, exactly. */
export function toMinorUnits(amount: DecimalAmount, currency: string): number | AmountFailure {
  const digits = minorDigits(currency);
  const kept = amount.fraction.slice(0, digits);
  if (/[^0]/.test(amount.fraction.slice(digits))) return { kind: 'too-many-decimals', digits };

  const minor = Number(`${amount.integer}${kept.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return { kind: 'too-large' };
  return amount.negative && minor !== 0 ? -minor : minor;
}

export const isFailure = (value: unknown): value is AmountFailure =>
  typeof value === 'object' && value !== null && 'kind' in value;
