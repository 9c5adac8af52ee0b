import fs from 'node:fs';
import path from 'node:path';
import {
  findFlowProblem,
  findSingleFlowProblem,
  findStrategyProblem,
  NO_CASE_SOURCE,
} from '../flow-check';
import { flowsDir } from './support/runtime-fixtures';

const tab = { id: 't', type: 'tab', label: 'strategy' };
const source = { id: 's', type: 'hk-case-source', z: 't', wires: [['p']] };
const step = { id: 'p', type: 'hk-plan-step', z: 't', wires: [[]] };
const known = (type: string) => type.startsWith('hk-') || type === 'comment';

describe('flow checks', () => {
  it.each(['default', 'dpd-ladder'])('accepts the shipped %s strategy', (name) => {
    const file = path.join(flowsDir, 'strategies', `${name}.json`);
    const flows = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    expect(findStrategyProblem(flows, known)).toBeNull();
  });

  it.each([
    [{ flows: [] }, 'the flows must be a list of nodes'],
    [[], 'the flows are empty'],
    [[tab, 'node'], 'entry 1 is not a node object'],
    [[tab, { id: 'x1' }], 'node x1 has no type'],
    [[tab, { type: 'comment' }], 'entry 1 has no id'],
    [[tab, { ...step, id: 't' }], 'node id t is used twice'],
    [[tab, { ...step, wires: ['s'] }], 'node p: wires must be a list of lists of node ids'],
    [[source, step], 'the flows have no tab'],
    [[tab, { ...step, z: 'gone' }], 'node p is on tab gone, which is not in the flows'],
    [[tab, { ...step, type: 'mqtt in' }], 'unknown node type(s): mqtt in'],
  ])('names what makes %j no flow', (flows, problem) => {
    expect(findFlowProblem(flows, known)).toBe(problem);
  });

  it('takes subflow instances of the subflows in the list', () => {
    const subflow = { id: 'sf', type: 'subflow', name: 'shared' };
    const instance = { id: 'i', type: 'subflow:sf', z: 't', wires: [] };
    expect(findFlowProblem([tab, subflow, instance], known)).toBeNull();
    expect(findFlowProblem([tab, { ...instance, type: 'subflow:other' }], known)).toBe(
      'unknown node type(s): subflow:other',
    );
  });

  it('wants an enabled case source on an enabled tab for a strategy', () => {
    expect(findStrategyProblem([tab, source, step], known)).toBeNull();
    expect(findStrategyProblem([tab, step], known)).toBe(NO_CASE_SOURCE);
    expect(findStrategyProblem([tab, { ...source, d: true }, step], known)).toBe(NO_CASE_SOURCE);
    expect(findStrategyProblem([{ ...tab, disabled: true }, source, step], known)).toBe(
      NO_CASE_SOURCE,
    );
  });

  it('checks the node lists of a single flow', () => {
    expect(findSingleFlowProblem({ label: 'x', nodes: [step], configs: [] }, known)).toBeNull();
    expect(findSingleFlowProblem({ label: 'x', nodes: [{ id: 'x1' }] }, known)).toBe(
      'node x1 has no type',
    );
    expect(findSingleFlowProblem({ nodes: 'all' }, known)).toBe(
      'the nodes and configs of the flow must be lists',
    );
    expect(findSingleFlowProblem([step], known)).toBe(
      'the flow must be an object with a list of nodes',
    );
  });
});
