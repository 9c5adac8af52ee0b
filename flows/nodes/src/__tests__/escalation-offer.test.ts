import { decideEscalation, parseEscalationConfig } from '../domain/escalation';
import {
  decideOffer,
  offerTerms,
  parseOfferConfig,
  percentOf,
  resolveOfferChannel,
  writtenChannel,
} from '../domain/offer';
import type { OfferTerms } from '../types';
import { caseHistory, historyWith, stepRecord } from './support/case-history';
import { strategyCase } from './support/node-red-helper';
import { PREFERENCES } from './support/reminder-cases';

const context = { origin: { flowId: 'tab', nodeId: 'node' }, branches: [], plannedSteps: [] };

describe('escalation configuration', () => {
  it('fills in the default template of each type', () => {
    const templates = ['visit', 'legal', 'write_off'].map((type) => {
      const parsed = parseEscalationConfig({ step: 'esc', escalationType: type, offsetDays: 0 });
      return parsed.config?.templateCode;
    });
    expect(templates).toEqual(['visit', 'legal-review', 'write-off-proposal']);
    expect(
      parseEscalationConfig({ step: 'esc', escalationType: 'agency', agency: 'AG-1' }).config,
    ).toMatchObject({ templateCode: 'agency-handoff', agencyCode: 'AG-1', dayType: 'calendar' });
  });

  it('keeps an agency code only for a hand-off', () => {
    const visit = parseEscalationConfig({ step: 'esc', escalationType: 'visit', agency: 'AG-1' });
    expect(visit.config?.agencyCode).toBeNull();
  });

  it.each([
    [{}, 'step-missing'],
    [{ step: 'esc', escalationType: 'court' }, 'type-invalid'],
    [{ step: 'esc', escalationType: 'agency', agency: ' ' }, 'agency-missing'],
    [{ step: 'esc', escalationType: 'agency', agency: 'AG 1' }, 'agency-invalid'],
    [{ step: 'esc', escalationType: 'legal', template: 'a/b' }, 'template-invalid'],
    [{ step: 'esc', escalationType: 'legal', offsetDays: -2 }, 'offset-invalid'],
    [{ step: 'esc', escalationType: 'legal', dayType: 'weekdays' }, 'day-type-invalid'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseEscalationConfig(raw)).toEqual({ problem });
  });
});

describe('escalation decisions', () => {
  const escalation = (type: string, extra: Record<string, unknown> = {}) => {
    const parsed = parseEscalationConfig({
      step: `esc-${type}`,
      escalationType: type,
      agency: 'AG-SH-01',
      ...extra,
    });
    if (parsed.problem !== undefined) throw new Error(parsed.problem);
    return parsed.config;
  };

  it('plans an agency hand-off with its agency', () => {
    const decision = decideEscalation(
      escalation('agency', { offsetDays: 2 }),
      strategyCase(),
      context,
    );
    expect(decision).toEqual({
      outcome: 'planned',
      estimatedYear: null,
      plan: {
        kind: 'escalation',
        caseId: 'case-1',
        stepKey: 'esc-agency',
        round: 0,
        channel: 'agency',
        templateCode: 'agency-handoff',
        dueOn: '2026-12-06',
        offsetDays: 2,
        branches: [],
        escalation: { type: 'agency', agencyCode: 'AG-SH-01' },
        flowId: 'tab',
        nodeId: 'node',
      },
    });
  });

  it('gives a frozen case only a legal review or a write-off proposal', () => {
    const frozen = strategyCase({ history: caseHistory({ frozen: true, agencyCode: 'AG-1' }) });
    const outcomes = ['visit', 'legal', 'agency', 'write_off'].map(
      (type) => decideEscalation(escalation(type), frozen, context).outcome,
    );
    expect(outcomes).toEqual(['frozen', 'planned', 'frozen', 'planned']);
  });

  it('plans an escalation once per round', () => {
    const stored = strategyCase({ history: historyWith([stepRecord('esc-legal')]) });
    expect(decideEscalation(escalation('legal'), stored, context).outcome).toBe('already-planned');
  });

  it('counts working days when asked to', () => {
    const legal = escalation('legal', { offsetDays: 1, dayType: 'business' });
    const decision = decideEscalation(legal, strategyCase({ asOf: '2026-02-13' }), context);
    expect(decision.outcome === 'planned' && decision.plan.dueOn).toBe('2026-02-14');
  });
});

