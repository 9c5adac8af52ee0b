import { MAX_PROMISE_DAYS, toOutcomeBody, validateOutcome } from '../outcome';

const now = new Date('2026-03-10T06:00:00Z');

describe('validateOutcome', () => {
  it('needs an outcome', () => {
    expect(validateOutcome({}, now)).toEqual({ outcome: 'ra.validation.required' });
    expect(validateOutcome({ outcome: 'reached' }, now)).toEqual({});
  });

  it('needs a promise’s date and a positive amount', () => {
    expect(validateOutcome({ outcome: 'promised' }, now)).toEqual({
      promiseDate: 'ra.validation.required',
      promiseAmountMinor: 'ra.validation.required',
    });
    const zero = validateOutcome(
      { outcome: 'promised', promiseDate: '2026-03-20', promiseAmountMinor: '0' },
      now,
    );
    expect(zero).toEqual({ promiseAmountMinor: 'ar.money.positive' });
    const typo = validateOutcome(
      { outcome: 'promised', promiseDate: '2026-03-20', promiseAmountMinor: '12.345' },
      now,
    );
    expect(typo).toEqual({ promiseAmountMinor: 'ar.tasks.errors.amount_invalid' });
  });

  it('keeps the promised day between the contact day and 366 days after it, as the server does', () => {
    const promise = (promiseDate: string, occurredAt?: string) =>
      validateOutcome(
        { outcome: 'promised', promiseDate, promiseAmountMinor: '150000', occurredAt },
        now,
      );
    expect(promise('2026-03-10')).toEqual({});
    expect(promise('2027-03-11')).toEqual({});
    expect(promise('2027-03-12')).toEqual({
      promiseDate: {
        message: 'ar.tasks.errors.promise_too_late',
        args: { days: MAX_PROMISE_DAYS },
      },
    });
    expect(promise('2026-03-09')).toEqual({
      promiseDate: 'ar.tasks.errors.promise_before_contact',
    });
    expect(promise('2026-03-05', '2026-03-04T10:00:00Z')).toEqual({});
    expect(promise('2026-02-30')).toEqual({ promiseDate: 'ar.tasks.errors.date_invalid' });
  });

  it('refuses a contact time in the future, with the server’s five minutes of slack', () => {
    expect(
      validateOutcome({ outcome: 'reached', occurredAt: '2026-03-10T06:04:00Z' }, now),
    ).toEqual({});
    expect(
      validateOutcome({ outcome: 'reached', occurredAt: '2026-03-10T07:00:00Z' }, now),
    ).toEqual({ occurredAt: 'ar.tasks.errors.occurred_in_future' });
  });

  it('needs a dispute’s reason', () => {
    expect(validateOutcome({ outcome: 'disputed', note: '  ' }, now)).toEqual({
      note: 'ar.tasks.errors.dispute_reason',
    });
    expect(validateOutcome({ outcome: 'disputed', note: '货物有质量问题' }, now)).toEqual({});
  });
});

describe('toOutcomeBody', () => {
  it('sends the promise as a date and a number of minor units', () => {
    const body = toOutcomeBody({
      outcome: 'promised',
      promiseDate: '2026-03-20',
      promiseAmountMinor: '1500000',
      note: ' 月底付 ',
      occurredAt: '2026-03-10T05:30:00Z',
    });
    expect(body).toEqual({
      outcome: 'promised',
      promiseDate: '2026-03-20',
      promiseAmountMinor: 1_500_000,
      note: '月底付',
      occurredAt: '2026-03-10T05:30:00.000Z',
    });
  });

  it('drops promise fields left over from another outcome, and empty text', () => {
    const body = toOutcomeBody({
      outcome: 'refused',
      promiseDate: '2026-03-20',
      promiseAmountMinor: '100',
      note: '',
      occurredAt: null,
    });
    expect(body).toEqual({ outcome: 'refused' });
  });
});
