import { assessDebtor } from '../assess';
import { DEFAULT_POLICY, parsePolicy, PolicyError } from '../policy';
import { decideReason, type SignalValues } from '../reasons';
import { SIGNALS } from '../policy';
import { contact, history, invoice } from './fixtures';

const none = (): SignalValues =>
  Object.fromEntries(SIGNALS.map((signal) => [signal, null])) as SignalValues;
const note = (text: string) => ({
  occurredOn: '2025-03-01',
  channel: 'phone' as const,
  direction: 'inbound' as const,
  text,
});
const rules = DEFAULT_POLICY.reasons;

describe('reason rules', () => {
  it('finds a dispute from a disputed invoice or a complaint in the notes', () => {
    const signals = { ...none(), disputedOpenInvoices: 1 };
    expect(decideReason(rules, signals, []).verdict).toBe('dispute');
    const found = decideReason(rules, none(), [note('客户说没收到货，不付款')]);
    expect(found.verdict).toBe('dispute');
    expect(found.evidence[0]?.text['zh-CN']).toContain('没收到货');
  });

  it('finds cash-flow trouble in Chinese and English notes and in weak ratios', () => {
    expect(decideReason(rules, none(), [note('最近资金紧张')]).verdict).toBe('cash_flow');
    expect(decideReason(rules, none(), [note('Cash flow is tight this quarter')]).verdict).toBe(
      'cash_flow',
    );
    const weak = { ...none(), weakRatios: 3, abilityScore: 25 };
    const verdict = decideReason(rules, weak, []);
    expect(verdict.verdict).toBe('cash_flow');
    expect(verdict.weight).toBe(4);
  });

  it('calls broken promises wilful only when the debtor is able to pay', () => {
    const able = { ...none(), abilityScore: 80, promisesBroken: 2 };
    expect(decideReason(rules, able, []).verdict).toBe('wilful');
    const unable = { ...none(), abilityScore: 30, promisesBroken: 2 };
    expect(decideReason(rules, unable, []).verdict).not.toBe('wilful');
  });

  it('calls a good payer slightly late an oversight', () => {
    const good = { ...none(), onTimeShare: 0.9, settledInvoices: 12, maxDaysPastDue: 6 };
    expect(decideReason(rules, good, []).verdict).toBe('oversight');
    expect(decideReason(rules, { ...good, onTimeShare: 0.5 }, []).verdict).toBe('unknown');
  });

  it('says unknown when the evidence is below the policy minimum', () => {
    const verdict = decideReason(rules, { ...none(), partialPayments: 2 }, []);
    expect(verdict.verdict).toBe('unknown');
    expect(verdict.weights.cash_flow).toBe(1);
  });

  it('follows an edited policy, not constants in code', () => {
    const edited = parsePolicy({
      ...DEFAULT_POLICY,
      reasons: {
        minWeight: 1,
        rules: [{ verdict: 'wilful', evidence: [{ keywords: ['暂不考虑'], weight: 1 }] }],
      },
    });
    expect(decideReason(edited.reasons, none(), [note('付款暂不考虑')]).verdict).toBe('wilful');
  });

  it('refuses an invalid policy with the path of the bad field', () => {
    const bad = {
      ...DEFAULT_POLICY,
      quadrant: { abilityThreshold: 150, willingnessThreshold: 50 },
    };
    expect(() => parsePolicy(bad, 3)).toThrow(PolicyError);
    expect(() => parsePolicy(bad, 3)).toThrow(/v3.*quadrant\.abilityThreshold/);
    expect(() =>
      parsePolicy({
        ...DEFAULT_POLICY,
        reasons: { minWeight: 1, rules: [{ verdict: 'unknown', evidence: [] }] },
      }),
    ).toThrow(/reasons\.rules\.0/);
  });
});

describe('assessDebtor', () => {
  const noStatement = { readStatement: () => null, lateProbability: null };

  it('marks ability from behaviour as low confidence and never defaults silently', () => {
    const fresh = assessDebtor(DEFAULT_POLICY, history([]), '2025-05-01', noStatement);
    expect(fresh.ability.basis).toBe('none');
    expect(fresh.ability.confidence).toBe('none');
    expect(fresh.ability.notes.map((n) => n.en).join(' ')).toMatch(/no evidence/);
    expect(fresh.reason.verdict).toBe('unknown');

    const paying = assessDebtor(
      DEFAULT_POLICY,
      history([
        invoice('A', '2025-01-01', '2025-01-31', '2025-01-31'),
        invoice('B', '2025-03-01', '2025-03-31', null),
      ]),
      '2025-04-10',
      noStatement,
    );
    expect(paying.ability.basis).toBe('behaviour');
    expect(paying.ability.confidence).toBe('low');
    expect(paying.ability.notes.map((n) => n['zh-CN']).join('')).toContain('没有财务报表');
  });

  it('does not score ability from a statement that yields too few ratios', () => {
    const empty = {
      periodEnd: '2024-12-31',
      ratios: {
        debtRatio: null,
        currentRatio: null,
        quickRatio: null,
        cashRatio: null,
        operatingCashFlowRatio: 0.2,
        altmanZ2: null,
      },
      unavailable: [],
      bankruptcyProbability: 0.03,
      factors: [],
      modelVersion: 'test',
    };
    const result = assessDebtor(
      DEFAULT_POLICY,
      history([
        invoice('A', '2025-01-01', '2025-01-31', '2025-02-20'),
        invoice('B', '2025-03-01', '2025-03-31', null),
      ]),
      '2025-04-10',
      { readStatement: () => empty, lateProbability: null },
    );
    expect(result.ability.basis).toBe('behaviour');
    expect(result.ability.notes.map((n) => n.en).join(' ')).toMatch(
      /gives 1 ratios \(at least 3 needed\)/,
    );
  });

  it('places an able payer who keeps breaking promises in HL with a wilful verdict', () => {
    const invoices = [
      invoice('A', '2024-10-01', '2024-10-31', '2024-12-20'),
      invoice('B', '2024-11-01', '2024-12-01', '2025-02-01'),
      invoice('C', '2025-01-01', '2025-01-31', null),
    ];
    const activities = [
      contact('2025-02-10', 'promised', { promiseDate: '2025-02-15' }),
      contact('2025-03-01', 'promised', { promiseDate: '2025-03-05' }),
      contact('2025-03-20', 'refused', { summary: '拒付，说要拖着' }),
    ];
    const strong = {
      periodEnd: '2024-12-31',
      ratios: {
        debtRatio: 0.35,
        currentRatio: 2.4,
        quickRatio: 1.5,
        cashRatio: 0.6,
        operatingCashFlowRatio: 0.5,
        altmanZ2: 4.1,
      },
      unavailable: [],
      bankruptcyProbability: 0.01,
      factors: [],
      modelVersion: 'test',
    };
    const result = assessDebtor(DEFAULT_POLICY, history(invoices, activities), '2025-04-01', {
      readStatement: () => strong,
      lateProbability: 0.9,
    });
    expect(result.ability.basis).toBe('statements');
    expect(result.ability.score).toBeGreaterThanOrEqual(90);
    expect(result.willingness.score).toBeLessThan(50);
    expect(result.quadrant).toBe('HL');
    expect(result.reason.verdict).toBe('wilful');
    expect(result.reason.evidence.map((e) => e.text.en).join(' ')).toMatch(
      /promises to pay broken is 2/,
    );
  });
});
