import splitNode = require('../nodes/hk-split');
import { createSplitter } from '../domain/split';
import type { BranchAssignment } from '../types';
import {
  RecordingBridge,
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
import { deployRouter } from './support/routing-helper';

/** A bridge that also records the branch assignments. */
class SplitBridge extends RecordingBridge {
  readonly assignments: Array<[string, BranchAssignment]> = [];
  failAssignWith: Error | null = null;

  assignBranch(caseId: string, assignment: BranchAssignment): void {
    if (this.failAssignWith) throw this.failAssignWith;
    this.assignments.push([caseId, assignment]);
  }
}

const BRANCHES = [
  { name: 'champion', share: 80 },
  { name: 'challenger', share: 20 },
];
const CONFIG = { experiment: 'sms-first', branches: BRANCHES };
const branchOf = createSplitter(CONFIG);

/** Case ids that land on each branch of CONFIG. */
const IDS = Array.from({ length: 40 }, (_, i) => `case-${i}`);
const championId = IDS.find((id) => branchOf(id) === 0) as string;
const challengerId = IDS.find((id) => branchOf(id) === 1) as string;

let bridge: SplitBridge;

beforeEach(async () => {
  bridge = new SplitBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

const deploySplit = (config: Record<string, unknown> = CONFIG, outputs = 2, id = 'router') =>
  deployRouter(splitNode, 'hk-split', outputs, config, id);

describe('hk-split', () => {
  it('sends each case to its branch and records the assignment', async () => {
    const router = await deploySplit();

    router.node.receive({ payload: strategyCase({ caseId: championId }) });
    router.node.receive({ payload: strategyCase({ caseId: challengerId }) });
    await settle();

    const champion = { experiment: 'sms-first', branch: 'champion', nodeId: 'router' };
    const challenger = { ...champion, branch: 'challenger' };
    expect(router.received[0]?.map((msg) => msg.branches)).toEqual([[champion]]);
    expect(router.received[1]?.map((msg) => msg.branches)).toEqual([[challenger]]);
    expect(bridge.assignments).toEqual([
      [championId, champion],
      [challengerId, challenger],
    ]);
  });

  it('appends to the branches a case already took and keeps the rest of msg', async () => {
    const router = await deploySplit();
    const earlier = { experiment: 'tone', branch: 'firm', nodeId: 'split-0' };
    const payload = strategyCase({ caseId: challengerId });

    router.node.receive({ payload, topic: challengerId, branches: [earlier] });
    await settle();

    expect(router.received[1]?.[0]).toMatchObject({
      payload,
      topic: challengerId,
      branches: [earlier, { experiment: 'sms-first', branch: 'challenger', nodeId: 'router' }],
    });
  });

  it('assigns the same case to the same branch after a redeploy under another node id', async () => {
    const first = await deploySplit();
    IDS.forEach((caseId) => first.node.receive({ payload: strategyCase({ caseId }) }));
    await settle();
    const firstRun = bridge.assignments.map(([caseId, { branch }]) => [caseId, branch]);
    await helper.unload();

    bridge.assignments.length = 0;
    const second = await deploySplit(CONFIG, 2, 'copied-split');
    IDS.forEach((caseId) => second.node.receive({ payload: strategyCase({ caseId }) }));
    await settle();

    expect(bridge.assignments.map(([caseId, { branch }]) => [caseId, branch])).toEqual(firstRun);
    expect(bridge.assignments.every(([, { nodeId }]) => nodeId === 'copied-split')).toBe(true);
    expect(new Set(firstRun.map(([, branch]) => branch))).toEqual(
      new Set(['champion', 'challenger']),
    );
  });

  it('shows the counts per branch', async () => {
    const router = await deploySplit();

    router.node.receive({ payload: strategyCase({ caseId: championId }) });
    await settle();

    expect(lastStatus(router.node)).toEqual({
      fill: 'green',
      shape: 'dot',
      text: 'champion 1 · challenger 0',
    });
  });

  it('works without a bridge that records assignments', async () => {
    helper.settings({ huikuanBridge: new RecordingBridge() });
    const router = await deploySplit();

    router.node.receive({ payload: strategyCase({ caseId: championId }) });
    await settle();

    expect(router.counts()).toEqual([1, 0]);
  });

  it('fails when the bridge cannot record the assignment', async () => {
    bridge.failAssignWith = new Error('experiment store unavailable');
    const router = await deploySplit();
    const error = nextCall(router.node, 'error');

    router.node.receive({ payload: strategyCase({ caseId: championId }) });

    expect((await error)[0]).toEqual(new Error('experiment store unavailable'));
    await settle();
    expect(router.counts()).toEqual([0, 0]);
  });

  it.each([
    ['no case id', { payload: { ...strategyCase(), caseId: '' } }, 'hk-split.errors.invalid-case'],
    [
      'msg.branches that is no array',
      { payload: strategyCase(), branches: 'champion' },
      'hk-split.errors.branches-not-array',
    ],
  ])('fails a message with %s', async (_label, msg, key) => {
    const router = await deploySplit();
    const error = nextCall(router.node, 'error');

    router.node.receive(msg);

    expect((await error)[0]).toEqual(new Error(key));
    expect(bridge.assignments).toEqual([]);
  });

  it.each([
    [{ branches: BRANCHES }, 'experiment-missing'],
    [{ experiment: 'sms first', branches: BRANCHES }, 'experiment-invalid'],
    [{ experiment: 'e', branches: [BRANCHES[0]] }, 'branches-too-few'],
    [{ experiment: 'e', branches: [BRANCHES[0], BRANCHES[0]] }, 'branch-name-duplicate'],
    [{ experiment: 'e', branches: [BRANCHES[0], { name: 'b', share: 0 }] }, 'share-invalid'],
  ])('refuses %p with an error and a red ring', async (config, problem) => {
    const router = await deploySplit(config);

    expect(callsOn(router.node, 'error')).toEqual([[`hk-split.errors.${problem}`]]);
    expect(lastStatus(router.node)).toEqual({
      fill: 'red',
      shape: 'ring',
      text: 'hk-split.status.invalid-config',
    });
  });

  it('fails the cases of a branch with no wire, naming node and branch, and warns', async () => {
    await helper.load(
      splitNode,
      onTab(
        { id: 'router', type: 'hk-split', name: 'offer test', ...CONFIG, wires: [['out-0'], []] },
        { id: 'out-0', type: 'helper' },
      ),
    );
    await settle();
    const router = helper.getNode('router');
    const received: unknown[] = [];
    helper.getNode('out-0').on('input', (msg) => received.push(msg));
    expect(lastStatus(router)).toEqual({
      fill: 'yellow',
      shape: 'ring',
      text: 'hk-split.status.unwired',
    });
    const error = nextCall(router, 'error');

    router.receive({ payload: strategyCase({ caseId: challengerId }) });
    router.receive({ payload: strategyCase({ caseId: championId }) });

    expect((await error)[0]).toEqual(new Error('hk-split.errors.branch-unwired'));
    await settle();
    expect(callsOn(router, 'error')).toHaveLength(1);
    expect(received).toHaveLength(1);
    // The case that took no branch is not recorded as assigned to one.
    expect(bridge.assignments.map(([caseId]) => caseId)).toEqual([championId]);
  });

  it('has as many outputs as branches', async () => {
    const branches = ['a', 'b', 'c'].map((name) => ({ name, share: 1 }));
    const router = await deploySplit({ experiment: 'three-way', branches }, 3);

    IDS.forEach((caseId) => router.node.receive({ payload: strategyCase({ caseId }) }));
    await settle();

    expect(router.counts().reduce((sum, count) => sum + count, 0)).toBe(IDS.length);
    expect(router.counts().every((count) => count > 0)).toBe(true);
  });
});
