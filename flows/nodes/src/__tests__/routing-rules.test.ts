import { findRoutingProblem } from '../domain/case-check';
import { quadrantOutput, reasonOutput } from '../domain/case-segments';
import { collectionState, findLastOutcomeProblem, lastOutcome } from '../domain/collection-state';
import { parseDryRunRequest } from '../domain/dry-run';
import {
  DEFAULT_OFFENDER_CONFIG,
  findBrokenPromisesProblem,
  offenderOutput,
  parseOffenderConfig,
} from '../domain/offender';
import type { ActionOutcome, CasePromise } from '../types';
import { strategyCase } from './support/node-red-helper';
import { caseHistory, lastActionWith } from './support/routing-helper';

const promise = (state: CasePromise['state'], broken = 0): CasePromise => ({
  state,
  dueOn: state === 'none' ? null : '2026-12-01',
  amountMinor: state === 'none' ? null : 500_000,
  broken,
});

describe('quadrant and reason segments', () => {
  it('takes the quadrant, or unscored without one', () => {
    expect(quadrantOutput({ quadrant: 'HL' })).toBe('HL');
    expect(quadrantOutput({})).toBe('unscored');
  });

  it('takes the reason, or unknown without one', () => {
    expect(reasonOutput({ reason: 'wilful' })).toBe('wilful');
    expect(reasonOutput({ reason: 'unknown' })).toBe('unknown');
    expect(reasonOutput({})).toBe('unknown');
  });
});

describe('collection state', () => {
  it.each([
    ['no history', {}, 'none'],
    ['a new case with disputed invoices', { disputedInvoices: 2 }, 'disputed'],
    ['no disputed invoices', { disputedInvoices: 0, history: caseHistory() }, 'none'],
    ['an agency hand-off', { history: caseHistory({ frozen: true }) }, 'frozen'],
    [
      'an agency hand-off with disputes and a broken promise',
      {
        disputedInvoices: 1,
        history: caseHistory({ frozen: true, promise: promise('broken', 1) }),
      },
      'frozen',
    ],
    [
      'a dispute and a broken promise',
      { disputedInvoices: 1, history: caseHistory({ promise: promise('broken', 1) }) },
      'disputed',
    ],
    [
      'a broken latest promise',
      { history: caseHistory({ promise: promise('broken', 1) }) },
      'promise_broken',
    ],
    ['an open promise', { history: caseHistory({ promise: promise('open') }) }, 'promise_open'],
    [
      'a new open promise after a broken one',
      { history: caseHistory({ promise: promise('open', 1) }) },
      'promise_open',
    ],
    ['a kept promise', { history: caseHistory({ promise: promise('kept') }) }, 'none'],
  ] as const)('gives %s: %s', (_label, facts, expected) => {
    expect(collectionState(facts)).toBe(expected);
  });
});

describe('last outcome', () => {
  it('is no_action without history or without a last action', () => {
    expect(lastOutcome(undefined)).toBe('no_action');
    expect(lastOutcome(caseHistory({ lastAction: null }))).toBe('no_action');
  });

  it.each([
    ['no_answer', 'no_answer'],
    ['refused', 'refused'],
    ['promised', 'promised'],
    ['paid', 'paid'],
    ['sent', 'other'],
    ['reached', 'other'],
    ['failed', 'other'],
    ['disputed', 'other'],
    ['none', 'other'],
  ] as Array<[ActionOutcome, string]>)('routes %s to %s', (outcome, expected) => {
    expect(lastOutcome(caseHistory({ lastAction: lastActionWith(outcome) }))).toBe(expected);
  });

  it('names an unknown outcome as a problem', () => {
    const history = caseHistory({ lastAction: lastActionWith('bounced' as ActionOutcome) });
    expect(findLastOutcomeProblem(history)).toMatch(/^history\.lastAction\.outcome must be one of/);
    expect(findLastOutcomeProblem(caseHistory())).toBeNull();
    expect(findLastOutcomeProblem(undefined)).toBeNull();
  });
});

