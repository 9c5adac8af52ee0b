import { decideWait, parseWaitConfig, planHold, type WaitConfig } from '../domain/wait';
import type { CaseHistory } from '../types';
import { caseHistory, historyWith, stepRecord } from './support/case-history';

const asOf = '2026-12-04';
const WAIT: WaitConfig = {
  stepKey: 'wait-reminder',
  afterStep: 'reminder',
  days: 3,
  dayType: 'calendar',
  graceDays: 2,
};

const decide = (history?: CaseHistory, config: Partial<WaitConfig> = {}, sentBack = false) =>
  decideWait({ ...WAIT, ...config }, { asOf, ...(history ? { history } : {}) }, sentBack);

const reminderDone = (doneOn: string, overrides: Partial<CaseHistory> = {}): CaseHistory =>
  historyWith([stepRecord('reminder', { doneOn })], overrides);

describe('hk-wait: no response', () => {
  it('goes on once the step was done the full wait ago without a response', () => {
    expect(decide(reminderDone('2026-12-01'))).toEqual({ outcome: 'no-response' });
    expect(decide(reminderDone('2026-11-20'))).toEqual({ outcome: 'no-response' });
  });

  it('waits on the last action when no step is named', () => {
    expect(decide(reminderDone('2026-11-30'), { afterStep: null })).toEqual({
      outcome: 'no-response',
    });
  });

  it('counts a failed or cancelled step as over on its due date', () => {
    const failed = historyWith([
      stepRecord('reminder', { doneOn: null, dueOn: '2026-11-30', status: 'failed' }),
    ]);
    expect(decide(failed)).toEqual({ outcome: 'no-response' });
    const cancelled = historyWith([
      stepRecord('reminder', { doneOn: null, dueOn: '2026-12-03', status: 'cancelled' }),
    ]);
    expect(decide(cancelled)).toMatchObject({ outcome: 'waiting', until: '2026-12-06' });
  });
});

describe('hk-wait: responded', () => {
  it('sees a reply or a part payment since the last action at once', () => {
    expect(decide(reminderDone('2026-12-03', { respondedSinceLastAction: true }))).toEqual({
      outcome: 'responded',
    });
    expect(decide(reminderDone('2026-12-03', { partialPaymentSinceLastAction: true }))).toEqual({
      outcome: 'responded',
    });
  });

  it('sees an answer recorded against the step itself', () => {
    const reached = historyWith([
      stepRecord('reminder', { doneOn: '2026-11-25', outcome: 'reached' }),
      stepRecord('letter', { doneOn: '2026-12-02' }),
    ]);
    expect(decide(reached)).toEqual({ outcome: 'responded' });
  });

  it('does not count a response before the step was done', () => {
    const pending = historyWith([stepRecord('reminder', { doneOn: null, dueOn: '2026-12-05' })], {
      respondedSinceLastAction: true,
    });
    expect(decide(pending).outcome).toBe('waiting');
  });
});

describe('hk-wait: promise to pay', () => {
  const promise = (state: CaseHistory['promise']['state'], dueOn: string | null) => ({
    state,
    dueOn,
    amountMinor: 500_000,
    broken: state === 'broken' ? 1 : 0,
  });

  it('holds an open promise until its date, today at the earliest', () => {
    const open = reminderDone('2026-12-01', { promise: promise('open', '2026-12-15') });
    expect(decide(open)).toEqual({ outcome: 'promised', until: '2026-12-15' });
    const inGrace = reminderDone('2026-12-01', { promise: promise('open', '2026-12-03') });
    expect(decide(inGrace)).toEqual({ outcome: 'promised', until: asOf });
  });

  it('sends a broken promise back while the new round has nothing planned', () => {
    const broken = caseHistory({ round: 1, promise: promise('broken', '2026-11-25') });
    expect(decide(broken)).toEqual({ outcome: 'promise-broken' });
  });

  it('sends it back only once: not again from the same message, nor once the round started', () => {
    const broken = caseHistory({ round: 1, promise: promise('broken', '2026-11-25') });
    expect(decide(broken, {}, true)).toMatchObject({ outcome: 'waiting', until: '2026-12-07' });

    const restarted = historyWith([stepRecord('reminder', { round: 1, doneOn: '2026-11-28' })], {
      round: 1,
      promise: promise('broken', '2026-11-25'),
    });
    expect(decide(restarted)).toEqual({ outcome: 'no-response' });
  });

  it('lets a kept promise wait like no promise', () => {
    const kept = reminderDone('2026-12-03', { promise: promise('kept', '2026-12-02') });
    expect(decide(kept).outcome).toBe('waiting');
  });
});

