import outcomeSwitchNode = require('../nodes/hk-outcome-switch');
import offenderSwitchNode = require('../nodes/hk-offender-switch');
import quadrantSwitchNode = require('../nodes/hk-quadrant-switch');
import reasonSwitchNode = require('../nodes/hk-reason-switch');
import stateSwitchNode = require('../nodes/hk-state-switch');
import type { StrategyCase } from '../types';
import {
  callsOn,
  lastStatus,
  nextCall,
  settle,
  startWithBridge,
  stopHelper,
  strategyCase,
} from './support/node-red-helper';
import { caseHistory, deployRouter, lastActionWith, onlyAt } from './support/routing-helper';

beforeEach(() => startWithBridge(undefined));
afterEach(stopHelper);

/** Sends `payload` into a freshly deployed switch and returns where it arrived. */
async function routeOne(
  nodeModule: Parameters<typeof deployRouter>[0],
  type: string,
  outputs: number,
  payload: unknown,
  config: Record<string, unknown> = {},
) {
  const router = await deployRouter(nodeModule, type, outputs, config);
  router.node.receive({ payload, topic: 'case-1' });
  await settle();
  return router;
}

describe('hk-quadrant-switch', () => {
  it.each([
    ['HH', 0],
    ['HL', 1],
    ['LH', 2],
    ['LL', 3],
    [undefined, 4],
  ] as const)('sends quadrant %p to output %i, unchanged', async (quadrant, output) => {
    const payload = strategyCase(quadrant === undefined ? {} : { quadrant });
    const router = await routeOne(quadrantSwitchNode, 'hk-quadrant-switch', 5, payload);

    expect(router.counts()).toEqual(onlyAt(output, 5));
    expect(router.received[output]?.[0]).toMatchObject({ payload, topic: 'case-1' });
  });

  it('counts per output on its status badge', async () => {
    const router = await routeOne(quadrantSwitchNode, 'hk-quadrant-switch', 5, strategyCase());

    expect(lastStatus(router.node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: [
        'hk-quadrant-switch.short.HH 0',
        'hk-quadrant-switch.short.HL 0',
        'hk-quadrant-switch.short.LH 0',
        'hk-quadrant-switch.short.LL 0',
        'hk-quadrant-switch.short.unscored 1',
      ].join(' · '),
    });
  });

  it('redraws its status a few times for a thousand cases, ending with the totals', async () => {
    const router = await deployRouter(quadrantSwitchNode, 'hk-quadrant-switch', 5);
    const quadrants = ['HH', 'HL', 'LH', 'LL'] as const;

    for (let i = 0; i < 1000; i++) {
      router.node.receive({ payload: strategyCase({ quadrant: quadrants[i % 4] }) });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));

    expect(router.counts()).toEqual([250, 250, 250, 250, 0]);
    expect(callsOn(router.node, 'status').length).toBeLessThan(10);
    expect(lastStatus(router.node)?.text).toBe(
      'hk-quadrant-switch.short.HH 250 · hk-quadrant-switch.short.HL 250 · ' +
        'hk-quadrant-switch.short.LH 250 · hk-quadrant-switch.short.LL 250 · ' +
        'hk-quadrant-switch.short.unscored 0',
    );
  });

  it('fails a message with a bad quadrant, naming the field', async () => {
    const router = await deployRouter(quadrantSwitchNode, 'hk-quadrant-switch', 5);
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: strategyCase({ quadrant: 'MM' as 'HH' }) });

    expect((await error)[0]).toEqual(new Error('hk-quadrant-switch.errors.invalid-case'));
    await settle();
    expect(router.counts()).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('hk-reason-switch', () => {
  it.each([
    ['cash_flow', 0],
    ['oversight', 1],
    ['dispute', 2],
    ['wilful', 3],
    ['unknown', 4],
    [undefined, 4],
  ] as const)('sends reason %p to output %i', async (reason, output) => {
    const payload = strategyCase(reason === undefined ? {} : { reason });
    const router = await routeOne(reasonSwitchNode, 'hk-reason-switch', 5, payload);

    expect(router.counts()).toEqual(onlyAt(output, 5));
  });

  it('fails a payload that is not a case', async () => {
    const router = await deployRouter(reasonSwitchNode, 'hk-reason-switch', 5);
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: 'case-1' });

    expect((await error)[0]).toEqual(new Error('hk-reason-switch.errors.invalid-case'));
  });
});

