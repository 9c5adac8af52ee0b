import offerNode = require('../nodes/hk-offer');
import type { NodeMessage } from '../node-red';
import type { OfferTerms } from '../types';
import { caseHistory } from './support/case-history';
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

let bridge: RecordingBridge;

async function deployOffer(config: Record<string, unknown>) {
  await helper.load(
    offerNode,
    onTab(
      { id: 'offer', type: 'hk-offer', ...config, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ),
  );
  await settle();
  const received: NodeMessage[] = [];
  helper.getNode('out').on('input', (msg) => received.push(msg));
  return { node: helper.getNode('offer'), received };
}

const INSTALMENTS = {
  step: 'instalment-offer',
  offerType: 'instalment',
  instalments: 3,
  intervalDays: 30,
  downPaymentPercent: 10,
  channel: 'reminder',
};

beforeEach(async () => {
  bridge = new RecordingBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-offer', () => {
  it('offers an instalment plan of the overdue amount, exact to the fen', async () => {
    const { node, received } = await deployOffer(INSTALMENTS);

    node.receive({
      payload: strategyCase({
        overdueAmountMinor: 1_250_003,
        reachable: { email: false, sms: true },
      }),
    });
    await settle();

    const offer: OfferTerms = {
      type: 'instalment',
      downPaymentMinor: 125_000,
      instalments: [
        { dueOn: '2027-01-03', amountMinor: 375_001 },
        { dueOn: '2027-02-02', amountMinor: 375_001 },
        { dueOn: '2027-03-04', amountMinor: 375_001 },
      ],
      extensionDays: 90,
      currency: 'CNY',
    };
    const expected = {
      kind: 'offer',
      caseId: 'case-1',
      stepKey: 'instalment-offer',
      round: 0,
      channel: 'sms',
      templateCode: 'instalment-offer',
      dueOn: '2026-12-04',
      offsetDays: 0,
      branches: [],
      offer,
      flowId: TAB,
      nodeId: 'offer',
    };
    expect(bridge.plans).toEqual([expected]);
    expect(received[0]?.plan).toEqual(expected);
    expect(lastStatus(node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'hk-offer.type.instalment 1',
    });
  });

  it('offers an extension by letter with the extension template', async () => {
    const { node } = await deployOffer({
      step: 'extension-30',
      offerType: 'extension',
      extensionDays: '30',
      channel: 'letter',
    });

    node.receive({ payload: strategyCase({ currency: 'USD', overdueAmountMinor: 99_999 }) });
    await settle();

    expect(bridge.plans).toMatchObject([
      {
        channel: 'letter',
        templateCode: 'extension-offer',
        offer: {
          type: 'extension',
          downPaymentMinor: 0,
          instalments: [{ dueOn: '2027-01-03', amountMinor: 99_999 }],
          extensionDays: 30,
          currency: 'USD',
        },
      },
    ]);
  });

  it.each([
    [true, true, 'email'],
    [false, true, 'sms'],
    [false, false, 'letter'],
  ])(
    'sends the offer in writing to a debtor who prefers phone calls (email %p, sms %p): %s',
    async (email, sms, expected) => {
      const { node, received } = await deployOffer(INSTALMENTS);

      node.receive({
        payload: strategyCase({ preferredChannel: 'phone', reachable: { email, sms } }),
      });
      await settle();

      expect(bridge.plans).toMatchObject([{ kind: 'offer', channel: expected }]);
      expect(received[0]?.plan).toMatchObject({ channel: expected });
    },
  );

  it('makes no offer when nothing is overdue or the case is with an agency', async () => {
    const { node, received } = await deployOffer(INSTALMENTS);

    node.receive({ payload: strategyCase({ caseId: 'a', overdueAmountMinor: 0 }) });
    node.receive({
      payload: strategyCase({ caseId: 'b', history: caseHistory({ frozen: true }) }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(bridge.plans).toEqual([]);
    expect(received.map((msg) => 'plan' in msg)).toEqual([false, false]);
    expect(lastStatus(node)?.text).toBe(
      'hk-offer.type.instalment 0 · hk-offer.status.frozen 1 · hk-offer.status.nothing-due 1',
    );
  });

  it('fails a case without a currency', async () => {
    const { node } = await deployOffer(INSTALMENTS);
    const error = nextCall(node, 'error');

    node.receive({ payload: { ...strategyCase(), currency: '' } });

    expect((await error)[0]).toEqual(new Error('hk-offer.errors.invalid-case'));
  });

  it.each([
    ['too many instalments', { ...INSTALMENTS, instalments: 48 }, 'instalments-invalid'],
    ['a large down payment', { ...INSTALMENTS, downPaymentPercent: 60 }, 'down-payment-invalid'],
    ['a phone channel', { ...INSTALMENTS, channel: 'phone' }, 'channel-invalid'],
    ['a visit channel', { ...INSTALMENTS, channel: 'visit' }, 'channel-invalid'],
    ['a legal channel', { ...INSTALMENTS, channel: 'legal' }, 'channel-invalid'],
  ])('refuses %s with an error and a red ring', async (_label, config, problem) => {
    const { node } = await deployOffer(config);

    expect(callsOn(node, 'error')).toEqual([[`hk-offer.errors.${problem}`]]);
    expect(lastStatus(node)).toMatchObject({ fill: 'red', text: 'hk-offer.status.invalid-config' });
  });
});
