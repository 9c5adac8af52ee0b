import { decideStep, parseStepConfig, type StepConfig } from '../domain/step-plan';
import { adaptInterval, anchorDay, scheduleAfter } from '../domain/step-timing';
import type { StrategyCase } from '../types';
import { caseHistory, historyWith, stepRecord } from './support/case-history';
import { strategyCase } from './support/node-red-helper';

const caps = { minDays: 0, maxDays: 100 };
const quiet = { respondedSinceLastAction: false, partialPaymentSinceLastAction: false };

describe('adaptive interval', () => {
  it('keeps the interval without history or without a signal', () => {
    expect(adaptInterval(5, undefined, caps)).toBe(5);
    expect(adaptInterval(5, { ...quiet, unansweredActions: 1 }, caps)).toBe(5);
  });

  it('slows down by half after a reply or a part payment, rounding up', () => {
    expect(
      adaptInterval(5, { ...quiet, respondedSinceLastAction: true, unansweredActions: 0 }, caps),
    ).toBe(8);
    expect(
      adaptInterval(
        3,
        { ...quiet, partialPaymentSinceLastAction: true, unansweredActions: 0 },
        caps,
      ),
    ).toBe(5);
    expect(
      adaptInterval(4, { ...quiet, respondedSinceLastAction: true, unansweredActions: 0 }, caps),
    ).toBe(6);
  });

  it('speeds up to half after two or more unanswered actions, rounding down', () => {
    expect(adaptInterval(5, { ...quiet, unansweredActions: 2 }, caps)).toBe(2);
    expect(adaptInterval(8, { ...quiet, unansweredActions: 5 }, caps)).toBe(4);
    expect(adaptInterval(1, { ...quiet, unansweredActions: 3 }, caps)).toBe(0);
  });

  it('lets a response win over unanswered actions', () => {
    const both = { ...quiet, respondedSinceLastAction: true, unansweredActions: 3 };
    expect(adaptInterval(4, both, caps)).toBe(6);
  });

  it('clamps the result to the caps, adapted or not', () => {
    const bounded = { minDays: 3, maxDays: 6 };
    expect(
      adaptInterval(5, { ...quiet, respondedSinceLastAction: true, unansweredActions: 0 }, bounded),
    ).toBe(6);
    expect(adaptInterval(5, { ...quiet, unansweredActions: 2 }, bounded)).toBe(3);
    expect(adaptInterval(10, undefined, bounded)).toBe(6);
  });
});

describe('anchor day', () => {
  const asOf = '2026-12-04';

  it('counts from the as-of date, or the oldest due date', () => {
    const history = caseHistory({ oldestDueOn: '2026-10-15' });
    expect(anchorDay('asOf', null, { asOf, maxDaysPastDue: 3, history })).toBe(asOf);
    expect(anchorDay('due', null, { asOf, maxDaysPastDue: 3, history })).toBe('2026-10-15');
  });

  it('takes the due date from maxDaysPastDue without history', () => {
    expect(anchorDay('due', null, { asOf, maxDaysPastDue: 14 })).toBe('2026-11-20');
  });

  it('counts from an earlier step when it is done, or due while pending', () => {
    const history = historyWith([
      stepRecord('reminder', { doneOn: '2026-11-28' }),
      stepRecord('phone', { doneOn: null, dueOn: '2026-12-06' }),
      stepRecord('letter', { doneOn: null, dueOn: '2026-11-30', status: 'failed' }),
    ]);
    const facts = { asOf, maxDaysPastDue: 0, history };
    expect(anchorDay('previous', 'reminder', facts)).toBe('2026-11-28');
    expect(anchorDay('previous', 'phone', facts)).toBe('2026-12-06');
    expect(anchorDay('previous', 'letter', facts)).toBeNull();
    expect(anchorDay('previous', 'visit', facts)).toBeNull();
    expect(anchorDay('previous', 'constructor', facts)).toBeNull();
    expect(anchorDay('previous', null, facts)).toBe('2026-11-28'); // the last action
  });

  it('finds no earlier step without history, or in another round', () => {
    expect(anchorDay('previous', null, { asOf, maxDaysPastDue: 0 })).toBeNull();
    const history = historyWith([stepRecord('reminder', { round: 0 })], { round: 1 });
    expect(anchorDay('previous', 'reminder', { asOf, maxDaysPastDue: 0, history })).toBeNull();
  });
});

