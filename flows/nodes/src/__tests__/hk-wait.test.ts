import planStepNode = require('../nodes/hk-plan-step');
import waitNode = require('../nodes/hk-wait');
import type { NodeMessage } from '../node-red';
import type { CaseHistory } from '../types';
import { caseHistory, historyWith, stepRecord } from './support/case-history';
import {
  RecordingBridge,
  TAB,
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

let bridge: RecordingBridge;

const OUTPUTS = ['go-on', 'responded', 'promised', 'broken'];
const WAIT = { step: 'wait-reminder', after: 'reminder', days: 3, dayType: 'calendar' };

/** Deploys an hk-wait node and records, per output, the messages that leave it. */
async function deployWait(config: Record<string, unknown>) {
  await helper.load(
    waitNode,
    onTab(
      { id: 'wait', type: 'hk-wait', ...config, wires: OUTPUTS.map((id) => [id]) },
      ...OUTPUTS.map((id) => ({ id, type: 'helper' })),
    ),
  );
  await settle();
  const outputs = OUTPUTS.map((id) => {
    const received: NodeMessage[] = [];
    helper.getNode(id).on('input', (msg) => received.push(msg));
    return received;
  });
  return { node: helper.getNode('wait'), outputs };
}

const counts = (outputs: NodeMessage[][]): number[] => outputs.map((received) => received.length);

const promise = (state: CaseHistory['promise']['state'], dueOn: string) => ({
  state,
  dueOn,
  amountMinor: 300_000,
  broken: state === 'broken' ? 1 : 0,
});

beforeEach(async () => {
  bridge = new RecordingBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-wait outputs', () => {
  it('goes on by output 1 when the wait passed without a response', async () => {
    const { node, outputs } = await deployWait(WAIT);
    const history = historyWith([stepRecord('reminder', { doneOn: '2026-12-01' })]);

    node.receive({ payload: strategyCase({ history }), plan: { stepKey: 'reminder' } });
    await settle();

    expect(counts(outputs)).toEqual([1, 0, 0, 0]);
    expect(outputs[0]?.[0]).not.toHaveProperty('plan');
    expect(bridge.plans).toEqual([]);
  });

  it('sends a case that responded to output 2', async () => {
    const { node, outputs } = await deployWait(WAIT);
    const history = historyWith([stepRecord('reminder', { doneOn: '2026-12-03' })], {
      respondedSinceLastAction: true,
    });

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    expect(counts(outputs)).toEqual([0, 1, 0, 0]);
  });

  it('holds an open promise until its date and sends the case to output 3', async () => {
    const { node, outputs } = await deployWait(WAIT);
    const history = caseHistory({ promise: promise('open', '2026-12-20') });

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    const hold = {
      kind: 'hold',
      caseId: 'case-1',
      stepKey: 'wait-reminder',
      round: 0,
      channel: null,
      templateCode: null,
      dueOn: '2026-12-20',
      offsetDays: 16,
      branches: [],
      hold: { reason: 'promise' },
      flowId: TAB,
      nodeId: 'wait',
    };
    expect(counts(outputs)).toEqual([0, 0, 1, 0]);
    expect(bridge.plans).toEqual([hold]);
    expect(outputs[2]?.[0]?.plan).toEqual(hold);
  });

  it('sends a broken promise to output 4 and marks the message as sent back', async () => {
    const { node, outputs } = await deployWait(WAIT);
    const history = caseHistory({ round: 1, promise: promise('broken', '2026-11-25') });

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    expect(counts(outputs)).toEqual([0, 0, 0, 1]);
    expect(outputs[3]?.[0]?.sentBack).toEqual(['wait']);
    expect(bridge.plans).toEqual([]);
  });

  it('plans a hold while waiting and sends nothing on', async () => {
    const { node, outputs } = await deployWait(WAIT);
    const history = historyWith([stepRecord('reminder', { doneOn: '2026-12-03' })]);

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    expect(counts(outputs)).toEqual([0, 0, 0, 0]);
    expect(bridge.plans).toMatchObject([
      { kind: 'hold', hold: { reason: 'wait' }, dueOn: '2026-12-06', offsetDays: 2 },
    ]);
    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-wait.status.no-response 0 · hk-wait.status.waiting 1',
    });
  });
});

describe('hk-wait wired back to an earlier step', () => {
  it('re-enters once after a broken promise and then waits: the run ends', async () => {
    // reminder -> wait; the wait's output 4 goes back into the reminder step. (Node ids differ
    // from step keys: the runtime takes nodes without x/y for config nodes and their ids for
    // references.)
    await helper.load(
      [planStepNode, waitNode],
      onTab(
        {
          id: 'reminder-node',
          type: 'hk-plan-step',
          step: 'reminder',
          channel: 'email',
          template: 'reminder',
          offsetDays: 0,
          wires: [['wait'], []],
        },
        { id: 'wait', type: 'hk-wait', ...WAIT, wires: [['go-on'], [], [], ['reminder-node']] },
        { id: 'go-on', type: 'helper' },
      ),
    );
    const history = caseHistory({ round: 1, promise: promise('broken', '2026-11-25') });

    helper.getNode('reminder-node').receive({ payload: strategyCase({ history }) });
    await settle();
    await settle();

    expect(bridge.plans.map(({ kind, stepKey, round }) => ({ kind, stepKey, round }))).toEqual([
      { kind: 'action', stepKey: 'reminder', round: 1 },
      { kind: 'hold', stepKey: 'wait-reminder', round: 1 },
    ]);
  });
});

describe('hk-wait input and configuration problems', () => {
  it('fails a message whose history is malformed', async () => {
    const { node } = await deployWait(WAIT);
    const error = nextCall(node, 'error');

    node.receive({ payload: strategyCase({ history: { ...caseHistory(), round: -1 } }) });

    expect((await error)[0]).toEqual(new Error('hk-wait.errors.invalid-case'));
  });

  it.each([
    ['no step', { ...WAIT, step: '' }, 'step-missing'],
    ['no days', { ...WAIT, days: '' }, 'days-invalid'],
    ['a wait on itself', { ...WAIT, after: 'wait-reminder' }, 'after-self'],
    ['a bad grace', { ...WAIT, graceDays: 'a week' }, 'grace-invalid'],
  ])('refuses %s with an error and a red ring', async (_label, config, problem) => {
    const { node, outputs } = await deployWait(config);

    expect(callsOn(node, 'error')).toEqual([[`hk-wait.errors.${problem}`]]);
    expect(lastStatus(node)).toMatchObject({ fill: 'red', text: 'hk-wait.status.invalid-config' });
    const error = nextCall(node, 'error');
    node.receive({ payload: strategyCase() });
    expect((await error)[0]).toEqual(new Error(`hk-wait.errors.${problem}`));
    await settle();
    expect(counts(outputs)).toEqual([0, 0, 0, 0]);
  });

  it('fails the message with the error the bridge throws', async () => {
    const { node } = await deployWait(WAIT);
    bridge.failWith = new Error('run ledger closed');
    const error = nextCall(node as TestNode, 'error');

    node.receive({ payload: strategyCase() });

    expect((await error)[0]).toEqual(new Error('run ledger closed'));
  });
});
