/**
 * Deploys one routing node wired to a helper node per output and records what arrives where.
 * Builds valid case histories for the rules that read them.
 */
import type { NodeMessage } from '../../node-red';
import type { CaseHistory, CaseStepRecord } from '../../types';
import { helper, onTab, settle, type TestNode } from './node-red-helper';

type NodeModule = Parameters<typeof helper.load>[0];

export interface DeployedRouter {
  node: TestNode;
  /** Messages received per output, in port order. */
  received: NodeMessage[][];
  /** How many messages each output received. */
  counts(): number[];
}

/** Deploys `type` with `config` and `outputs` wired outputs, as node `id`. */
export async function deployRouter(
  nodeModule: NodeModule,
  type: string,
  outputs: number,
  config: Record<string, unknown> = {},
  id = 'router',
): Promise<DeployedRouter> {
  const ids = Array.from({ length: outputs }, (_, i) => `out-${i}`);
  await helper.load(
    nodeModule,
    onTab(
      { id, type, outputs, ...config, wires: ids.map((output) => [output]) },
      ...ids.map((output) => ({ id: output, type: 'helper' })),
    ),
  );
  await settle(); // lets the spy events of the constructor go by

  const received = ids.map((output) => {
    const messages: NodeMessage[] = [];
    helper.getNode(output).on('input', (msg) => messages.push(msg));
    return messages;
  });
  return {
    node: helper.getNode(id),
    received,
    counts: () => received.map((messages) => messages.length),
  };
}

/** A one-hot count list: 1 at `index` of `length` outputs. */
export const onlyAt = (index: number, length: number): number[] =>
  Array.from({ length }, (_, i) => (i === index ? 1 : 0));

const step = (overrides: Partial<CaseStepRecord> = {}): CaseStepRecord => ({
  stepKey: 'reminder',
  round: 0,
  channel: 'email',
  dueOn: '2026-11-30',
  doneOn: '2026-11-30',
  status: 'done',
  outcome: 'sent',
  ...overrides,
});

/** A valid history of a case with one reminder sent four days ago, no promise. */
export function caseHistory(overrides: Partial<CaseHistory> = {}): CaseHistory {
  const reminder = step();
  return {
    oldestDueOn: '2026-11-20',
    steps: { reminder },
    lastAction: { ...reminder, daysAgo: 4 },
    contacts: 1,
    responses: 0,
    unansweredActions: 1,
    respondedSinceLastAction: false,
    partialPaymentSinceLastAction: false,
    promise: { state: 'none', dueOn: null, amountMinor: null, broken: 0 },
    priorCases: 0,
    round: 0,
    frozen: false,
    agencyCode: null,
    ...overrides,
  };
}

/** The last action of a history, with the given outcome. */
export const lastActionWith = (outcome: CaseStepRecord['outcome']): CaseHistory['lastAction'] => ({
  ...step({ outcome }),
  daysAgo: 1,
});
