import caseSourceNode = require('../nodes/hk-case-source');
import type { NodeMessage } from '../node-red';
import {
  RecordingBridge,
  TAB,
  helper,
  lastStatus,
  onTab,
  settle,
  startWithBridge,
  stopHelper,
  strategyCase,
} from './support/node-red-helper';

let bridge: RecordingBridge;

async function deploySource(props: Record<string, unknown> = {}): Promise<NodeMessage[]> {
  await helper.load(
    caseSourceNode,
    onTab(
      { id: 'source', type: 'hk-case-source', ...props, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ),
  );
  await settle();
  const received: NodeMessage[] = [];
  helper.getNode('out').on('input', (msg) => received.push(msg));
  return received;
}

beforeEach(async () => {
  bridge = new RecordingBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-case-source', () => {
  it('registers with the bridge when deployed and waits for a run', async () => {
    await deploySource();

    expect(bridge.sources.map(({ nodeId, flowId }) => ({ nodeId, flowId }))).toEqual([
      { nodeId: 'source', flowId: TAB },
    ]);
    expect(lastStatus(helper.getNode('source'))).toEqual({
      fill: 'grey',
      shape: 'ring',
      text: 'hk-case-source.status.waiting',
    });
  });

  it('sends one message per case, with the case as payload and its id as topic', async () => {
    const received = await deploySource();
    const cases = [
      strategyCase({ caseId: 'case-1', maxDaysPastDue: 3 }),
      strategyCase({ caseId: 'case-2', maxDaysPastDue: 61 }),
    ];

    const emitted = bridge.sources[0]?.emitCases(cases);
    await settle();

    expect(emitted).toBe(2);
    expect(received.map(({ topic, payload }) => ({ topic, payload }))).toEqual([
      { topic: 'case-1', payload: cases[0] },
      { topic: 'case-2', payload: cases[1] },
    ]);
    expect(received[0]?.payload).not.toBe(cases[0]);
    expect(lastStatus(helper.getNode('source'))).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-case-source.status.emitted',
    });
  });

  it('unregisters from the bridge when the flow stops', async () => {
    await deploySource();
    expect(bridge.sources).toHaveLength(1);

    await helper.unload();

    expect(bridge.sources).toHaveLength(0);
  });

  it('shows a yellow ring when no strategy runtime is there', async () => {
    helper.settings({ huikuanBridge: undefined });
    await deploySource();

    expect(bridge.sources).toHaveLength(0);
    expect(lastStatus(helper.getNode('source'))).toEqual({
      fill: 'yellow',
      shape: 'ring',
      text: 'hk-case-source.status.no-bridge',
    });
  });

  it('sends only the cases of the segments it is limited to', async () => {
    const received = await deploySource({ quadrants: ['HL', 'LL'] });
    const cases = [
      strategyCase({ caseId: 'hh', quadrant: 'HH' }),
      strategyCase({ caseId: 'hl', quadrant: 'HL' }),
      strategyCase({ caseId: 'll', quadrant: 'LL' }),
      strategyCase({ caseId: 'unscored' }),
    ];
    expect(bridge.sources[0]?.emitCases(cases)).toBe(2);
    await settle();
    expect(received.map((msg) => msg.topic)).toEqual(['hl', 'll']);
  });

  it('refuses a segment list it does not know', async () => {
    await deploySource({ quadrants: ['HH', 'XX'] });
    expect(bridge.sources).toEqual([]);
    expect(lastStatus(helper.getNode('source'))).toMatchObject({
      fill: 'red',
      text: 'hk-case-source.status.invalid-config',
    });
  });
});
