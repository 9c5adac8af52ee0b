/** The segments an hk-case-source may be limited to. */
export const SOURCE_QUADRANTS = ['HH', 'HL', 'LH', 'LL'] as const;

export type QuadrantFilterResult =
  { quadrants: ReadonlySet<string> | null; problem?: never } | { problem: 'quadrants-invalid' };

/**
 * The quadrants a case source passes on: absent or empty means every case (unscored ones
 * too); otherwise a list of distinct HH, HL, LH, LL.
 */
export function parseQuadrantFilter(raw: unknown): QuadrantFilterResult {
  if (raw === undefined || raw === null || raw === '') return { quadrants: null };
  if (!Array.isArray(raw)) return { problem: 'quadrants-invalid' };
  if (raw.length === 0) return { quadrants: null };
  const known: readonly unknown[] = SOURCE_QUADRANTS;
  if (!raw.every((value) => known.includes(value)) || new Set(raw).size !== raw.length) {
    return { problem: 'quadrants-invalid' };
  }
  return { quadrants: new Set(raw as string[]) };
}
