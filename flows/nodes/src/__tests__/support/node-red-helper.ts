/**
 * node-red-node-test-helper, typed for these tests (the package has no declarations), plus
 * small helpers around its Node.prototype spies. Remember: the helper's RED._ returns keys.
 */
import type { NodeMessage, NodeStatus } from '../../node-red';
import type { CaseSource, HuikuanBridge, StepPlan, StrategyCase } from '../../types';

export interface SpyCall {
  thisValue: unknown;
  args: unknown[];
}

/** A deployed node as the tests see it. */
export interface TestNode {
  id: string;
  receive(msg: NodeMessage): void;
  on(event: 'input', listener: (msg: NodeMessage) => void): void;
  on(event: `call:${string}`, listener: (call: SpyCall) => void): void;
  once(event: `call:${string}`, listener: (call: SpyCall) => void): void;
  status: { getCalls(): SpyCall[] };
  error: { getCalls(): SpyCall[] };
}

type NodeModule = (RED: never) => void;
export type FlowNode = Record<string, unknown> & { id: string; type: string };

interface NodeTestHelper {
  init(runtimePath: string): void;
  settings(userSettings: Record<string, unknown>): Record<string, unknown>;
  startServer(): Promise<void>;
  stopServer(): Promise<void>;
  load(nodes: NodeModule | NodeModule[], flow: FlowNode[]): Promise<void>;
  unload(): Promise<void>;
  getNode(id: string): TestNode;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const helper = require('node-red-node-test-helper') as NodeTestHelper;
helper.init(require.resolve('node-red'));

export const TAB = 'tab-1';

/** A flow tab plus the given nodes, all on that tab. */
export const onTab = (...nodes: FlowNode[]): FlowNode[] => [
  { id: TAB, type: 'tab', label: 'test' },
  ...nodes.map((node) => ({ z: TAB, ...node })),
];

/** Calls of a spied Node method (status, error, send, ...) made by `node`, oldest first. */
export const callsOn = (node: TestNode, method: 'status' | 'error'): unknown[][] =>
  node[method]
    .getCalls()
    .filter((call) => call.thisValue === node)
    .map((call) => call.args);

export const lastStatus = (node: TestNode): NodeStatus | undefined =>
  callsOn(node, 'status').at(-1)?.[0] as NodeStatus | undefined;

/** Resolves with the arguments of the next call of `method` on `node`. */
export const nextCall = (node: TestNode, method: 'status' | 'error' | 'send'): Promise<unknown[]> =>
  new Promise((resolve) => node.once(`call:${method}`, (call) => resolve(call.args)));

/** Lets queued message deliveries (setImmediate) and spy events (nextTick) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

export function strategyCase(overrides: Partial<StrategyCase> = {}): StrategyCase {
  return {
    caseId: 'case-1',
    debtorCode: 'D-001',
    debtorName: '上海示例贸易有限公司',
    asOf: '2026-12-04',
    maxDaysPastDue: 0,
    overdueAmountMinor: 1_250_000,
    openAmountMinor: 2_000_000,
    currency: 'CNY',
    overdueInvoices: 2,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: null,
    reachable: { email: true, sms: true },
    ...overrides,
  };
}

/** A bridge that records what the nodes hand it. */
export class RecordingBridge implements HuikuanBridge {
  readonly plans: StepPlan[] = [];
  readonly sources: CaseSource[] = [];
  failWith: Error | null = null;

  planStep(plan: StepPlan): void {
    if (this.failWith) throw this.failWith;
    this.plans.push(plan);
  }

  registerSource(source: CaseSource): void {
    this.sources.push(source);
  }

  unregisterSource(source: CaseSource): void {
    const index = this.sources.indexOf(source);
    if (index >= 0) this.sources.splice(index, 1);
  }
}

/** Starts the helper's server and installs `bridge` (or none) as RED.settings.huikuanBridge. */
export async function startWithBridge(bridge: HuikuanBridge | undefined): Promise<void> {
  await helper.startServer();
  helper.settings({ huikuanBridge: bridge });
}

export async function stopHelper(): Promise<void> {
  await helper.unload();
  await helper.stopServer();
}
