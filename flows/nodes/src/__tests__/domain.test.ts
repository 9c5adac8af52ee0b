import { bracketIndex, bracketLabels, parseBounds } from '../domain/dpd-brackets';
import { parseStepConfig, planStep, reminderChannel } from '../domain/step-plan';
import { findCaseProblem, isStrategyCase } from '../domain/strategy-case';
import { strategyCase } from './support/node-red-helper';
import { PREFERENCES, REMINDER_CASES } from './support/reminder-cases';

describe('days-past-due brackets', () => {
  const bounds = [0, 3, 7, 30, 60];

  it('labels the brackets of the default strategy', () => {
    expect(bracketLabels(bounds)).toEqual(['0-2', '3-6', '7-29', '30-59', '60+']);
    expect(bracketLabels([1, 2, 10])).toEqual(['1', '2-9', '10+']);
  });

  it('picks the highest bracket whose lower bound is at most the days past due', () => {
    const boundaries = [-1, 0, 2, 3, 6, 7, 29, 30, 59, 60, 1000];
    expect(boundaries.map((days) => bracketIndex(bounds, days))).toEqual([
      -1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(bracketIndex([10], 9.5)).toBe(-1);
  });

  it('accepts ascending non-negative integers, also as digit strings', () => {
    expect(parseBounds([0, 3, 7])).toEqual({ bounds: [0, 3, 7] });
    expect(parseBounds(['5', ' 8 '])).toEqual({ bounds: [5, 8] });
  });

  it.each([
    [[], 'bounds-empty'],
    ['0,3,7', 'bounds-empty'],
    [[0, ''], 'bounds-not-integer'],
    [[0, null], 'bounds-not-integer'],
    [[0, 1e20], 'bounds-not-integer'],
    [[-3], 'bounds-negative'],
    [[0, 0], 'bounds-not-ascending'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseBounds(raw)).toEqual({ problem });
  });
});

describe('step configuration', () => {
  it('normalises a valid configuration', () => {
    expect(
      parseStepConfig({
        step: ' visit-day-30 ',
        channel: 'visit',
        template: 'visit',
        offsetDays: '5',
      }),
    ).toEqual({
      config: {
        stepKey: 'visit-day-30',
        channel: 'visit',
        templateCode: 'visit',
        offsetDays: 5,
        // What a node saved before anchors existed gets: the old behaviour.
        anchor: 'asOf',
        afterStep: null,
        dayType: 'calendar',
        adaptive: null,
      },
    });
  });

  it('reports the first problem', () => {
    expect(parseStepConfig({})).toEqual({ problem: 'step-missing' });
    expect(parseStepConfig({ step: 'a--b' })).toEqual({ problem: 'step-invalid' });
    expect(parseStepConfig({ step: 'x'.repeat(65) })).toEqual({ problem: 'step-invalid' });
    expect(parseStepConfig({ step: 'ok', channel: 'Email' })).toEqual({
      problem: 'channel-invalid',
    });
    expect(parseStepConfig({ step: 'ok', channel: 'sms', template: ' ' })).toEqual({
      problem: 'template-missing',
    });
    expect(
      parseStepConfig({ step: 'ok', channel: 'sms', template: 'sms', offsetDays: '' }),
    ).toEqual({ problem: 'offset-invalid' });
  });
});

describe('reminder channel', () => {
  const reach = (email: boolean, sms: boolean) => ({ email, sms });

  it('has a case for every preference and every reachability', () => {
    const combinations = REMINDER_CASES.map(([preferred, email, sms]) => [preferred, email, sms]);
    for (const preferred of PREFERENCES) {
      for (const email of [true, false]) {
        for (const sms of [true, false]) {
          expect(combinations).toContainEqual([preferred, email, sms]);
        }
      }
    }
    expect(REMINDER_CASES).toHaveLength(PREFERENCES.length * 4);
  });

  it.each(REMINDER_CASES)(
    'prefers %p with email %p and sms %p: %s',
    (preferredChannel, email, sms, expected) => {
      expect(reminderChannel({ preferredChannel, reachable: reach(email, sms) })).toBe(expected);
    },
  );

  it('is resolved when a reminder step is planned', () => {
    const config = {
      stepKey: 'reminder',
      channel: 'reminder' as const,
      templateCode: 'reminder',
      offsetDays: 1,
    };
    const plan = planStep(config, strategyCase({ reachable: reach(false, true) }), {
      flowId: 'tab',
      nodeId: 'node',
    });
    expect(plan).toEqual({
      kind: 'action',
      caseId: 'case-1',
      stepKey: 'reminder',
      round: 0,
      channel: 'sms',
      templateCode: 'reminder',
      dueOn: '2026-12-05',
      offsetDays: 1,
      branches: [],
      flowId: 'tab',
      nodeId: 'node',
    });
  });

  it('plans a letter reminder for a case with no reachable email or phone', () => {
    const config = {
      stepKey: 'reminder',
      channel: 'reminder' as const,
      templateCode: 'reminder',
      offsetDays: 0,
    };
    const unreachable = strategyCase({ preferredChannel: 'email', reachable: reach(false, false) });
    const origin = { flowId: 'tab', nodeId: 'node' };
    expect(planStep(config, unreachable, origin).channel).toBe('letter');
    expect(planStep({ ...config, channel: 'email' }, unreachable, origin).channel).toBe('email');
  });
});

describe('strategy case checks', () => {
  it('accepts a complete case', () => {
    expect(isStrategyCase(strategyCase())).toBe(true);
  });

  it.each([0, 1, 12])('accepts %p disputed invoices', (disputedInvoices) => {
    expect(findCaseProblem(strategyCase({ disputedInvoices }))).toBeNull();
  });

  it('accepts a case without disputedInvoices, or with it undefined', () => {
    const withoutKey = strategyCase();
    expect('disputedInvoices' in withoutKey).toBe(false);
    expect(findCaseProblem(withoutKey)).toBeNull();
    expect(findCaseProblem({ ...strategyCase(), disputedInvoices: undefined })).toBeNull();
  });

  it('accepts the scores and checks them when given', () => {
    const scored = {
      quadrant: 'HL',
      reason: 'wilful',
      abilityScore: 82,
      willingnessScore: 12,
    } as const;
    expect(findCaseProblem(strategyCase(scored))).toBeNull();
    expect(findCaseProblem(strategyCase({ ...scored, quadrant: 'XX' as never }))).toBe(
      "quadrant must be 'HH', 'HL', 'LH' or 'LL' when given",
    );
    expect(findCaseProblem(strategyCase({ ...scored, reason: 'bad luck' as never }))).toMatch(
      /^reason must be 'cash_flow'/,
    );
    expect(findCaseProblem(strategyCase({ ...scored, abilityScore: 140 }))).toBe(
      'abilityScore must be a number from 0 to 100 when given',
    );
  });

  it('checks disputedInvoices when only that field is asked for', () => {
    expect(findCaseProblem({ disputedInvoices: 2 }, ['disputedInvoices'])).toBeNull();
    expect(findCaseProblem({}, ['disputedInvoices'])).toBeNull();
    expect(findCaseProblem({ disputedInvoices: -3 }, ['disputedInvoices'])).toBe(
      'disputedInvoices must be a whole number of at least 0 when given',
    );
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'case-1', 'the case must be an object'],
    ['an empty case id', { ...strategyCase(), caseId: ' ' }, 'caseId must be a non-empty string'],
    [
      'a bad as-of date',
      { ...strategyCase(), asOf: '4.12.2026' },
      'asOf must be a date written YYYY-MM-DD',
    ],
    [
      'a decimal amount',
      { ...strategyCase(), overdueAmountMinor: 12.5 },
      'overdueAmountMinor must be an integer (minor units)',
    ],
    [
      'an unknown preference',
      { ...strategyCase(), preferredChannel: 'fax' },
      "preferredChannel must be 'email', 'sms', 'phone', 'letter' or null",
    ],
    [
      'a negative disputed count',
      { ...strategyCase(), disputedInvoices: -1 },
      'disputedInvoices must be a whole number of at least 0 when given',
    ],
    [
      'a fractional disputed count',
      { ...strategyCase(), disputedInvoices: 1.5 },
      'disputedInvoices must be a whole number of at least 0 when given',
    ],
    [
      'a disputed count written as text',
      { ...strategyCase(), disputedInvoices: '2' },
      'disputedInvoices must be a whole number of at least 0 when given',
    ],
    [
      'a null disputed count',
      { ...strategyCase(), disputedInvoices: null },
      'disputedInvoices must be a whole number of at least 0 when given',
    ],
    [
      'an unsafe disputed count',
      { ...strategyCase(), disputedInvoices: 2 ** 53 },
      'disputedInvoices must be a whole number of at least 0 when given',
    ],
    [
      'no reachability',
      { ...strategyCase(), reachable: { email: true } },
      'reachable must be an object with boolean email and sms',
    ],
  ])('describes %s', (_label, value, problem) => {
    expect(findCaseProblem(value)).toBe(problem);
  });

  it('only looks at the fields asked for', () => {
    const partial = { maxDaysPastDue: 5 };
    expect(findCaseProblem(partial, ['maxDaysPastDue'])).toBeNull();
    expect(findCaseProblem(partial)).toBe('caseId must be a non-empty string');
  });
});
