/**
 * Checks of flow content before it is deployed or tried: what Node-RED itself would accept
 * without complaint but cannot run (a list of nodes without types, a node on a tab that does
 * not exist, a type the runtime does not have), and what a strategy needs on top of that.
 */

/** Node types of the flow structure itself, which the node registry does not list. */
const STRUCTURAL_TYPES = new Set(['tab', 'subflow', 'group', 'junction']);

/** Case sources whose cases a run can use: the node and its tab are enabled. */
const CASE_SOURCE_TYPE = 'hk-case-source';

type FlowNode = Record<string, unknown> & { id: string; type: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isWireList = (wires: unknown): boolean =>
  Array.isArray(wires) &&
  wires.every((port) => Array.isArray(port) && port.every((id) => typeof id === 'string'));

/** The problem of one entry of a node list, or null. */
function nodeProblem(node: unknown, index: number, seen: Set<string>): string | null {
  if (!isRecord(node)) return `entry ${index} is not a node object`;
  const { id, type } = node;
  if (typeof id !== 'string' || id === '') return `entry ${index} has no id`;
  if (typeof type !== 'string' || type === '') return `node ${id} has no type`;
  if (seen.has(id)) return `node id ${id} is used twice`;
  seen.add(id);
  if (node.z !== undefined && typeof node.z !== 'string') return `node ${id}: z is not a tab id`;
  if (node.wires !== undefined && !isWireList(node.wires)) {
    return `node ${id}: wires must be a list of lists of node ids`;
  }
  return null;
}

/** A node of the list that sits on a tab or subflow the list does not have. */
function strayNodeProblem(nodes: FlowNode[]): string | null {
  const containers = new Set(
    nodes.filter((node) => node.type === 'tab' || node.type === 'subflow').map((node) => node.id),
  );
  const stray = nodes.find(
    (node) => typeof node.z === 'string' && node.z !== '' && !containers.has(node.z),
  );
  return stray ? `node ${stray.id} is on tab ${String(stray.z)}, which is not in the flows` : null;
}

/** Types neither the runtime (`knownType`) nor the flow itself (subflows) provides. */
function unknownTypes(nodes: FlowNode[], knownType: (type: string) => boolean): string[] {
  const subflows = new Set(nodes.filter((node) => node.type === 'subflow').map((n) => n.id));
  const provided = (type: string): boolean =>
    STRUCTURAL_TYPES.has(type) ||
    (type.startsWith('subflow:') && subflows.has(type.slice('subflow:'.length))) ||
    knownType(type);
  return [...new Set(nodes.map((node) => node.type).filter((type) => !provided(type)))];
}

/**
 * Why `flows` is not a complete set of flows Node-RED can run (null when it is): a list of
 * node objects, each with its own id and a type, on tabs of the list, wired by node ids. With
 * `knownType`, types the runtime lacks are named too.
 */
export function findFlowProblem(
  flows: unknown,
  knownType?: (type: string) => boolean,
): string | null {
  if (!Array.isArray(flows)) return 'the flows must be a list of nodes';
  if (flows.length === 0) return 'the flows are empty';
  const seen = new Set<string>();
  for (const [index, node] of flows.entries()) {
    const problem = nodeProblem(node, index, seen);
    if (problem !== null) return problem;
  }
  const nodes = flows as FlowNode[];
  if (!nodes.some((node) => node.type === 'tab')) return 'the flows have no tab';
  const stray = strayNodeProblem(nodes);
  if (stray !== null) return stray;
  const unknown = knownType ? unknownTypes(nodes, knownType) : [];
  return unknown.length > 0 ? `unknown node type(s): ${unknown.join(', ')}` : null;
}

/**
 * Why the body of the admin API's single-flow routes (POST /flow, PUT /flow/:id) is not a
 * flow: `{ label, nodes, configs? }`, whose node lists hold node objects of known types.
 */
export function findSingleFlowProblem(
  flow: unknown,
  knownType?: (type: string) => boolean,
): string | null {
  if (!isRecord(flow)) return 'the flow must be an object with a list of nodes';
  const seen = new Set<string>();
  const lists = [flow.nodes ?? [], flow.configs ?? []];
  if (!lists.every(Array.isArray)) return 'the nodes and configs of the flow must be lists';
  const nodes = lists.flat() as unknown[];
  for (const [index, node] of nodes.entries()) {
    const problem = nodeProblem(node, index, seen);
    if (problem !== null) return problem;
  }
  // Subflow instances may use the subflows already deployed: Node-RED checks those itself.
  const known = knownType && ((type: string) => type.startsWith('subflow:') || knownType(type));
  const unknown = known ? unknownTypes(nodes as FlowNode[], known) : [];
  return unknown.length > 0 ? `unknown node type(s): ${unknown.join(', ')}` : null;
}

/** The hk-case-source nodes a run would use: enabled, on an enabled tab. */
export function activeCaseSources(flows: readonly Record<string, unknown>[]): string[] {
  const disabledTabs = new Set(
    flows.filter((node) => node.type === 'tab' && node.disabled === true).map((node) => node.id),
  );
  return flows
    .filter(
      (node) =>
        node.type === CASE_SOURCE_TYPE &&
        node.d !== true &&
        !disabledTabs.has(node.z as string | undefined),
    )
    .map((node) => String(node.id));
}

/**
 * Why `flows` cannot serve as a strategy (null when it can): a flow problem, or no enabled
 * hk-case-source node through which the cases of a run could enter.
 */
export function findStrategyProblem(
  flows: unknown,
  knownType?: (type: string) => boolean,
): string | null {
  const problem = findFlowProblem(flows, knownType);
  if (problem !== null) return problem;
  if (activeCaseSources(flows as Record<string, unknown>[]).length === 0) {
    return NO_CASE_SOURCE;
  }
  return null;
}

/** What a strategy without a case source lacks, for people (zh-CN, then English). */
export const NO_CASE_SOURCE =
  '策略流程中没有启用的案件来源节点 (hk-case-source)，案件无法进入流程：请添加一个并连到策略 / ' +
  'the strategy flow has no enabled hk-case-source node, so no case can enter it: ' +
  'add one and wire it to the strategy';
