import dpdSwitchNode = require('../nodes/hk-dpd-switch');
import type { NodeMessage } from '../node-red';
import {
  callsOn,
  helper,
  lastStatus,
  nextCall,
  onTab,
  settle,
  startWithBridge,
  stopHelper,
  strategyCase,
  type TestNode,
} from './support/node-red-helper';

const OUTPUTS = ['out-0', 'out-1', 'out-2', 'out-3', 'out-4'];

async function deploySwitch(bounds: unknown, outputs = OUTPUTS): Promise<TestNode> {
  await helper.load(
    dpdSwitchNode,
    onTab(
      {
        id: 'dpd',
        type: 'hk-dpd-switch',
        bounds,
        outputs: outputs.length,
        wires: outputs.map((id) => [id]),
      },
      ...outputs.map((id) => ({ id, type: 'helper' })),
    ),
  );
  await settle(); // lets the spy events of the constructor go by
  return helper.getNode('dpd');
}

/** Records, per output, the messages that arrive there. */
function recordOutputs(outputs = OUTPUTS): NodeMessage[][] {
  return outputs.map((id) => {
    const received: NodeMessage[] = [];
    helper.getNode(id).on('input', (msg) => received.push(msg));
    return received;
  });
}

beforeEach(() => startWithBridge(undefined));
afterEach(stopHelper);

describe('hk-dpd-switch routing with brackets [0, 3, 7, 30, 60]', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [6, 1],
    [7, 2],
    [29, 2],
    [30, 3],
    [59, 3],
    [60, 4],
    [400, 4],
  ])('sends a case %i days past due to output %i only', async (daysPastDue, expectedOutput) => {
    const dpd = await deploySwitch([0, 3, 7, 30, 60]);
    const received = recordOutputs();
    const payload = strategyCase({ maxDaysPastDue: daysPastDue });

    dpd.receive({ payload });
    await settle();

    const counts = received.map((messages) => messages.length);
    expect(counts).toEqual(OUTPUTS.map((_, i) => (i === expectedOutput ? 1 : 0)));
    expect(received[expectedOutput]?.[0]?.payload).toEqual(payload);
    expect(lastStatus(dpd)).toEqual({ fill: 'green', shape: 'dot', text: expect.any(String) });
  });

  it('labels the status with the bracket it routed to', async () => {
    const dpd = await deploySwitch([0, 3, 7, 30, 60]);
    const status = nextCall(dpd, 'status');

    dpd.receive({ payload: strategyCase({ maxDaysPastDue: 45 }) });

    expect((await status)[0]).toEqual({ fill: 'green', shape: 'dot', text: '30-59' });
  });

  it('sends a case below the first bound nowhere', async () => {
    const dpd = await deploySwitch([5, 10], ['out-0', 'out-1']);
    const received = recordOutputs(['out-0', 'out-1']);

    dpd.receive({ payload: strategyCase({ maxDaysPastDue: 4 }) });
    await settle();
    dpd.receive({ payload: strategyCase({ maxDaysPastDue: 5 }) });
    await settle();

    expect(received.map((messages) => messages.length)).toEqual([1, 0]);
    expect(received[0]?.[0]?.payload).toMatchObject({ maxDaysPastDue: 5 });
    expect(callsOn(dpd, 'status').map(([badge]) => badge)).toContainEqual({
      fill: 'grey',
      shape: 'ring',
      text: 'hk-dpd-switch.status.below-first',
    });
  });

  it('accepts bounds stored as digit strings by the editor', async () => {
    const dpd = await deploySwitch(['0', '10'], ['out-0', 'out-1']);
    const received = recordOutputs(['out-0', 'out-1']);

    dpd.receive({ payload: strategyCase({ maxDaysPastDue: 10 }) });
    await settle();

    expect(received.map((messages) => messages.length)).toEqual([0, 1]);
  });

  it('fails a message whose payload has no numeric maxDaysPastDue', async () => {
    const dpd = await deploySwitch([0, 3, 7, 30, 60]);
    const received = recordOutputs();
    const error = nextCall(dpd, 'error');

    dpd.receive({ payload: { ...strategyCase(), maxDaysPastDue: '12' } });

    expect((await error)[0]).toEqual(new Error('hk-dpd-switch.errors.invalid-case'));
    await settle();
    expect(received.flat()).toHaveLength(0);
  });
});

describe('hk-dpd-switch with bad brackets', () => {
  it.each([
    ['no bounds', [], 'bounds-empty'],
    ['a missing list', undefined, 'bounds-empty'],
    ['a fraction', [0, 2.5], 'bounds-not-integer'],
    ['a word', [0, 'three'], 'bounds-not-integer'],
    ['a negative bound', [-1, 3], 'bounds-negative'],
    ['a repeated bound', [0, 3, 3], 'bounds-not-ascending'],
    ['descending bounds', [7, 3], 'bounds-not-ascending'],
  ])('refuses %s with an error and a red ring', async (_label, bounds, problem) => {
    const dpd = await deploySwitch(bounds);
    const received = recordOutputs();

    expect(callsOn(dpd, 'error')).toEqual([[`hk-dpd-switch.errors.${problem}`]]);
    expect(lastStatus(dpd)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'hk-dpd-switch.status.invalid-config',
    });

    const error = nextCall(dpd, 'error');
    dpd.receive({ payload: strategyCase({ maxDaysPastDue: 10 }) });
    expect((await error)[0]).toEqual(new Error(`hk-dpd-switch.errors.${problem}`));
    await settle();
    expect(received.flat()).toHaveLength(0);
  });
});
