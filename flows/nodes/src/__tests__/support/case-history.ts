/** Case histories for the planning tests: a quiet case in round 0 unless told otherwise. */
import { daysBetween } from '../../domain/business-days';
import type { CaseHistory, CaseStepRecord } from '../../types';

/** The as-of date of strategyCase() in node-red-helper.ts. */
const AS_OF = '2026-12-04';

/** A step done on `doneOn` (or pending when doneOn is null), in round 0. */
export function stepRecord(
  stepKey: string,
  overrides: Partial<CaseStepRecord> = {},
): CaseStepRecord {
  const doneOn = overrides.doneOn === undefined ? '2026-12-01' : overrides.doneOn;
  return {
    stepKey,
    round: 0,
    channel: 'email',
    dueOn: doneOn ?? '2026-12-01',
    doneOn,
    status: doneOn === null ? 'pending' : 'done',
    outcome: doneOn === null ? 'none' : 'sent',
    ...overrides,
  };
}

export function caseHistory(overrides: Partial<CaseHistory> = {}): CaseHistory {
  return {
    oldestDueOn: '2026-11-20',
    steps: {},
    lastAction: null,
    contacts: 0,
    responses: 0,
    unansweredActions: 0,
    respondedSinceLastAction: false,
    partialPaymentSinceLastAction: false,
    promise: { state: 'none', dueOn: null, amountMinor: null, broken: 0 },
    priorCases: 0,
    round: 0,
    frozen: false,
    agencyCode: null,
    ...overrides,
  };
}

/** A history whose steps are `records` (keyed by step), the newest done one its last action. */
export function historyWith(
  records: CaseStepRecord[],
  overrides: Partial<CaseHistory> = {},
): CaseHistory {
  const done = records
    .filter((record) => record.doneOn !== null)
    .sort((a, b) => String(a.doneOn).localeCompare(String(b.doneOn)));
  const last = done.at(-1);
  return caseHistory({
    steps: Object.fromEntries(records.map((record) => [record.stepKey, record])),
    lastAction: last ? { ...last, daysAgo: daysBetween(String(last.doneOn), AS_OF) } : null,
    contacts: done.length,
    ...overrides,
  });
}
