import escalateNode = require('../nodes/hk-escalate');
import type { NodeMessage } from '../node-red';
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
} from './support/node-red-helper';

/** A bridge that also lists agencies, or fails to. */
class AgencyBridge extends RecordingBridge {
  agencies: Array<{ code: string; name: string }> = [
    { code: 'AG-SH-01', name: '上海信诚商账管理有限公司' },
    { code: 'AG-BJ-02', name: '北京安泰催收服务有限公司' },
  ];
  listFails: Error | null = null;

  listAgencies(): Promise<Array<{ code: string; name: string }>> {
    return this.listFails ? Promise.reject(this.listFails) : Promise.resolve(this.agencies);
  }
}

/** helper.request(): supertest against the admin app the nodes register their endpoints on. */
const adminRequest = () =>
  (
    helper as unknown as {
      request(): { get(path: string): Promise<{ status: number; body: unknown }> };
    }
  ).request();

let bridge: AgencyBridge;

async function deployEscalate(config: Record<string, unknown>) {
  await helper.load(
    escalateNode,
    onTab(
      { id: 'escalate', type: 'hk-escalate', ...config, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ),
  );
  await settle();
  const received: NodeMessage[] = [];
  helper.getNode('out').on('input', (msg) => received.push(msg));
  return { node: helper.getNode('escalate'), received };
}

const AGENCY = {
  step: 'agency-day-90',
  escalationType: 'agency',
  agency: 'AG-SH-01',
  offsetDays: 1,
};

beforeEach(async () => {
  bridge = new AgencyBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-escalate planning', () => {
  it('plans an agency hand-off and passes the message on with msg.plan', async () => {
    const { node, received } = await deployEscalate(AGENCY);

    node.receive({ payload: strategyCase() });
    await settle();

    const expected = {
      kind: 'escalation',
      caseId: 'case-1',
      stepKey: 'agency-day-90',
      round: 0,
      channel: 'agency',
      templateCode: 'agency-handoff',
      dueOn: '2026-12-05',
      offsetDays: 1,
      branches: [],
      escalation: { type: 'agency', agencyCode: 'AG-SH-01' },
      flowId: TAB,
      nodeId: 'escalate',
    };
    expect(bridge.plans).toEqual([expected]);
    expect(received[0]?.plan).toEqual(expected);
    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-escalate.type.agency 1',
    });
  });

  it.each([
    ['visit', 'visit', 'visit'],
    ['legal', 'legal', 'legal-review'],
    ['write_off', 'write_off', 'write-off-proposal'],
  ])('plans a %s on channel %s with template %s', async (type, channel, templateCode) => {
    const { node } = await deployEscalate({ step: `esc-${type}`, escalationType: type });

    node.receive({ payload: strategyCase() });
    await settle();

    expect(bridge.plans).toMatchObject([
      { channel, templateCode, escalation: { type, agencyCode: null }, dueOn: '2026-12-04' },
    ]);
  });

  const withAgency = caseHistory({ frozen: true, agencyCode: 'AG-BJ-02' });

  it('does not hand a case with an agency over again: it passes on without a plan', async () => {
    const { node, received } = await deployEscalate(AGENCY);

    node.receive({ payload: strategyCase({ history: withAgency }) });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0]).not.toHaveProperty('plan');
    expect(lastStatus(node)?.text).toBe('hk-escalate.type.agency 0 · hk-escalate.status.frozen 1');
  });

  it('still plans a legal review for a case with an agency', async () => {
    const { node } = await deployEscalate({ step: 'legal-review', escalationType: 'legal' });

    node.receive({ payload: strategyCase({ history: withAgency }) });
    await settle();

    expect(bridge.plans).toMatchObject([{ channel: 'legal' }]);
  });

  it('plans an escalation once per round', async () => {
    const { node, received } = await deployEscalate(AGENCY);
    const history = historyWith([stepRecord('agency-day-90', { channel: 'agency' })]);

    node.receive({ payload: strategyCase({ history }) });
    await settle();

    expect(bridge.plans).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('refuses an offset of 99,999,999 working days instead of counting them', async () => {
    const { node } = await deployEscalate({
      ...AGENCY,
      offsetDays: '99999999',
      dayType: 'business',
    });

    expect(callsOn(node, 'error')).toEqual([['hk-escalate.errors.offset-invalid']]);
    const error = nextCall(node, 'error');
    node.receive({ payload: strategyCase() });
    expect((await error)[0]).toEqual(new Error('hk-escalate.errors.offset-invalid'));
    expect(bridge.plans).toEqual([]);
  });

  it('refuses a hand-off without an agency', async () => {
    const { node } = await deployEscalate({ ...AGENCY, agency: '' });

    expect(callsOn(node, 'error')).toEqual([['hk-escalate.errors.agency-missing']]);
    const error = nextCall(node, 'error');
    node.receive({ payload: strategyCase() });
    expect((await error)[0]).toEqual(new Error('hk-escalate.errors.agency-missing'));
  });
});

describe('GET /hk-escalate/agencies', () => {
  it('lists the agencies of the runtime for the editor', async () => {
    await deployEscalate(AGENCY);

    const response = await adminRequest().get('/hk-escalate/agencies');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(bridge.agencies);
  });

  it('answers 503 when the list cannot be read', async () => {
    await deployEscalate(AGENCY);
    bridge.listFails = new Error('database unavailable');

    const response = await adminRequest().get('/hk-escalate/agencies');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: 'agency-list-failed',
      message: 'database unavailable',
    });
  });

  it('answers 503 when the runtime has no agency list', async () => {
    helper.settings({ huikuanBridge: new RecordingBridge() });
    await deployEscalate(AGENCY);

    const response = await adminRequest().get('/hk-escalate/agencies');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: 'no-agency-list' });
  });
});
