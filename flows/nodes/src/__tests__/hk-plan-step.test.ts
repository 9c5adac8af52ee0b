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
import { caseHistory, historyWith, stepRecord } from './support/case-history';
import { REMINDER_CASES } from './support/reminder-cases';

let bridge: RecordingBridge;

interface Deployed {
  node: TestNode;
  received: NodeMessage[];
  waiting: NodeMessage[];
}

async function deployStep(config: Record<string, unknown>): Promise<Deployed> {
  await helper.load(
    planStepNode,
    onTab(
      { id: 'step', type: 'hk-plan-step', ...config, wires: [['out'], ['waiting']] },
      { id: 'out', type: 'helper' },
      { id: 'waiting', type: 'helper' },
    ),
  );
  await settle(); // lets the spy events of the constructor go by
  const received: NodeMessage[] = [];
  const waiting: NodeMessage[] = [];
  helper.getNode('out').on('input', (msg) => received.push(msg));
  helper.getNode('waiting').on('input', (msg) => waiting.push(msg));
  return { node: helper.getNode('step'), received, waiting };
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
      kind: 'action',
      caseId: 'case-42',
      stepKey: 'phone-day-3',
      round: 0,
      channel: 'phone',
      templateCode: 'phone-script',
      dueOn: '2026-12-06',
      offsetDays: 2,
      branches: [],
      flowId: TAB,
      nodeId: 'step',
    };
    expect(bridge.plans).toEqual([expected]);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ topic: 'case-42', payload, plan: expected });
    expect(received[0]?.plannedSteps).toEqual(['phone-day-3']);
    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-plan-step.status.planned 1',
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
      text: 'hk-plan-step.status.no-bridge · hk-plan-step.status.planned 1',
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
    ['an offset beyond 730 days', { ...PHONE, offsetDays: 731 }, 'offset-invalid'],
    [
      'an offset of 99,999,999 working days',
      { ...PHONE, offsetDays: '99999999', dayType: 'business' },
      'offset-invalid',
    ],
    [
      'a shortest interval of 0 days',
      { ...PHONE, anchor: 'previous', adaptive: true, minDays: 0, maxDays: 30 },
      'min-days-invalid',
    ],
    [
      'a longest interval beyond 365 days',
      { ...PHONE, anchor: 'previous', adaptive: true, minDays: 1, maxDays: 366 },
      'max-days-invalid',
    ],
    ['an unknown anchor', { ...PHONE, anchor: 'tomorrow' }, 'anchor-invalid'],
    ['an unknown day type', { ...PHONE, dayType: 'lunar' }, 'day-type-invalid'],
    ['a step after itself', { ...PHONE, anchor: 'previous', after: 'phone-day-3' }, 'after-self'],
    [
      'reversed caps',
      { ...PHONE, anchor: 'previous', adaptive: true, minDays: 9, maxDays: 3 },
      'caps-reversed',
    ],
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

/** The warn calls `node` made (the helper spies on Node.prototype.warn too). */
const warningsOf = (node: TestNode): unknown[][] =>
  (node as unknown as { warn: { getCalls(): Array<{ thisValue: unknown; args: unknown[] }> } }).warn
    .getCalls()
    .filter((call) => call.thisValue === node)
    .map((call) => call.args);

/** Waits until a throttled status redraw has happened. */
const redraw = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

describe('hk-plan-step with a configuration saved before anchors existed', () => {
  it('plans as before on its one wired output: as-of date plus calendar days', async () => {
    await helper.load(
      planStepNode,
      onTab(
        { id: 'old', type: 'hk-plan-step', ...PHONE, offsetDays: 3, wires: [['out']] },
        { id: 'out', type: 'helper' },
      ),
    );
    const received: NodeMessage[] = [];
    helper.getNode('out').on('input', (msg) => received.push(msg));

    helper.getNode('old').receive({ payload: strategyCase({ asOf: '2026-09-30' }) });
    await settle();

    expect(bridge.plans).toMatchObject([{ dueOn: '2026-10-03', offsetDays: 3, round: 0 }]);
    expect(received).toHaveLength(1);
  });
});