describe('due date schedule', () => {
  it('moves a date before the as-of date to the as-of date', () => {
    expect(scheduleAfter('2026-10-15', 3, 'calendar', '2026-12-04')).toEqual({
      dueOn: '2026-12-04',
      estimatedYear: null,
    });
  });

  it('counts working days and names a year without holiday data', () => {
    expect(scheduleAfter('2026-09-30', 1, 'business', '2026-09-30').dueOn).toBe('2026-10-08');
    expect(scheduleAfter('2026-12-30', 3, 'business', '2026-12-30')).toEqual({
      dueOn: '2027-01-04',
      estimatedYear: 2027,
    });
  });
});

function config(raw: Record<string, unknown>): StepConfig {
  const parsed = parseStepConfig({
    step: 'phone',
    channel: 'phone',
    template: 'phone',
    offsetDays: 0,
    ...raw,
  });
  if (parsed.problem !== undefined) throw new Error(parsed.problem);
  return parsed.config;
}

const context = { origin: { flowId: 'tab', nodeId: 'node' }, branches: [], plannedSteps: [] };
const plannedOn = (decision: ReturnType<typeof decideStep>): string | undefined =>
  decision.outcome === 'planned' ? decision.plan.dueOn : undefined;

describe('step decisions', () => {
  const asOf = '2026-12-04';
  const base = (history?: StrategyCase['history']): StrategyCase =>
    strategyCase({ asOf, maxDaysPastDue: 10, ...(history ? { history } : {}) });

  it('plans an old configuration exactly as before: as-of date plus calendar days', () => {
    const decision = decideStep(config({ offsetDays: 2 }), base(), context);
    expect(decision).toEqual({
      outcome: 'planned',
      estimatedYear: null,
      plan: {
        kind: 'action',
        caseId: 'case-1',
        stepKey: 'phone',
        round: 0,
        channel: 'phone',
        templateCode: 'phone',
        dueOn: '2026-12-06',
        offsetDays: 2,
        branches: [],
        flowId: 'tab',
        nodeId: 'node',
      },
    });
  });

  it('gives a frozen case no step', () => {
    const decision = decideStep(config({}), base(caseHistory({ frozen: true })), context);
    expect(decision).toEqual({ outcome: 'frozen' });
  });

  it('plans a step once per round: not when stored or planned earlier in the run', () => {
    const stored = historyWith([stepRecord('phone', { round: 2 })], { round: 2 });
    expect(decideStep(config({}), base(stored), context).outcome).toBe('already-planned');
    const inRun = { ...context, plannedSteps: ['phone'] };
    expect(decideStep(config({}), base(), inRun).outcome).toBe('already-planned');

    const earlierRound = historyWith([stepRecord('phone', { round: 0 })], { round: 1 });
    const again = decideStep(config({}), base(earlierRound), context);
    expect(again.outcome === 'planned' && again.plan.round).toBe(1);
  });

  it('waits while the anchor step is not in the history', () => {
    const previous = config({ anchor: 'previous', after: 'reminder', offsetDays: 3 });
    expect(decideStep(previous, base(), context)).toEqual({ outcome: 'waiting' });
  });

  it('plans after the anchor step, and due now when that date has passed', () => {
    const previous = config({ anchor: 'previous', after: 'reminder', offsetDays: 3 });
    const recent = historyWith([stepRecord('reminder', { doneOn: '2026-12-03' })]);
    const decision = decideStep(previous, base(recent), context);
    expect(decision.outcome === 'planned' && decision.plan).toMatchObject({
      dueOn: '2026-12-06',
      offsetDays: 2,
    });
    const old = historyWith([stepRecord('reminder', { doneOn: '2026-11-01' })]);
    expect(plannedOn(decideStep(previous, base(old), context))).toBe(asOf);
  });

  it('counts from the oldest due date', () => {
    const due = config({ anchor: 'due', offsetDays: 20 });
    expect(
      plannedOn(decideStep(due, base(caseHistory({ oldestDueOn: '2026-11-20' })), context)),
    ).toBe('2026-12-10');
    expect(plannedOn(decideStep(due, base(), context))).toBe('2026-12-14'); // 12-04 − 10 + 20
  });

  it('adapts the interval after the previous step to the response', () => {
    const adaptive = config({
      anchor: 'previous',
      offsetDays: 4,
      adaptive: true,
      minDays: 1,
      maxDays: 10,
    });
    const done = [stepRecord('reminder', { doneOn: '2026-12-04' })];
    const answered = historyWith(done, { respondedSinceLastAction: true });
    const ignored = historyWith(done, { unansweredActions: 2 });
    expect(plannedOn(decideStep(adaptive, base(answered), context))).toBe('2026-12-10');
    expect(plannedOn(decideStep(adaptive, base(ignored), context))).toBe('2026-12-06');
    expect(plannedOn(decideStep(adaptive, base(historyWith(done)), context))).toBe('2026-12-08');
  });

  it('plans in working days across the National Day week', () => {
    const business = config({ offsetDays: 3, dayType: 'business' });
    const decision = decideStep(business, strategyCase({ asOf: '2026-09-30' }), context);
    expect(decision).toMatchObject({
      outcome: 'planned',
      estimatedYear: null,
      plan: { dueOn: '2026-10-10', offsetDays: 10 },
    });
  });

  it('names the year whose working days it had to estimate', () => {
    const business = config({ offsetDays: 3, dayType: 'business' });
    const decision = decideStep(business, strategyCase({ asOf: '2026-12-30' }), context);
    expect(decision).toMatchObject({ outcome: 'planned', estimatedYear: 2027 });
  });
});

