import {
  DEFAULT_STRATEGY_POLICY,
  offerProblem,
  parseStrategyPolicy,
  StrategyPolicyError,
} from '../strategy-policy';

const policy = DEFAULT_STRATEGY_POLICY;

describe('the collection-strategy policy', () => {
  it('accepts the shipped policy and names the field of a bad one', () => {
    expect(parseStrategyPolicy(DEFAULT_STRATEGY_POLICY)).toEqual(DEFAULT_STRATEGY_POLICY);
    const bad = structuredClone(DEFAULT_STRATEGY_POLICY) as unknown as {
      costs: { perChannel: Record<string, unknown> };
    };
    bad.costs.perChannel.sms = -1;
    expect(() => parseStrategyPolicy(bad, 4)).toThrow(StrategyPolicyError);
    expect(() => parseStrategyPolicy(bad, 4)).toThrow(/v4 .*costs\.perChannel\.sms/);
    expect(() => parseStrategyPolicy({ ...DEFAULT_STRATEGY_POLICY, extra: 1 })).toThrow(/extra/);
  });
});

describe('offerProblem', () => {
  const instalments = (amounts: number[], from = '2026-04-01', every = 30) =>
    amounts.map((amountMinor, i) => {
      const day = new Date(`${from}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + every * (i + 1));
      return { dueOn: day.toISOString().slice(0, 10), amountMinor };
    });

  it('accepts an instalment plan within the limits', () => {
    const offer = {
      type: 'instalment' as const,
      downPaymentMinor: 10000,
      instalments: instalments([30000, 30000, 30000]),
      extensionDays: 90,
      currency: 'CNY',
    };
    expect(offerProblem(offer, 100000, '2026-04-01', policy)).toBeNull();
  });

  it('refuses terms that do not add up, a small down payment, too many or too far apart payments', () => {
    const offer = (over: object) => ({
      type: 'instalment' as const,
      downPaymentMinor: 10000,
      instalments: instalments([30000, 30000, 30000]),
      extensionDays: 90,
      currency: 'CNY',
      ...over,
    });
    expect(offerProblem(offer({ downPaymentMinor: 9999 }), 100000, '2026-04-01', policy)).toMatch(
      /adds up to 99999/,
    );
    expect(
      offerProblem(
        offer({ downPaymentMinor: 5000, instalments: instalments([35000, 30000, 30000]) }),
        100000,
        '2026-04-01',
        policy,
      ),
    ).toMatch(/below the policy's 10%/);
    expect(
      offerProblem(
        offer({ downPaymentMinor: 10000, instalments: instalments(Array(15).fill(6000)) }),
        100000,
        '2026-04-01',
        policy,
      ),
    ).toMatch(/15 instalments exceed the policy's 12/);
    expect(
      offerProblem(
        offer({ instalments: instalments([30000, 30000, 30000], '2026-04-01', 45) }),
        100000,
        '2026-04-01',
        policy,
      ),
    ).toMatch(/45 days between payments exceed the policy's 31/);
  });

  it('refuses an extension beyond the longest term', () => {
    const extension = {
      type: 'extension' as const,
      downPaymentMinor: 0,
      instalments: [{ dueOn: '2027-06-01', amountMinor: 50000 }],
      extensionDays: 426,
      currency: 'CNY',
    };
    expect(offerProblem(extension, 50000, '2026-04-01', policy)).toMatch(
      /426 days out exceeds the policy's 365/,
    );
    expect(
      offerProblem(
        { ...extension, instalments: [{ dueOn: '2026-05-01', amountMinor: 50000 }] },
        50000,
        '2026-04-01',
        policy,
      ),
    ).toBeNull();
  });
});
