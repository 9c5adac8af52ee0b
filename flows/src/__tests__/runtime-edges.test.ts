/**
 * How a run finishes when messages are dropped, fail or wait in the flow, and when they do
 * not finish in time. One Node-RED per process: this file starts its own flow once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StepPlan } from '@huikuan/node-red-nodes';
import type { StrategyRuntime } from '../runtime';
import { ensureNodesBuilt, strategyCase, tempStrategy } from './support/runtime-fixtures';

const TAB = 'edges';
const DELAY_MS = 400;
const on = (node: Record<string, unknown>) => ({ z: TAB, x: 100, y: 100, ...node });
const planStep = (id: string, step: string, channel: string, wires: string[] = []) =>
  on({ id, type: 'hk-plan-step', step, channel, template: step, offsetDays: 1, wires: [wires] });
const func = (id: string, body: string) =>
  on({ id, type: 'function', func: body, outputs: 1, timeout: 0, noerr: 0, wires: [[]] });

const EDGE_FLOW = [
  { id: TAB, type: 'tab', label: 'edges' },
  on({
    id: 'source',
    type: 'hk-case-source',
    wires: [['drop', 'throw', 'report', 'now', 'only-slow', 'loop']],
  }),
  // A loop of wires for the case 'loop' only: the runtime's loop guard must stop it.
  on({
    id: 'loop',
    type: 'switch',
    property: 'payload.caseId',
    propertyType: 'msg',
    rules: [{ t: 'eq', v: 'loop', vt: 'str' }],
    checkall: 'true',
    repair: false,
    outputs: 1,
    wires: [['loop']],
  }),
  func('drop', 'return null;'),
  func('throw', "throw new Error('boom');"),
  // Reports an error with the message and never completes it otherwise: the AST check of the
  // function node sees a node.done() call, so it does not call done() by itself.
  func('report', "node.error('reported', msg);\nif (msg.neverSet) { node.done(); }\nreturn null;"),
  planStep('now', 'now', 'email'),
  on({ id: 'catch', type: 'catch', scope: ['throw'], uncaught: false, wires: [['caught']] }),
  planStep('caught', 'caught', 'legal'),
  on({
    id: 'only-slow',
    type: 'switch',
    property: 'payload.caseId',
    propertyType: 'msg',
    rules: [{ t: 'eq', v: 'slow', vt: 'str' }],
    checkall: 'true',
    repair: false,
    outputs: 1,
    wires: [['wait']],
  }),
  on({
    id: 'wait',
    type: 'delay',
    pauseType: 'delay',
    timeout: String(DELAY_MS),
    timeoutUnits: 'milliseconds',
    rate: '1',
    nbRateUnits: '1',
    rateUnits: 'second',
    randomFirst: '1',
    randomLast: '5',
    randomUnits: 'seconds',
    drop: false,
    allowrate: false,
    outputs: 1,
    wires: [['late']],
  }),
  planStep('late', 'late', 'letter'),
];

let runtime: StrategyRuntime;
const { dir, flowFile } = tempStrategy(EDGE_FLOW);

beforeAll(async () => {
  ensureNodesBuilt();
  const { startStrategyRuntime } = await import('../runtime');
  runtime = await startStrategyRuntime({
    flowFile,
    userDir: path.join(dir, 'user'),
    credentialSecret: 'test-secret',
    logLevel: 'off',
  });
});

afterAll(async () => {
  await runtime?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const brief = (plans: StepPlan[]) =>
  plans
    .map(({ caseId, stepKey, channel, nodeId }) => `${caseId}:${stepKey}:${channel}:${nodeId}`)
    .sort();

describe('a strategy run', () => {
  it('waits for delayed messages and counts dropped and failed ones as finished', async () => {
    const started = Date.now();

    const plans = await runtime.runCases([strategyCase('fast'), strategyCase('slow')]);

    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY_MS - 50);
    expect(brief(plans)).toEqual([
      'fast:caught:legal:caught',
      'fast:now:email:now',
      'slow:caught:legal:caught',
      'slow:late:letter:late',
      'slow:now:email:now',
    ]);
    expect(plans.find((plan) => plan.stepKey === 'late')).toMatchObject({
      flowId: TAB,
      templateCode: 'late',
      offsetDays: 1,
    });
  });

  it('rejects when its messages are not finished in time, naming how many', async () => {
    await expect(runtime.runCases([strategyCase('slow')], { timeoutMs: 150 })).rejects.toThrow(
      'The strategy run did not finish within 150 ms: 1 message(s) were still in flight',
    );

    // The delayed message finishes later, outside any run; the next run is not disturbed.
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    const plans = await runtime.runCases([strategyCase('after')]);
    expect(brief(plans)).toEqual(['after:caught:legal:caught', 'after:now:email:now']);
  });

  it('stops a message in a loop of wires and reports it with the nodes that failed', async () => {
    const started = Date.now();
    const result = await runtime.runStrategy([strategyCase('loop')]);

    expect(Date.now() - started).toBeLessThan(20_000);
    expect(brief(result.plans)).toEqual(['loop:caught:legal:caught', 'loop:now:email:now']);
    const failures = result.failures.map(({ nodeId, caseId, message }) => ({
      nodeId,
      caseId,
      looped: /a loop of wires/.test(message),
    }));
    expect(failures).toEqual(
      expect.arrayContaining([
        { nodeId: 'loop', caseId: 'loop', looped: true },
        { nodeId: 'throw', caseId: 'loop', looped: false },
        { nodeId: 'report', caseId: 'loop', looped: false },
      ]),
    );
    // One failure per node and message: done(err) and Node-RED's report of it are one.
    expect(result.failures.filter((failure) => failure.nodeId === 'throw')).toHaveLength(1);

    // The next run starts clean.
    const next = await runtime.runStrategy([strategyCase('after')]);
    expect(next.failures.map((failure) => failure.nodeId).sort()).toEqual(['report', 'throw']);
  });
});
