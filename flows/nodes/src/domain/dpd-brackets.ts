/**
 * Days-past-due brackets: a list of ascending lower bounds such as [0, 3, 7, 30, 60] splits the
 * days past due into "0-2", "3-6", "7-29", "30-59" and "60+".
 */

export type BoundsProblem =
  'bounds-empty' | 'bounds-not-integer' | 'bounds-negative' | 'bounds-not-ascending';

export type BoundsResult = { bounds: number[]; problem?: never } | { problem: BoundsProblem };

export const DEFAULT_BOUNDS: readonly number[] = [0, 3, 7, 30, 60];

/** Numbers come from the flow file; the editor may store them as digit strings. */
const toNumber = (value: unknown): number =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : (value as number);

/** Checks configured lower bounds: at least one, non-negative integers, strictly ascending. */
export function parseBounds(raw: unknown): BoundsResult {
  if (!Array.isArray(raw) || raw.length === 0) return { problem: 'bounds-empty' };

  const bounds = raw.map(toNumber);
  if (!bounds.every((bound) => Number.isSafeInteger(bound))) {
    return { problem: 'bounds-not-integer' };
  }
  if (bounds.some((bound) => bound < 0)) return { problem: 'bounds-negative' };
  if (bounds.some((bound, i) => i > 0 && bound <= (bounds[i - 1] as number))) {
    return { problem: 'bounds-not-ascending' };
  }
  return { bounds };
}

/**
 * The index of the highest bracket whose lower bound is at most `daysPastDue`, or -1 when
 * `daysPastDue` lies below the first bound.
 */
export function bracketIndex(bounds: readonly number[], daysPastDue: number): number {
  let index = -1;
  bounds.forEach((bound, i) => {
    if (bound <= daysPastDue) index = i;
  });
  return index;
}

/** Output labels of the brackets, e.g. ["0-2", "3-6", "7-29", "30-59", "60+"]. */
export function bracketLabels(bounds: readonly number[]): string[] {
  return bounds.map((bound, i) => {
    const next = bounds[i + 1];
    if (next === undefined) return `${bound}+`;
    return next - 1 === bound ? `${bound}` : `${bound}-${next - 1}`;
  });
}