describe('hk-plan-step once per case, step and round', () => {
  it('passes a step already in the history on by output 1, without a plan', async () => {
    const { node, received, waiting } = await deployStep(PHONE);
    const history = historyWith([stepRecord('phone-day-3', { round: 1 })], { round: 1 });

    node.receive({ payload: strategyCase({ history }), plan: { stepKey: 'earlier-node' } });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0]).not.toHaveProperty('plan');
    expect(waiting).toEqual([]);
    expect(lastStatus(node)).toEqual({
      fill: 'grey',
      shape: 'ring',
      text: 'hk-plan-step.status.planned 0 · hk-plan-step.status.already-planned 1',
    });
  });

  it('does not plan a step twice in one run when the message comes back', async () => {
    const { node, received } = await deployStep(PHONE);

    node.receive({ payload: strategyCase(), plannedSteps: ['phone-day-3'] });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('plans the step again in a new round, with that round', async () => {
    const { node } = await deployStep(PHONE);
    const history = historyWith([stepRecord('phone-day-3', { round: 0 })], { round: 1 });

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    expect(bridge.plans).toMatchObject([{ stepKey: 'phone-day-3', round: 1 }]);
  });

  it('gives a case with an agency no plan and passes it on', async () => {
    const { node, received } = await deployStep(PHONE);

    node.receive({ payload: strategyCase({ history: caseHistory({ frozen: true }) }) });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toHaveLength(1);
    expect(lastStatus(node)?.text).toBe(
      'hk-plan-step.status.planned 0 · hk-plan-step.status.frozen 1',
    );
  });
});

describe('hk-plan-step anchors', () => {
  const AFTER_REMINDER = { ...PHONE, anchor: 'previous', after: 'reminder', offsetDays: 3 };

  it('sends the case to output 2 while the earlier step is not in the history', async () => {
    const { node, received, waiting } = await deployStep(AFTER_REMINDER);

    node.receive({ payload: strategyCase() });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toEqual([]);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).not.toHaveProperty('plan');
  });

  it('plans after the earlier step, in working days', async () => {
    const { node } = await deployStep({ ...AFTER_REMINDER, dayType: 'business', offsetDays: 1 });
    const history = historyWith([stepRecord('reminder', { doneOn: '2026-09-30' })]);

    node.receive({ payload: strategyCase({ asOf: '2026-10-02', history }) });
    await settle();

    expect(bridge.plans).toMatchObject([{ dueOn: '2026-10-08', offsetDays: 6 }]);
  });

  it('copies the branches of the message and the round of the history into the plan', async () => {
    const { node } = await deployStep(PHONE);
    const branches = [{ experiment: 'tone', branch: 'firm', nodeId: 'split-1' }];

    node.receive({ payload: strategyCase({ history: caseHistory({ round: 2 }) }), branches });
    await settle();

    expect(bridge.plans).toMatchObject([{ round: 2, branches }]);
    expect(bridge.plans[0]?.branches).not.toBe(branches);
  });

  it('fails a message whose anchor step record is malformed', async () => {
    const { node } = await deployStep(AFTER_REMINDER);
    const history = historyWith([stepRecord('reminder', { doneOn: '30.09.2026' })]);
    const error = nextCall(node, 'error');

    node.receive({ payload: strategyCase({ history }) });

    expect((await error)[0]).toEqual(new Error('hk-plan-step.errors.invalid-case'));
  });
});

describe('hk-plan-step status and warnings', () => {
  it('counts what it did in the run on one throttled badge', async () => {
    const { node } = await deployStep(PHONE);
    const stored = historyWith([stepRecord('phone-day-3')]);

    node.receive({ payload: strategyCase({ caseId: 'a' }) });
    node.receive({ payload: strategyCase({ caseId: 'b', history: stored }) });
    node.receive({
      payload: strategyCase({ caseId: 'c', history: caseHistory({ frozen: true }) }),
    });
    await redraw();

    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: [
        'hk-plan-step.status.planned 1',
        'hk-plan-step.status.already-planned 1',
        'hk-plan-step.status.frozen 1',
      ].join(' · '),
    });
  });

  it('warns once per year when working days are estimated for lack of holiday data', async () => {
    const { node } = await deployStep({ ...PHONE, offsetDays: 3, dayType: 'business' });

    node.receive({ payload: strategyCase({ caseId: 'a', asOf: '2026-12-30' }) });
    node.receive({ payload: strategyCase({ caseId: 'b', asOf: '2026-12-31' }) });
    await redraw();

    expect(bridge.plans.map((plan) => plan.dueOn)).toEqual(['2027-01-04', '2027-01-05']);
    expect(warningsOf(node)).toEqual([['hk-plan-step.warnings.no-holiday-data']]);
    expect(lastStatus(node)).toEqual({
      fill: 'yellow',
      shape: 'ring',
      text: 'hk-plan-step.status.estimated · hk-plan-step.status.planned 2',
    });
  });

  it('keeps up with a large run and redraws its badge only a few times', async () => {
    const { node, received } = await deployStep(PHONE);
    const cases = 20_000;
    const startedAt = Date.now();

    for (let i = 0; i < cases; i += 1)
      node.receive({ payload: strategyCase({ caseId: `c-${i}` }) });
    while (received.length < cases) await settle();
    await redraw();

    expect(bridge.plans).toHaveLength(cases);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(callsOn(node, 'status').length).toBeLessThan(200);
    expect(lastStatus(node)?.text).toBe(`hk-plan-step.status.planned ${cases}`);
  });
});
