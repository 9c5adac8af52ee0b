/** The request body of the editor's dry-run button: `{}` or `{ asOf: 'YYYY-MM-DD' }`. */

export type DryRunRequest = { asOf?: string; problem?: never } | { problem: 'as-of-invalid' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads the optional as-of date; without one the runtime plans as of today. */
export function parseDryRunRequest(body: unknown): DryRunRequest {
  const asOf =
    typeof body === 'object' && body !== null ? (body as { asOf?: unknown }).asOf : undefined;
  if (asOf === undefined || asOf === null || asOf === '') return {};
  return typeof asOf === 'string' && isDay(asOf) ? { asOf } : { problem: 'as-of-invalid' };
}
