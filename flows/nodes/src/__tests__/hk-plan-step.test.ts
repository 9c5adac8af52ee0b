import planStepNode = require('../nodes/hk-plan-step');
import type { NodeMessage } from '../node-red';
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
import { REMINDER_CASES } from './support/reminder-cases';

let bridge: RecordingBridge;

interface Deployed {
  node: TestNode;
  received: NodeMessage[];
}

async function deployStep(config: Record<string, unknown>): Promise<Deployed> {
  await helper.load(
    planStepNode,
    onTab(
      { id: 'step', type: 'hk-plan-step', ...config, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ),
  );
  await settle(); // lets the spy events of the constructor go by
  const received: NodeMessage[] = [];
  helper.getNode('out').on('input', (msg) => received.push(msg));
  return { node: helper.getNode('step'), received };
}

const PHONE = { step: 'phone-day-3', channel: 'phone', template: 'phone-script', offsetDays: 0 };
const REMINDER = { step: 'reminder', channel: 'reminder', template: 'reminder', offsetDays: 0 };

beforeEach(async () => {
  bridge = new RecordingBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-plan-step planning', () => {
  it('hands the plan to the bridge and passes the message on with msg.plan', async () => {
    const { node, received } = await deployStep({ ...PHONE, offsetDays: 2 });
    const payload = strategyCase({ caseId: 'case-42', maxDaysPastDue: 4 });

    node.receive({ payload, topic: 'case-42' });
    await settle();

    const expected = {
      caseId: 'case-42',
      stepKey: 'phone-day-3',
      channel: 'phone',
      templateCode: 'phone-script',
      offsetDays: 2,
      flowId: TAB,
      nodeId: 'step',
    };
    expect(bridge.plans).toEqual([expected]);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ topic: 'case-42', payload, plan: expected });
    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-plan-step.channel.phone',
    });
  });

  it.each(['email', 'sms', 'letter', 'phone', 'visit', 'legal'])(
    'plans the fixed channel %s whatever the case prefers',
    async (channel) => {
      const { node } = await deployStep({ ...PHONE, channel });

      node.receive({ payload: strategyCase({ preferredChannel: 'sms' }) });
      await settle();

      expect(bridge.plans.map((plan) => plan.channel)).toEqual([channel]);
    },
  );

  it('reads offsetDays stored as a digit string by the editor', async () => {
    const { node } = await deployStep({ ...PHONE, offsetDays: '3' });

    node.receive({ payload: strategyCase() });
    await settle();

    expect(bridge.plans[0]?.offsetDays).toBe(3);
  });

  it.each(REMINDER_CASES)(
    'plans a reminder for preference %p, email %p and sms %p by %s',
    async (preferredChannel, email, sms, expected) => {
      const { node, received } = await deployStep(REMINDER);

      node.receive({ payload: strategyCase({ preferredChannel, reachable: { email, sms } }) });
      await settle();

      expect(bridge.plans.map((plan) => plan.channel)).toEqual([expected]);
      expect((received[0]?.plan as { channel: string }).channel).toBe(expected);
      expect(lastStatus(node)).toEqual({
        fill: 'green',
        shape: 'dot',
        text: `hk-plan-step.channel.${expected}`,
      });
    },
  );

  it('fails a message whose payload is not a strategy case, planning nothing', async () => {
    const { node, received } = await deployStep(PHONE);
    const error = nextCall(node, 'error');

    node.receive({ payload: { ...strategyCase(), reachable: 'yes' } });

    expect((await error)[0]).toEqual(new Error('hk-plan-step.errors.invalid-case'));
    await settle();
    expect(bridge.plans).toEqual([]);
    expect(received).toEqual([]);
  });

  it('fails the message with the error the bridge throws', async () => {
    const { node, received } = await deployStep(PHONE);
    bridge.failWith = new Error('run ledger closed');
    const error = nextCall(node, 'error');

    node.receive({ payload: strategyCase() });

    expect((await error)[0]).toEqual(new Error('run ledger closed'));
    await settle();
    expect(received).toEqual([]);
  });
});

describe('hk-plan-step without a strategy runtime', () => {
  it('still adds msg.plan and shows a yellow ring', async () => {
    helper.settings({ huikuanBridge: undefined });
    const { node, received } = await deployStep(PHONE);

    node.receive({ payload: strategyCase({ caseId: 'case-7' }) });
    await settle();

    expect(received[0]?.plan).toMatchObject({ caseId: 'case-7', stepKey: 'phone-day-3' });
    expect(bridge.plans).toEqual([]);
    expect(lastStatus(node)).toEqual({
      fill: 'yellow',
      shape: 'ring',
      text: 'hk-plan-step.status.no-bridge',
    });
  });
});

describe('hk-plan-step with a bad configuration', () => {
  it.each([
    ['no step', { ...PHONE, step: '' }, 'step-missing'],
    ['a step with spaces', { ...PHONE, step: 'phone day 3' }, 'step-invalid'],
    ['an unknown channel', { ...PHONE, channel: 'fax' }, 'channel-invalid'],
    ['no template', { ...PHONE, template: undefined }, 'template-missing'],
    ['a template with a slash', { ...PHONE, template: 'a/b' }, 'template-invalid'],
    ['a negative offset', { ...PHONE, offsetDays: -1 }, 'offset-invalid'],
    ['a fractional offset', { ...PHONE, offsetDays: 1.5 }, 'offset-invalid'],
    ['an offset that is a word', { ...PHONE, offsetDays: 'soon' }, 'offset-invalid'],
  ])('refuses %s with an error, a red ring and failing inputs', async (_label, config, problem) => {
    const { node, received } = await deployStep(config);

    expect(callsOn(node, 'error')).toEqual([[`hk-plan-step.errors.${problem}`]]);
    expect(lastStatus(node)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'hk-plan-step.status.invalid-config',
    });

    const error = nextCall(node, 'error');
    node.receive({ payload: strategyCase() });
    expect((await error)[0]).toEqual(new Error(`hk-plan-step.errors.${problem}`));
    await settle();
    expect(bridge.plans).toEqual([]);
    expect(received).toEqual([]);
  });
});
