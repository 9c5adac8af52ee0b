import { buildCaseHistory, type CaseHistoryInput, type HistoryAction } from '../case-history';

const base: CaseHistoryInput = {
  asOf: '2026-03-20',
  openedOn: '2026-03-01',
  oldestDueOn: '2026-02-28',
  actions: [],
  activities: [],
  payments: [],
  priorCases: 0,
  agencyCode: null,
  promiseGraceDays: 3,
};

const action = (over: Partial<HistoryAction>): HistoryAction => ({
  id: 1,
  stepKey: 'reminder',
  round: 0,
  kind: 'action',
  channel: 'email',
  status: 'sent',
  dueOn: '2026-03-02',
  doneOn: '2026-03-02',
  ...over,
});

describe('buildCaseHistory', () => {
  it('describes a new case with nothing done', () => {
    const history = buildCaseHistory(base);
    expect(history).toMatchObject({
      oldestDueOn: '2026-02-28',
      steps: {},
      lastAction: null,
      contacts: 0,
      responses: 0,
      unansweredActions: 0,
      respondedSinceLastAction: false,
      partialPaymentSinceLastAction: false,
      promise: { state: 'none', dueOn: null, amountMinor: null, broken: 0 },
      round: 0,
      frozen: false,
    });
  });

  it('lists the steps with their state and counts unanswered actions back from the newest', () => {
    const history = buildCaseHistory({
      ...base,
      actions: [
        action({ id: 1 }),
        action({
          id: 2,
          stepKey: 'phone-day-3',
          channel: 'phone',
          status: 'task_open',
          dueOn: '2026-03-05',
          doneOn: '2026-03-05',
        }),
        action({
          id: 3,
          stepKey: 'letter-day-7',
          channel: 'letter',
          status: 'planned',
          dueOn: '2026-03-22',
          doneOn: null,
        }),
        action({
          id: 4,
          stepKey: 'wait',
          kind: 'hold',
          channel: null,
          status: 'held',
          dueOn: '2026-03-25',
          doneOn: null,
        }),
      ],
      activities: [
        {
          actionId: 1,
          occurredOn: '2026-03-03',
          direction: 'inbound',
          outcome: 'reached',
          promiseDate: null,
          promiseAmountMinor: null,
        },
      ],
    });
    expect(Object.keys(history.steps).sort()).toEqual(['letter-day-7', 'phone-day-3', 'reminder']);
    expect(history.steps.reminder).toMatchObject({
      status: 'done',
      doneOn: '2026-03-02',
      outcome: 'reached',
    });
    expect(history.steps['letter-day-7']).toMatchObject({ status: 'pending', doneOn: null });
    expect(history.lastAction).toMatchObject({ stepKey: 'phone-day-3', daysAgo: 15 });
    expect(history.contacts).toBe(2);
    expect(history.responses).toBe(1);
    // The reply came after the reminder, before the call: only the call is unanswered.
    expect(history.unansweredActions).toBe(1);
    expect(history.respondedSinceLastAction).toBe(false);
  });

  it('sees a partial payment after the last action as a response', () => {
    const history = buildCaseHistory({
      ...base,
      actions: [action({})],
      payments: [{ day: '2026-03-10', amountMinor: 5000 }],
    });
    expect(history.respondedSinceLastAction).toBe(true);
    expect(history.partialPaymentSinceLastAction).toBe(true);
    expect(history.unansweredActions).toBe(0);
    expect(history.steps.reminder?.outcome).toBe('paid');
  });

  it('keeps a promise open until its date plus the grace days, then calls it broken', () => {
    const promise = {
      actionId: null,
      occurredOn: '2026-03-10',
      direction: 'inbound' as const,
      outcome: 'promised',
      promiseDate: '2026-03-18',
      promiseAmountMinor: 100000,
    };
    const open = buildCaseHistory({ ...base, asOf: '2026-03-21', activities: [promise] });
    expect(open.promise).toEqual({
      state: 'open',
      dueOn: '2026-03-18',
      amountMinor: 100000,
      broken: 0,
    });
    expect(open.round).toBe(0);

    const broken = buildCaseHistory({ ...base, asOf: '2026-03-22', activities: [promise] });
    expect(broken.promise.state).toBe('broken');
    expect(broken.round).toBe(1);

    const kept = buildCaseHistory({
      ...base,
      asOf: '2026-03-22',
      activities: [promise],
      payments: [{ day: '2026-03-17', amountMinor: 100000 }],
    });
    expect(kept.promise.state).toBe('kept');
    expect(kept.round).toBe(0);

    const short = buildCaseHistory({
      ...base,
      asOf: '2026-03-22',
      activities: [promise],
      payments: [{ day: '2026-03-17', amountMinor: 99999 }],
    });
    expect(short.promise.state).toBe('broken');
  });

  it('counts every broken promise as a round and plans steps of the current round only', () => {
    const promised = (occurredOn: string, promiseDate: string) => ({
      actionId: null,
      occurredOn,
      direction: 'inbound' as const,
      outcome: 'promised',
      promiseDate,
      promiseAmountMinor: null,
    });
    const history = buildCaseHistory({
      ...base,
      asOf: '2026-04-20',
      actions: [
        action({ round: 0 }),
        action({ id: 2, round: 1, dueOn: '2026-03-25', doneOn: '2026-03-25' }),
      ],
      activities: [promised('2026-03-03', '2026-03-10'), promised('2026-03-26', '2026-04-05')],
    });
    expect(history.promise).toMatchObject({ state: 'broken', broken: 2 });
    expect(history.round).toBe(2);
    expect(history.steps).toEqual({});
    expect(history.contacts).toBe(2);
  });

  it('ignores what happened before the case opened or after the day', () => {
    const history = buildCaseHistory({
      ...base,
      activities: [
        {
          actionId: null,
          occurredOn: '2026-02-01',
          direction: 'inbound',
          outcome: 'promised',
          promiseDate: '2026-02-10',
          promiseAmountMinor: null,
        },
        {
          actionId: null,
          occurredOn: '2026-03-21',
          direction: 'inbound',
          outcome: 'refused',
          promiseDate: null,
          promiseAmountMinor: null,
        },
      ],
      payments: [{ day: '2026-03-25', amountMinor: 1 }],
    });
    expect(history.promise.state).toBe('none');
    expect(history.responses).toBe(0);
  });

  it('marks a case handed to an agency as frozen', () => {
    const history = buildCaseHistory({ ...base, agencyCode: 'AG-01', priorCases: 2 });
    expect(history).toMatchObject({ frozen: true, agencyCode: 'AG-01', priorCases: 2 });
  });
});

describe('the outcome of the last action', () => {
  it('takes a note imported without a link to the action, made after it', () => {
    const history = buildCaseHistory({
      ...base,
      actions: [action({ channel: 'phone', status: 'task_open' })],
      activities: [
        {
          actionId: null,
          occurredOn: '2026-03-01',
          direction: 'inbound',
          outcome: 'refused',
          promiseDate: null,
          promiseAmountMinor: null,
        },
        {
          actionId: null,
          occurredOn: '2026-03-04',
          direction: 'outbound',
          outcome: 'no_answer',
          promiseDate: null,
          promiseAmountMinor: null,
        },
      ],
    });
    expect(history.lastAction?.outcome).toBe('no_answer');
    // An unanswered call is not a response.
    expect(history.respondedSinceLastAction).toBe(false);
  });
});
