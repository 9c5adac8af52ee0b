/**
 * The request body of the editor's dry-run button: `{}`, `{ asOf: 'YYYY-MM-DD' }` and, to try
 * the editor's flows before they are deployed, `flows`: the complete node list as the editor
 * exports it.
 */

export type DryRunProblem = 'as-of-invalid' | 'flows-invalid';

export type DryRunRequest =
  | { asOf?: string; flows?: Array<Record<string, unknown>>; problem?: never }
  | { problem: DryRunProblem };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isNodeList = (value: unknown): value is Array<Record<string, unknown>> =>
  Array.isArray(value) &&
  value.every((node) => typeof node === 'object' && node !== null && !Array.isArray(node));

/** Reads the optional as-of date and flows; without a date the runtime plans as of today. */
export function parseDryRunRequest(body: unknown): DryRunRequest {
  const record = (typeof body === 'object' && body !== null ? body : {}) as {
    asOf?: unknown;
    flows?: unknown;
  };
  const { asOf, flows } = record;
  const request: { asOf?: string; flows?: Array<Record<string, unknown>> } = {};
  if (asOf !== undefined && asOf !== null && asOf !== '') {
    if (typeof asOf !== 'string' || !isDay(asOf)) return { problem: 'as-of-invalid' };
    request.asOf = asOf;
  }
  if (flows !== undefined) {
    if (!isNodeList(flows)) return { problem: 'flows-invalid' };
    request.flows = flows;
  }
  return request;
}
