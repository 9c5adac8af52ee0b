import { validateLedgerBatch, type FieldError } from '../ledger';

const activity = {
  key: 'CRM-1',
  debtorCode: 'D1',
  occurredOn: '2025-01-10',
  channel: 'phone',
  direction: 'inbound',
  outcome: 'promised',
  promiseDate: '2025-01-20',
  promiseAmountMinor: 10_000,
  promiseCurrency: 'CNY',
  summary: '客户承诺下周付款',
};

const errorsOf = (...activities: Array<Record<string, unknown>>): FieldError[] => {
  const result = validateLedgerBatch({ activities });
  return 'errors' in result ? result.errors : [];
};
const pathsOf = (...activities: Array<Record<string, unknown>>): string[] =>
  errorsOf(...activities).map((error) => error.path);

describe('activity validation', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a sound promise and contacts without one', () => {
    expect(errorsOf(activity)).toEqual([]);
    expect(
      errorsOf(
        { ...activity, key: 'CRM-2', promiseDate: '2025-01-10' },
        { ...activity, key: 'CRM-3', promiseDate: '2026-01-11' },
        {
          key: 'CRM-4',
          debtorCode: 'D1',
          occurredOn: '2025-01-11',
          channel: 'sms',
          direction: 'outbound',
          outcome: 'sent',
          summary: 'sms task: instalment-offer',
        },
        { ...activity, key: 'CRM-5', promiseCurrency: 'USD' },
        { ...activity, key: 'CRM-6', promiseCurrency: null },
      ),
    ).toEqual([]);
  });

  it('refuses a promise dated before the contact', () => {
    const errors = errorsOf({ ...activity, promiseDate: '2025-01-09' });
    expect(errors.map((e) => e.path)).toEqual(['activities[0].promiseDate']);
    expect(errors[0]?.message).toMatch(/before occurredOn \(2025-01-10\)/);
    expect(errors[0]?.message).toContain('承诺日期早于联系日期');
  });

  it('refuses a promise more than 366 days after the contact', () => {
    const errors = errorsOf({ ...activity, promiseDate: '2026-01-12' });
    expect(errors.map((e) => e.path)).toEqual(['activities[0].promiseDate']);
    expect(errors[0]?.message).toMatch(/more than 366 days after occurredOn/);
    expect(errors[0]?.message).toContain('超过 366 天');
  });

  it('refuses a promise without its date', () => {
    const errors = errorsOf({ ...activity, promiseDate: undefined });
    expect(errors.map((e) => e.path)).toEqual(['activities[0].promiseDate']);
    expect(errors[0]?.message).toContain('承诺付款须填写承诺日期');
    expect(pathsOf({ ...activity, promiseDate: null })).toEqual(['activities[0].promiseDate']);
  });

  it('refuses a promise currency ISO 4217 does not assign', () => {
    for (const code of ['RMB', 'XXX', 'ABC']) {
      const errors = errorsOf({ ...activity, promiseCurrency: code });
      expect(errors.map((e) => e.path)).toEqual(['activities[0].promiseCurrency']);
      expect(errors[0]?.message).toMatch(/ISO 4217/);
      expect(errors[0]?.message).toContain('币种');
    }
    expect(pathsOf({ ...activity, promiseCurrency: 'cny' })).toEqual([
      'activities[0].promiseCurrency',
    ]);
  });

  it('refuses a contact more than a day in the future (UTC)', () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T20:00:00Z') });
    const future = { ...activity, promiseDate: '2026-12-20' };
    expect(pathsOf({ ...future, occurredOn: '2026-12-04' })).toEqual([]);
    // 2026-12-05 is already today in Shanghai at 20:00 UTC.
    expect(pathsOf({ ...future, occurredOn: '2026-12-05' })).toEqual([]);
    const errors = errorsOf({ ...future, occurredOn: '2026-12-06' });
    expect(errors.map((e) => e.path)).toEqual(['activities[0].occurredOn']);
    expect(errors[0]?.message).toMatch(/in the future \(after 2026-12-05\)/);
    expect(errors[0]?.message).toContain('不能晚于');
  });

  it('names the record of each bad promise', () => {
    expect(pathsOf(activity, { ...activity, key: 'CRM-2', promiseDate: '2024-12-31' })).toEqual([
      'activities[1].promiseDate',
    ]);
  });
});