describe('hk-state-switch', () => {
  const broken = { state: 'broken', dueOn: '2026-11-30', amountMinor: 10_000, broken: 1 } as const;
  const open = { ...broken, state: 'open', broken: 0 } as const;

  it.each([
    [
      'frozen',
      { history: caseHistory({ frozen: true, agencyCode: 'AG-1' }), disputedInvoices: 1 },
      0,
    ],
    ['disputed', { disputedInvoices: 2, history: caseHistory({ promise: broken }) }, 1],
    ['disputed without history', { disputedInvoices: 1 }, 1],
    ['promise broken', { history: caseHistory({ promise: broken }) }, 2],
    ['promise open', { history: caseHistory({ promise: open }) }, 3],
    ['none', { disputedInvoices: 0 }, 4],
  ] as Array<[string, Partial<StrategyCase>, number]>)(
    'sends a %s case to output %i',
    async (_label, facts, output) => {
      const router = await routeOne(stateSwitchNode, 'hk-state-switch', 5, strategyCase(facts));
      expect(router.counts()).toEqual(onlyAt(output, 5));
    },
  );

  it('fails a case with a broken history, naming the field inside it', async () => {
    const router = await deployRouter(stateSwitchNode, 'hk-state-switch', 5);
    const history = { ...caseHistory(), frozen: 'yes' };
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: { ...strategyCase(), history } });

    expect((await error)[0]).toEqual(new Error('hk-state-switch.errors.invalid-case'));
  });
});

describe('hk-outcome-switch', () => {
  it.each([
    ['no history', {}, 0],
    ['no action yet', { history: caseHistory({ lastAction: null }) }, 0],
    ['no answer', { history: caseHistory({ lastAction: lastActionWith('no_answer') }) }, 1],
    ['refused', { history: caseHistory({ lastAction: lastActionWith('refused') }) }, 2],
    ['promised', { history: caseHistory({ lastAction: lastActionWith('promised') }) }, 3],
    ['paid', { history: caseHistory({ lastAction: lastActionWith('paid') }) }, 4],
    ['reached', { history: caseHistory({ lastAction: lastActionWith('reached') }) }, 5],
    ['sent', { history: caseHistory() }, 5],
  ] as Array<[string, Partial<StrategyCase>, number]>)(
    'sends %s to output %i',
    async (_label, facts, output) => {
      const router = await routeOne(outcomeSwitchNode, 'hk-outcome-switch', 6, strategyCase(facts));
      expect(router.counts()).toEqual(onlyAt(output, 6));
    },
  );

  it('fails an unknown outcome', async () => {
    const router = await deployRouter(outcomeSwitchNode, 'hk-outcome-switch', 6);
    const lastAction = { ...lastActionWith('sent'), outcome: 'bounced' };
    const error = nextCall(router.node, 'error');

    router.node.receive({
      payload: strategyCase({ history: caseHistory({ lastAction } as never) }),
    });

    expect((await error)[0]).toEqual(new Error('hk-outcome-switch.errors.invalid-case'));
    await settle();
    expect(router.counts()).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('hk-offender-switch', () => {
  const deployOffender = (config: Record<string, unknown> = {}) =>
    deployRouter(offenderSwitchNode, 'hk-offender-switch', 2, config);

  it.each([
    ['a first-time case', {}, 0],
    ['a case 30 days past due', { maxDaysPastDue: 30 }, 1],
    ['a debtor with an earlier case', { history: caseHistory({ priorCases: 2 }) }, 1],
  ] as Array<[string, Partial<StrategyCase>, number]>)(
    'sends %s to output %i with the default thresholds',
    async (_label, facts, output) => {
      const router = await deployOffender();
      router.node.receive({ payload: strategyCase(facts) });
      await settle();
      expect(router.counts()).toEqual(onlyAt(output, 2));
    },
  );

  it('uses the configured thresholds, also as digit strings', async () => {
    const router = await deployOffender({
      minPriorCases: '3',
      minBrokenPromises: 2,
      longDays: '90',
    });

    router.node.receive({ payload: strategyCase({ maxDaysPastDue: 89 }) });
    router.node.receive({ payload: strategyCase({ maxDaysPastDue: 90 }) });
    await settle();

    expect(router.received[0]?.map((msg) => (msg.payload as StrategyCase).maxDaysPastDue)).toEqual([
      89,
    ]);
    expect(router.received[1]?.map((msg) => (msg.payload as StrategyCase).maxDaysPastDue)).toEqual([
      90,
    ]);
  });

  it.each([
    [{ minPriorCases: -1 }, 'min-prior-cases-invalid'],
    [{ minBrokenPromises: 'many' }, 'min-broken-promises-invalid'],
    [{ longDays: 0 }, 'long-days-invalid'],
  ])('refuses %p with an error and a red ring', async (config, problem) => {
    const router = await deployOffender(config);

    expect(callsOn(router.node, 'error')).toEqual([[`hk-offender-switch.errors.${problem}`]]);
    expect(lastStatus(router.node)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'hk-offender-switch.status.invalid-config',
    });

    const error = nextCall(router.node, 'error');
    router.node.receive({ payload: strategyCase() });
    expect((await error)[0]).toEqual(new Error(`hk-offender-switch.errors.${problem}`));
  });

  it('fails a case without numeric days past due', async () => {
    const router = await deployOffender();
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: { ...strategyCase(), maxDaysPastDue: null } });

    expect((await error)[0]).toEqual(new Error('hk-offender-switch.errors.invalid-case'));
  });
});
