import amountSwitchNode = require('../nodes/hk-amount-switch');
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
import { deployRouter, onlyAt } from './support/routing-helper';

const BOUNDS = [0, 10_000, 100_000];

const deployAmountSwitch = (config: Record<string, unknown> = { bounds: BOUNDS }) =>
  deployRouter(amountSwitchNode, 'hk-amount-switch', 3, config);

beforeEach(() => startWithBridge(undefined));
afterEach(stopHelper);

describe('hk-amount-switch with brackets 0, 10,000 and 100,000', () => {
  it.each([
    [0, 'CNY', 0],
    [999_999, 'CNY', 0], // 9,999.99 yuan
    [1_000_000, 'CNY', 1], // 10,000 yuan
    [10_000_000, 'CNY', 2], // 100,000 yuan
    [9_999, 'JPY', 0], // 9,999 yen
    [10_000, 'JPY', 1],
    [100_000, 'JPY', 2],
  ])('sends %i minor units of %s to output %i', async (overdueAmountMinor, currency, output) => {
    const router = await deployAmountSwitch();
    const payload = strategyCase({ overdueAmountMinor, currency });

    router.node.receive({ payload });
    await settle();

    expect(router.counts()).toEqual(onlyAt(output, 3));
    expect(router.received[output]?.[0]?.payload).toEqual(payload);
  });

  it('brackets the open amount when configured so', async () => {
    const router = await deployAmountSwitch({ bounds: BOUNDS, amount: 'open' });

    router.node.receive({
      payload: strategyCase({ overdueAmountMinor: 500, openAmountMinor: 20_000_000 }),
    });
    await settle();

    expect(router.counts()).toEqual([0, 0, 1]);
  });

  it('sends a case below the first bound nowhere and counts it apart', async () => {
    const router = await deployAmountSwitch({ bounds: [100, 1000] });

    router.node.receive({ payload: strategyCase({ overdueAmountMinor: 9_999 }) }); // 99.99 yuan
    await settle();

    expect(router.counts()).toEqual([0, 0, 0]);
    expect(lastStatus(router.node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: '100-1,000 0 · ≥1,000 0 · hk-amount-switch.short.below-first 1',
    });
  });

  it('shows the counts per bracket on its status', async () => {
    const router = await deployAmountSwitch();

    router.node.receive({ payload: strategyCase({ overdueAmountMinor: 1_500_000 }) });
    await settle();

    expect(lastStatus(router.node)?.text).toBe('0-10,000 0 · 10,000-100,000 1 · ≥100,000 0');
  });

  it.each([
    ['a fractional amount', { overdueAmountMinor: 12.5 }],
    ['a malformed currency', { currency: 'RMB1' }],
    ['no currency', { currency: undefined }],
  ] as Array<[string, Partial<StrategyCase>]>)('fails a case with %s', async (_label, facts) => {
    const router = await deployAmountSwitch();
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: { ...strategyCase(), ...facts } });

    expect((await error)[0]).toEqual(new Error('hk-amount-switch.errors.invalid-case'));
    await settle();
    expect(router.counts()).toEqual([0, 0, 0]);
  });

  it.each([
    [{ bounds: [] }, 'bounds-empty'],
    [{ bounds: [0, 99.5] }, 'bounds-not-integer'],
    [{ bounds: [10, 5] }, 'bounds-not-ascending'],
    [{ bounds: BOUNDS, amount: 'balance' }, 'amount-invalid'],
  ])('refuses %p with an error and a red ring', async (config, problem) => {
    const router = await deployAmountSwitch(config);

    expect(callsOn(router.node, 'error')).toEqual([[`hk-amount-switch.errors.${problem}`]]);
    expect(lastStatus(router.node)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'hk-amount-switch.status.invalid-config',
    });
  });
});