describe('offender configuration', () => {
  it('defaults to one prior case, one broken promise and 30 days', () => {
    expect(parseOffenderConfig({})).toEqual({ config: DEFAULT_OFFENDER_CONFIG });
    expect(DEFAULT_OFFENDER_CONFIG).toEqual({
      minPriorCases: 1,
      minBrokenPromises: 1,
      longDays: 30,
    });
  });

  it('accepts whole numbers, also as digit strings from the editor', () => {
    expect(
      parseOffenderConfig({ minPriorCases: '0', minBrokenPromises: 2, longDays: ' 60 ' }),
    ).toEqual({ config: { minPriorCases: 0, minBrokenPromises: 2, longDays: 60 } });
  });

  it.each([
    [{ minPriorCases: -1 }, 'min-prior-cases-invalid'],
    [{ minPriorCases: 1.5 }, 'min-prior-cases-invalid'],
    [{ minPriorCases: '' }, 'min-prior-cases-invalid'],
    [{ minBrokenPromises: 'two' }, 'min-broken-promises-invalid'],
    [{ minBrokenPromises: null }, 'min-broken-promises-invalid'],
    [{ longDays: 0 }, 'long-days-invalid'],
    [{ longDays: '7.5' }, 'long-days-invalid'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseOffenderConfig(raw)).toEqual({ problem });
  });
});

describe('offender rule', () => {
  const config = DEFAULT_OFFENDER_CONFIG;

  it.each([
    ['a new case 5 days past due', { maxDaysPastDue: 5 }, 'first_time'],
    [
      '29 days past due, clean history',
      { maxDaysPastDue: 29, history: caseHistory() },
      'first_time',
    ],
    ['30 days past due', { maxDaysPastDue: 30 }, 'repeated'],
    ['an earlier case', { maxDaysPastDue: 0, history: caseHistory({ priorCases: 1 }) }, 'repeated'],
    [
      'a broken promise',
      { maxDaysPastDue: 0, history: caseHistory({ promise: promise('open', 1) }) },
      'repeated',
    ],
  ] as const)('treats %s as %s', (_label, facts, expected) => {
    expect(offenderOutput(config, facts)).toBe(expected);
  });

  it('uses the configured thresholds', () => {
    const lenient = { minPriorCases: 3, minBrokenPromises: 2, longDays: 90 };
    const history = caseHistory({ priorCases: 2, promise: promise('broken', 1) });
    expect(offenderOutput(lenient, { maxDaysPastDue: 89, history })).toBe('first_time');
    expect(offenderOutput(lenient, { maxDaysPastDue: 90, history })).toBe('repeated');
    expect(offenderOutput({ ...lenient, minPriorCases: 0 }, { maxDaysPastDue: 0 })).toBe(
      'repeated',
    );
  });

  it('checks the broken-promise count it reads', () => {
    expect(findBrokenPromisesProblem({})).toBeNull();
    expect(findBrokenPromisesProblem({ history: caseHistory() })).toBeNull();
    const history = caseHistory({
      promise: { ...promise('broken'), broken: '1' as unknown as number },
    });
    expect(findBrokenPromisesProblem({ history })).toBe(
      'history.promise.broken must be a whole number of at least 0',
    );
  });
});

describe('routing problems', () => {
  it('names the field at fault, inside the history too', () => {
    expect(findRoutingProblem(strategyCase(), ['quadrant', 'history'])).toBeNull();
    expect(findRoutingProblem('case', ['quadrant'])).toBe('the case must be an object');
    expect(findRoutingProblem(strategyCase({ quadrant: 'XX' as 'HH' }), ['quadrant'])).toMatch(
      /^quadrant must be 'HH', 'HL', 'LH' or 'LL'/,
    );
    const history = { ...caseHistory(), promise: { state: 'late' } };
    expect(findRoutingProblem({ ...strategyCase(), history }, ['history'])).toBe(
      "history.promise.state must be 'none', 'open', 'kept' or 'broken'",
    );
  });
});

describe('dry-run request', () => {
  it('takes an optional real date', () => {
    expect(parseDryRunRequest(undefined)).toEqual({});
    expect(parseDryRunRequest({})).toEqual({});
    expect(parseDryRunRequest({ asOf: '' })).toEqual({});
    expect(parseDryRunRequest({ asOf: '2026-12-04' })).toEqual({ asOf: '2026-12-04' });
    expect(parseDryRunRequest({ asOf: '2028-02-29' })).toEqual({ asOf: '2028-02-29' });
  });

  it.each(['2026-02-30', '2026-13-01', '4.12.2026', 20261204])('rejects %p', (asOf) => {
    expect(parseDryRunRequest({ asOf })).toEqual({ problem: 'as-of-invalid' });
  });

  it('takes the editor flows as a list of node objects only', () => {
    const flows = [{ id: 't', type: 'tab' }];
    expect(parseDryRunRequest({ flows })).toEqual({ flows });
    expect(parseDryRunRequest({ flows: [] })).toEqual({ flows: [] });
    for (const bad of [{ nodes: flows }, [1], [null], [[]], 'flows']) {
      expect(parseDryRunRequest({ flows: bad })).toEqual({ problem: 'flows-invalid' });
    }
  });
});