describe('step configuration with anchors', () => {
  const step = { step: 'phone', channel: 'phone', template: 'phone', offsetDays: 1 };

  it('reads the anchor, the earlier step, the day type and the caps', () => {
    expect(
      parseStepConfig({
        ...step,
        anchor: 'previous',
        after: ' reminder ',
        dayType: 'business',
        adaptive: true,
        minDays: '2',
        maxDays: 9,
      }),
    ).toEqual({
      config: {
        stepKey: 'phone',
        channel: 'phone',
        templateCode: 'phone',
        offsetDays: 1,
        anchor: 'previous',
        afterStep: 'reminder',
        dayType: 'business',
        adaptive: { minDays: 2, maxDays: 9 },
      },
    });
  });

  it('ignores the earlier step and the caps unless they apply', () => {
    const parsed = parseStepConfig({ ...step, anchor: 'due', after: 'x y', adaptive: true });
    expect(parsed.config).toMatchObject({ anchor: 'due', afterStep: null, adaptive: null });
    const fixed = parseStepConfig({ ...step, anchor: 'previous', adaptive: false, minDays: 'x' });
    expect(fixed.config).toMatchObject({ afterStep: null, adaptive: null });
  });

  it.each([
    [{ anchor: 'yesterday' }, 'anchor-invalid'],
    [{ dayType: 'lunar' }, 'day-type-invalid'],
    [{ anchor: 'previous', after: 'a b' }, 'after-invalid'],
    [{ anchor: 'previous', after: 'phone' }, 'after-self'],
    [{ anchor: 'previous', adaptive: true, minDays: -1, maxDays: 5 }, 'min-days-invalid'],
    [{ anchor: 'previous', adaptive: 'true', minDays: 1, maxDays: '' }, 'max-days-invalid'],
    [{ anchor: 'previous', adaptive: true, minDays: 6, maxDays: 5 }, 'caps-reversed'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseStepConfig({ ...step, ...raw })).toEqual({ problem });
  });
});