describe('hk-wait: still waiting', () => {
  it('holds until the wait after the step ends', () => {
    expect(decide(reminderDone('2026-12-02'))).toEqual({
      outcome: 'waiting',
      until: '2026-12-05',
      estimatedYear: null,
    });
  });

  it('holds from the due date of a pending step, or from today', () => {
    const pending = historyWith([stepRecord('reminder', { doneOn: null, dueOn: '2026-12-08' })]);
    expect(decide(pending)).toMatchObject({ outcome: 'waiting', until: '2026-12-11' });
    const late = historyWith([stepRecord('reminder', { doneOn: null, dueOn: '2026-11-28' })]);
    expect(decide(late)).toMatchObject({ outcome: 'waiting', until: '2026-12-07' });
  });

  it('holds a new case, or one whose step is not planned yet, from today', () => {
    expect(decide()).toMatchObject({ outcome: 'waiting', until: '2026-12-07' });
    expect(decide(caseHistory())).toMatchObject({ outcome: 'waiting', until: '2026-12-07' });
    expect(decide(undefined, { afterStep: null })).toMatchObject({ until: '2026-12-07' });
  });

  it('waits in working days across the National Day week', () => {
    const business = { dayType: 'business' as const };
    const done = historyWith([stepRecord('reminder', { doneOn: '2026-09-30' })]);
    const at = (day: string) =>
      decideWait({ ...WAIT, ...business }, { asOf: day, history: done }, false);
    expect(at('2026-10-09')).toEqual({
      outcome: 'waiting',
      until: '2026-10-10',
      estimatedYear: null,
    });
    expect(at('2026-10-10')).toEqual({ outcome: 'no-response' });
  });

  it('names a year whose working days it had to estimate', () => {
    const done = historyWith([stepRecord('reminder', { doneOn: '2026-12-30' })]);
    const decision = decideWait(
      { ...WAIT, dayType: 'business' },
      { asOf: '2026-12-31', history: done },
      false,
    );
    expect(decision).toEqual({ outcome: 'waiting', until: '2027-01-04', estimatedYear: 2027 });
  });
});

describe('hk-wait holds and configuration', () => {
  it('plans a hold with no channel and no template', () => {
    const hold = planHold(
      WAIT,
      { caseId: 'case-9', asOf, history: caseHistory({ round: 2 }) },
      'promise',
      '2026-12-15',
      {
        origin: { flowId: 'tab', nodeId: 'wait' },
        branches: [{ experiment: 'tone', branch: 'firm', nodeId: 'split' }],
      },
    );
    expect(hold).toEqual({
      kind: 'hold',
      caseId: 'case-9',
      stepKey: 'wait-reminder',
      round: 2,
      channel: null,
      templateCode: null,
      dueOn: '2026-12-15',
      offsetDays: 11,
      branches: [{ experiment: 'tone', branch: 'firm', nodeId: 'split' }],
      hold: { reason: 'promise' },
      flowId: 'tab',
      nodeId: 'wait',
    });
  });

  it('normalises a configuration', () => {
    expect(parseWaitConfig({ step: 'wait-1', after: '', days: '5', dayType: 'business' })).toEqual({
      config: { stepKey: 'wait-1', afterStep: null, days: 5, dayType: 'business', graceDays: 0 },
    });
  });

  it.each([
    [{}, 'step-missing'],
    [{ step: 'a b' }, 'step-invalid'],
    [{ step: 'w', after: 'a/b' }, 'after-invalid'],
    [{ step: 'w', after: 'w' }, 'after-self'],
    [{ step: 'w', days: 0 }, 'days-invalid'],
    [{ step: 'w', days: 366 }, 'days-invalid'],
    [{ step: 'w', days: 3, dayType: 'weekly' }, 'day-type-invalid'],
    [{ step: 'w', days: 3, graceDays: -1 }, 'grace-invalid'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseWaitConfig(raw)).toEqual({ problem });
  });
});

describe('hk-wait after a step planned in the same run', () => {
  it('counts from the due day of that step, not from today', () => {
    const planned = { reminder: '2026-12-11', other: '2026-12-20' };
    expect(decideWait(WAIT, { asOf }, false, planned)).toMatchObject({
      outcome: 'waiting',
      until: '2026-12-14',
    });
  });

  it('counts from the latest planned step when it waits on the last action', () => {
    const planned = { reminder: '2026-12-11', letter: '2026-12-20' };
    expect(decideWait({ ...WAIT, afterStep: null }, { asOf }, false, planned)).toMatchObject({
      outcome: 'waiting',
      until: '2026-12-23',
    });
  });

  it('counts from today when the step was neither stored nor planned', () => {
    expect(decideWait(WAIT, { asOf }, false, { other: '2026-12-20' })).toMatchObject({
      outcome: 'waiting',
      until: '2026-12-07',
    });
  });
});
