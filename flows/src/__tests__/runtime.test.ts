import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StepPlan } from '@huikuan/node-red-nodes';
import type { StrategyRuntime } from '../runtime';
import {
  defaultStrategyFile,
  ensureNodesBuilt,
  strategyCase,
  tempStrategy,
} from './support/runtime-fixtures';

// One Node-RED per process: this file starts the default strategy once, headless.
let runtime: StrategyRuntime;
let startStrategyRuntime: typeof import('../runtime').startStrategyRuntime;
const { dir, flowFile } = tempStrategy(defaultStrategyFile);

beforeAll(async () => {
  ensureNodesBuilt();
  ({ startStrategyRuntime } = await import('../runtime'));
  runtime = await startStrategyRuntime({
    flowFile,
    userDir: path.join(dir, 'user'),
    credentialSecret: 'test-secret',
    logLevel: 'error',
  });
});

afterAll(async () => {
  await runtime?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TAB = 'hk-default-strategy';
const plan = (caseId: string, nodeId: string, fields: Partial<StepPlan>): StepPlan => ({
  kind: 'action',
  caseId,
  stepKey: '',
  round: 0,
  channel: 'email',
  templateCode: '',
  dueOn: '2026-12-04',
  offsetDays: 0,
  branches: [],
  flowId: TAB,
  nodeId,
  ...fields,
});
const reminder = (caseId: string, channel: StepPlan['channel']) =>
  plan(caseId, 'hk-default-reminder', { stepKey: 'reminder', channel, templateCode: 'reminder' });
const phone = (caseId: string) =>
  plan(caseId, 'hk-default-phone-day-3', {
    stepKey: 'phone-day-3',
    channel: 'phone',
    templateCode: 'phone-script',
  });
const letter = (caseId: string) =>
  plan(caseId, 'hk-default-demand-letter-day-7', {
    stepKey: 'demand-letter-day-7',
    channel: 'letter',
    templateCode: 'demand-letter',
  });
const visit = (caseId: string) =>
  plan(caseId, 'hk-default-visit-day-30', {
    stepKey: 'visit-day-30',
    channel: 'visit',
    templateCode: 'visit',
  });
const legal = (caseId: string) =>
  plan(caseId, 'hk-default-legal-review-day-60', {
    stepKey: 'legal-review-day-60',
    channel: 'legal',
    templateCode: 'legal-review',
  });

describe('the strategy runtime with the default strategy', () => {
  it('runs headless and reports the sha256 of the flow file', () => {
    expect(runtime.editorUrl).toBeNull();
    const expected = createHash('sha256').update(fs.readFileSync(flowFile)).digest('hex');
    expect(runtime.flowVersion()).toBe(expected);
    expect(runtime.flowVersion()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('plans exactly one step per case, by days past due', async () => {
    const cases = [
      strategyCase('c-00', { maxDaysPastDue: 0 }),
      strategyCase('c-02', { maxDaysPastDue: 2, reachable: { email: false, sms: true } }),
      strategyCase('c-03', { maxDaysPastDue: 3 }),
      strategyCase('c-06', { maxDaysPastDue: 6 }),
      strategyCase('c-07', { maxDaysPastDue: 7 }),
      strategyCase('c-29', { maxDaysPastDue: 29 }),
      strategyCase('c-30', { maxDaysPastDue: 30 }),
      strategyCase('c-59', { maxDaysPastDue: 59 }),
      strategyCase('c-60', { maxDaysPastDue: 60 }),
      strategyCase('c-400', { maxDaysPastDue: 400 }),
      strategyCase('c-early', { maxDaysPastDue: -2 }),
      strategyCase('c-sms', { maxDaysPastDue: 1, preferredChannel: 'sms' }),
      strategyCase('c-call', { maxDaysPastDue: 1, preferredChannel: 'phone' }),
      strategyCase('c-post', { maxDaysPastDue: 2, reachable: { email: false, sms: false } }),
      strategyCase('c-held', { maxDaysPastDue: 0, disputedInvoices: 3 }),
    ];

    const plans = await runtime.runCases(cases);

    expect(plans).toEqual([
      reminder('c-00', 'email'),
      reminder('c-02', 'sms'),
      phone('c-03'),
      phone('c-06'),
      letter('c-07'),
      letter('c-29'),
      visit('c-30'),
      visit('c-59'),
      legal('c-60'),
      legal('c-400'),
      reminder('c-sms', 'sms'),
      reminder('c-call', 'phone'),
      reminder('c-post', 'letter'),
      reminder('c-held', 'email'),
    ]);
  });

  it('keeps overlapping runs apart', async () => {
    const [first, second] = await Promise.all([
      runtime.runCases([strategyCase('a-1', { maxDaysPastDue: 3 })]),
      runtime.runCases([
        strategyCase('b-1', { maxDaysPastDue: 31 }),
        strategyCase('b-2', { maxDaysPastDue: 8 }),
      ]),
    ]);

    expect(first).toEqual([phone('a-1')]);
    expect(second).toEqual([visit('b-1'), letter('b-2')]);
  });

  it('resolves an empty run with no plans', async () => {
    await expect(runtime.runCases([])).resolves.toEqual([]);
  });

  it('rejects cases that are not strategy cases, naming the first problem', async () => {
    const bad = { ...strategyCase('x'), overdueAmountMinor: 10.5 };

    await expect(runtime.runCases([strategyCase('ok'), bad])).rejects.toThrow(
      'cases[1] is not a strategy case: overdueAmountMinor must be an integer (minor units)',
    );
    const held = strategyCase('held', { disputedInvoices: -1 });
    await expect(runtime.runCases([held])).rejects.toThrow(
      'cases[0] is not a strategy case: disputedInvoices must be a whole number',
    );
    await expect(runtime.runCases([strategyCase('ok')], { timeoutMs: 0 })).rejects.toThrow(
      'timeoutMs must be a positive number',
    );
  });

  it('refuses a second runtime in the same process', async () => {
    await expect(
      startStrategyRuntime({ flowFile, userDir: path.join(dir, 'other') }),
    ).rejects.toThrow('A strategy runtime is already running in this process');
  });

  it('is stopped by stop(), which can be called again, and then refuses runs', async () => {
    await runtime.stop();
    await runtime.stop();

    await expect(runtime.runCases([strategyCase('late')])).rejects.toThrow(
      'The strategy runtime is stopped',
    );
    await expect(startStrategyRuntime({ flowFile, userDir: dir })).rejects.toThrow(
      'cannot be started again after it stopped',
    );
  });
});