const sumOf = (terms: OfferTerms): number =>
  terms.downPaymentMinor + terms.instalments.reduce((sum, { amountMinor }) => sum + amountMinor, 0);

const instalment = (instalments: number, intervalDays: number, downPaymentPercent: number) =>
  ({ type: 'instalment', instalments, intervalDays, downPaymentPercent }) as const;

describe('offer terms', () => {
  it('splits the rest after the down payment into equal instalments, remainder last', () => {
    const terms = offerTerms(instalment(3, 30, 10), 1_000_001, 'CNY', '2026-12-04');
    expect(terms).toEqual({
      type: 'instalment',
      downPaymentMinor: 100_000,
      instalments: [
        { dueOn: '2027-01-03', amountMinor: 300_000 },
        { dueOn: '2027-02-02', amountMinor: 300_000 },
        { dueOn: '2027-03-04', amountMinor: 300_001 },
      ],
      extensionDays: 90,
      currency: 'CNY',
    });
  });

  it.each([
    [1, 36, 50],
    [7, 12, 33],
    [99, 36, 0],
    [1_234_567, 7, 17],
    [999_999_999_999, 11, 49],
    [Number.MAX_SAFE_INTEGER, 36, 50],
  ])('adds up exactly for %p minor units in %p instalments after %p %%', (amount, count, pct) => {
    const terms = offerTerms(instalment(count, 7, pct), amount, 'CNY', '2026-12-04');
    expect(sumOf(terms)).toBe(amount);
    expect(terms.instalments).toHaveLength(count);
    const [first, ...others] = terms.instalments.map(({ amountMinor }) => amountMinor);
    expect(others.slice(0, -1).every((share) => share === first)).toBe(true);
    expect(BigInt(terms.downPaymentMinor)).toBe((BigInt(amount) * BigInt(pct)) / 100n);
  });

  it('rounds the down payment down to the minor unit', () => {
    expect(percentOf(199, 50)).toBe(99);
    expect(percentOf(12_345, 33)).toBe(4073); // 4073.85
    expect(percentOf(100, 0)).toBe(0);
  });

  it('proposes an extension as one payment of the whole amount', () => {
    const terms = offerTerms(
      { type: 'extension', extensionDays: 45 },
      888_888,
      'USD',
      '2026-12-04',
    );
    expect(terms).toEqual({
      type: 'extension',
      downPaymentMinor: 0,
      instalments: [{ dueOn: '2027-01-18', amountMinor: 888_888 }],
      extensionDays: 45,
      currency: 'USD',
    });
  });
});

describe('offer configuration', () => {
  it('reads an instalment plan and checks only its own fields', () => {
    const parsed = parseOfferConfig({
      step: 'offer',
      offerType: 'instalment',
      instalments: '6',
      intervalDays: 30,
      downPaymentPercent: '20',
      extensionDays: 'not looked at',
      channel: 'email',
    });
    expect(parsed).toEqual({
      config: {
        stepKey: 'offer',
        schedule: { type: 'instalment', instalments: 6, intervalDays: 30, downPaymentPercent: 20 },
        channel: 'email',
        templateCode: 'instalment-offer',
      },
    });
    const extension = parseOfferConfig({
      step: 'ext',
      offerType: 'extension',
      extensionDays: 180,
      channel: 'sms',
    });
    expect(extension.config).toMatchObject({
      schedule: { type: 'extension', extensionDays: 180 },
      templateCode: 'extension-offer',
    });
  });

  const plan = {
    step: 'o',
    offerType: 'instalment',
    instalments: 6,
    intervalDays: 30,
    channel: 'sms',
  };
  it.each([
    [{ ...plan, step: '' }, 'step-missing'],
    [{ ...plan, offerType: 'haircut' }, 'type-invalid'],
    [{ ...plan, instalments: 1 }, 'instalments-invalid'],
    [{ ...plan, instalments: 37 }, 'instalments-invalid'],
    [{ ...plan, intervalDays: 6 }, 'interval-invalid'],
    [{ ...plan, intervalDays: 93 }, 'interval-invalid'],
    [{ ...plan, downPaymentPercent: 51 }, 'down-payment-invalid'],
    [{ ...plan, downPaymentPercent: 12.5 }, 'down-payment-invalid'],
    [{ ...plan, offerType: 'extension', extensionDays: 0 }, 'extension-invalid'],
    [{ ...plan, offerType: 'extension', extensionDays: 181 }, 'extension-invalid'],
    [{ ...plan, channel: 'phone' }, 'channel-invalid'],
    [{ ...plan, channel: 'visit' }, 'channel-invalid'],
    [{ ...plan, channel: 'legal' }, 'channel-invalid'],
    [{ ...plan, template: 'x y' }, 'template-invalid'],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseOfferConfig(raw)).toEqual({ problem });
  });
});

