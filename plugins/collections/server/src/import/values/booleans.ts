import type { Cell } from '../types';
import { cellText, fold } from './text';

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '有']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '无']);

/** Reads 是/否, Y/N, Yes/No, true/false, 1/0 (any case, full-width tolerant); null if none. */
export function parseBooleanCell(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const word = fold(cellText(cell)).toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}
