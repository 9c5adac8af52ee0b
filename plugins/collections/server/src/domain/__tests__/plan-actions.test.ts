import type { CaseHistory, StepPlan } from '@huikuan/flows';

import { planActions, type PlannedCase } from '../plan-actions';
import { DEFAULT_STRATEGY_POLICY } from '../strategy-policy';

const asOf = '2026-12-04';
const openCase: PlannedCase = {
  id: 7,
  caseKey: 'K001-2026-11-20',
  debtorId: 3,
  exposure: {
    debtorId: 3,
    asOf,
    currency: 'CNY',
    openMinor: 100000,
    openInvoices: 1,
    overdueMinor: 100000,
    overdueInvoices: 1,
    maxDaysPastDue: 14,
    collectibleMinor: 100000,
    collectibleInvoices: 1,
    collectibleMaxDaysPastDue: 14,
    disputedInvoices: 0,
  },
};

const plan = (over: Partial<StepPlan>): StepPlan => ({
  kind: 'action',
  caseId: 'doc-7',
  stepKey: 'reminder',
  round: 0,
  channel: 'email',
  templateCode: 'reminder',
  dueOn: asOf,
  offsetDays: 0,
  branches: [],
  flowId: 'tab',
  nodeId: 'node',
  ...over,
});

const run = (plans: StepPlan[], history?: Partial<CaseHistory>) =>
  planActions(plans, {
    cases: new Map([['doc-7', openCase]]),
    zones: new Map([[3, 'Asia/Shanghai']]),
    histories: new Map(history ? [[7, history as CaseHistory]] : []),
    version: 'sha',
    strategyVersion: 2,
    policy: DEFAULT_STRATEGY_POLICY,
    agencies: new Set(['AGENCY-01']),
  });

describe('planActions', () => {
  it('keys a step by case, step and round and dates it at the start of its day in the debtor zone', () => {
    const { wanted, refused } = run([
      plan({}),
      plan({ stepKey: 'letter', round: 2, dueOn: '2026-12-10', channel: 'letter' }),
      plan({ stepKey: 'late', dueOn: '2026-11-01' }),
    ]);
    expect(refused).toEqual([]);
    expect(wanted.map((a) => a.idempotencyKey)).toEqual([
      'K001-2026-11-20:reminder',
      'K001-2026-11-20:letter@r2',
      'K001-2026-11-20:late',
    ]);
    expect(wanted[1]?.dueAt.toISOString()).toBe('2026-12-09T16:00:00.000Z');
    // A due day in the past is due today.
    expect(wanted[2]?.dueAt.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(wanted[0]).toMatchObject({ strategyVersion: 2, flowVersion: 'sha', kind: 'action' });
  });

  it('refuses internal steps of a case with an agency but keeps its legal review and holds', () => {
    const { wanted, refused } = run(
      [
        plan({}),
        plan({
          kind: 'escalation',
          stepKey: 'legal',
          channel: 'legal',
          templateCode: 'legal-review',
          escalation: { type: 'legal', agencyCode: null },
        }),
        plan({
          kind: 'hold',
          stepKey: 'promise',
          channel: null,
          templateCode: null,
          hold: { reason: 'promise' },
        }),
      ],
      { frozen: true, agencyCode: 'AGENCY-01' },
    );
    expect(refused.map((r) => r.stepKey)).toEqual(['reminder']);
    expect(refused[0]?.reason).toMatch(/with agency AGENCY-01/);
    expect(wanted.map((a) => a.stepKey)).toEqual(['legal', 'promise']);
    expect(wanted[1]).toMatchObject({
      channel: null,
      templateCode: null,
      detail: { reason: 'promise', until: asOf },
    });
  });

  it('refuses internal steps while a legal review is open, but not the escalations after it', () => {
    const { wanted, refused } = run(
      [
        plan({}),
        plan({
          kind: 'escalation',
          stepKey: 'agency',
          channel: 'agency',
          templateCode: 'agency-handoff',
          escalation: { type: 'agency', agencyCode: 'AGENCY-01' },
        }),
      ],
      { frozen: false, agencyCode: null, underLegalReview: true },
    );
    expect(refused.map((r) => r.stepKey)).toEqual(['reminder']);
    expect(refused[0]?.reason).toMatch(/under legal review.*法务审核中/);
    expect(wanted.map((a) => a.stepKey)).toEqual(['agency']);
  });

  it('refuses a hand-off to an agency that is not in the list', () => {
    const { wanted, refused } = run([
      plan({
        kind: 'escalation',
        stepKey: 'agency',
        channel: 'agency',
        templateCode: 'agency-handoff',
        escalation: { type: 'agency', agencyCode: 'NOPE' },
      }),
    ]);
    expect(wanted).toEqual([]);
    expect(refused[0]?.reason).toMatch(/'NOPE' is not an active agency/);
  });

  it('refuses an offer outside the policy and drops the wait planned after it', () => {
    const offer = {
      type: 'instalment' as const,
      downPaymentMinor: 0,
      instalments: [{ dueOn: '2027-01-03', amountMinor: 100000 }],
      extensionDays: 30,
      currency: 'CNY',
    };
    const { wanted, refused } = run([
      plan({ kind: 'offer', stepKey: 'offer', offer }),
      plan({
        kind: 'hold',
        stepKey: 'wait-offer',
        channel: null,
        templateCode: null,
        hold: { reason: 'wait' },
        dueOn: '2026-12-18',
      }),
      plan({
        kind: 'hold',
        stepKey: 'promise',
        channel: null,
        templateCode: null,
        hold: { reason: 'promise' },
      }),
    ]);
    expect(refused.map((r) => r.stepKey)).toEqual(['offer']);
    expect(refused[0]?.reason).toMatch(/below the policy's 10%/);
    expect(wanted.map((a) => a.stepKey)).toEqual(['promise']);
  });

  it('throws on a plan for a case that is not in the run', () => {
    expect(() => run([plan({ caseId: 'other' })])).toThrow(/unknown case other/);
  });

  it('refuses a step whose template is not published for its channel', () => {
    const { wanted, refused } = planActions([plan({}), plan({ stepKey: 'sms', channel: 'sms' })], {
      cases: new Map([['doc-7', openCase]]),
      zones: new Map([[3, 'Asia/Shanghai']]),
      histories: new Map(),
      version: 'sha',
      strategyVersion: 2,
      policy: DEFAULT_STRATEGY_POLICY,
      agencies: new Set(),
      templates: new Set(['reminder:email']),
    });
    expect(wanted.map((a) => a.stepKey)).toEqual(['reminder']);
    expect(refused[0]).toMatchObject({
      stepKey: 'sms',
      reason: expect.stringMatching(/no published template 'reminder' for channel sms/),
    });
  });
});