describe('offer decisions', () => {
  const parsed = parseOfferConfig({
    step: 'offer',
    offerType: 'instalment',
    instalments: 4,
    intervalDays: 14,
    channel: 'reminder',
  });
  const config = parsed.config!;

  it('offers the overdue amount on the as-of date by the reminder channel', () => {
    const decision = decideOffer(
      config,
      strategyCase({ reachable: { email: false, sms: true } }),
      context,
    );
    expect(decision.outcome === 'planned' && decision.plan).toMatchObject({
      kind: 'offer',
      channel: 'sms',
      templateCode: 'instalment-offer',
      dueOn: '2026-12-04',
      offsetDays: 0,
      offer: { downPaymentMinor: 0, extensionDays: 56, currency: 'CNY' },
    });
  });

  it('makes no offer without an overdue amount, to a frozen case, or twice in a round', () => {
    expect(decideOffer(config, strategyCase({ overdueAmountMinor: 0 }), context).outcome).toBe(
      'nothing-due',
    );
    const frozen = strategyCase({ history: caseHistory({ frozen: true }) });
    expect(decideOffer(config, frozen, context).outcome).toBe('frozen');
    const stored = strategyCase({ history: historyWith([stepRecord('offer')]) });
    expect(decideOffer(config, stored, context).outcome).toBe('already-planned');
  });
});

describe('offer channel', () => {
  const reach = (email: boolean, sms: boolean) => ({ email, sms });

  it.each([
    // [preferredChannel, reachable.email, reachable.sms, expected]
    ['email', true, true, 'email'],
    ['email', false, true, 'sms'],
    ['email', false, false, 'letter'],
    ['sms', true, true, 'sms'],
    ['sms', true, false, 'email'],
    ['sms', false, false, 'letter'],
    ['phone', true, true, 'email'],
    ['phone', true, false, 'email'],
    ['phone', false, true, 'sms'],
    ['phone', false, false, 'letter'],
    ['letter', true, true, 'email'],
    ['letter', false, true, 'sms'],
    ['letter', false, false, 'letter'],
    [null, true, true, 'email'],
    [null, false, true, 'sms'],
    [null, false, false, 'letter'],
  ] as const)(
    'prefers %p with email %p and sms %p: %s',
    (preferredChannel, email, sms, expected) => {
      expect(writtenChannel({ preferredChannel, reachable: reach(email, sms) })).toBe(expected);
    },
  );

  it('is always in writing, never a call or a visit', () => {
    for (const preferredChannel of PREFERENCES) {
      for (const email of [true, false]) {
        for (const sms of [true, false]) {
          const channel = resolveOfferChannel('reminder', {
            preferredChannel,
            reachable: reach(email, sms),
          });
          expect(['email', 'sms', 'letter']).toContain(channel);
        }
      }
    }
  });

  it('keeps an explicit channel as configured', () => {
    const facts = { preferredChannel: 'phone' as const, reachable: reach(true, true) };
    expect(resolveOfferChannel('letter', facts)).toBe('letter');
    expect(resolveOfferChannel('sms', facts)).toBe('sms');
    expect(resolveOfferChannel('email', facts)).toBe('email');
  });

  it('sends an offer to a debtor who prefers phone calls in writing', () => {
    const config = parseOfferConfig({
      step: 'offer',
      offerType: 'extension',
      extensionDays: 30,
      channel: 'reminder',
    }).config!;
    const decision = (email: boolean, sms: boolean) =>
      decideOffer(
        config,
        strategyCase({ preferredChannel: 'phone', reachable: reach(email, sms) }),
        context,
      );
    const channelOf = (email: boolean, sms: boolean) => {
      const result = decision(email, sms);
      return result.outcome === 'planned' ? result.plan.channel : result.outcome;
    };
    expect(channelOf(true, true)).toBe('email');
    expect(channelOf(false, true)).toBe('sms');
    expect(channelOf(false, false)).toBe('letter');
  });
});
