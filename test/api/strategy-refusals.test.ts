/**
 * What the strategy entry points refuse, and how a strategy is tried before it is deployed:
 * the REST API, the CLI and the Node-RED editor of one app on SQLite, which starts with a
 * deployed flow that has no case source.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createSplitter } from '@huikuan/node-red-nodes';
import request from 'supertest';

import { repoRoot, dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';
import { shift, todayInZone } from '../support/strategy-portfolio';

const TODAY = todayInZone();
const CODES = Array.from({ length: 12 }, (_, i) => `RF${String(i + 1).padStart(2, '0')}`);

/** Twelve debtors, each with one invoice 10 days past due and an email contact. */
const ledger = {
  debtors: CODES.map((code) => ({ code, name: `${code} 测试有限公司`, timeZone: 'Asia/Shanghai' })),
  contacts: CODES.map((code) => ({
    debtorCode: code,
    name: '王芳',
    email: `${code.toLowerCase()}@example.com`,
    preferredChannel: 'email',
  })),
  contracts: [],
  invoices: CODES.map((code) => ({
    number: `FP-${code}`,
    debtorCode: code,
    issueDate: shift(TODAY, -40),
    dueDate: shift(TODAY, -10),
    amountMinor: 1_000_000,
    currency: 'CNY',
    disputed: false,
  })),
  payments: [],
  creditNotes: [],
  shipments: [],
};

const on = (node: Record<string, unknown>) => ({ z: 'tab', x: 100, y: 100, ...node });
const TAB = { id: 'tab', type: 'tab', label: 'refusals' };
const NO_SOURCE = [
  TAB,
  on({
    id: 'lonely',
    type: 'hk-plan-step',
    step: 'reminder',
    channel: 'reminder',
    template: 'reminder',
    offsetDays: 0,
    wires: [[]],
  }),
];
const SPLIT = {
  experiment: 'e2e-offer',
  branches: [
    { name: 'champion', share: 50 },
    { name: 'challenger', share: 50 },
  ],
};
/** A split whose challenger branch has no wire, and a step with a channel that does not exist. */
const SPLIT_FLOW = [
  TAB,
  on({ id: 'src', type: 'hk-case-source', wires: [['split', 'broken']] }),
  on({
    id: 'split',
    type: 'hk-split',
    name: '报价分流 offer split',
    ...SPLIT,
    outputs: 2,
    wires: [['remind'], []],
  }),
  on({
    id: 'remind',
    type: 'hk-plan-step',
    step: 'reminder',
    channel: 'reminder',
    template: 'reminder',
    offsetDays: 0,
    wires: [[]],
  }),
  on({
    id: 'broken',
    type: 'hk-plan-step',
    name: '坏步骤 broken step',
    step: 'pigeon',
    channel: 'pigeon',
    template: 'reminder',
    offsetDays: 0,
    wires: [[]],
  }),
];
/** What an analyst changes in the editor without deploying: one new step for every case. */
const DRAFT_FLOW = [
  { id: 'draft-tab', type: 'tab', label: 'draft' },
  {
    id: 'draft-src',
    type: 'hk-case-source',
    z: 'draft-tab',
    x: 100,
    y: 100,
    wires: [['draft-step']],
  },
  {
    id: 'draft-step',
    type: 'hk-plan-step',
    z: 'draft-tab',
    step: 'draft-letter',
    channel: 'letter',
    template: 'demand-letter',
    offsetDays: 0,
    x: 300,
    y: 100,
    wires: [[]],
  },
];

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Runs a compiled CLI command with this app's environment (database, flow file), and a
 * Node-RED folder of its own: the editor of this process keeps its own.
 */
const cli = (script: string, args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const file = path.join(repoRoot, 'cms', 'dist', 'src', 'cli', script);
    const userDir = path.join(os.tmpdir(), `huikuan-cli-${process.pid}-${Date.now()}`);
    execFile(
      process.execPath,
      [file, ...args],
      { cwd: repoRoot, env: { ...process.env, HUIKUAN_FLOWS_USER_DIR: userDir } },
      (error, stdout, stderr) => {
        fs.rmSync(userDir, { recursive: true, force: true });
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });

describe('strategy entry points refuse what they cannot run', () => {
  let app: TestApp;
  let token: string;
  let flowDir: string;
  let flowFile: string;
  let editorUrl: string;
  let flowVersion: () => string;
  const tables = ['collection_cases', 'score_snapshots', 'actions', 'strategies'];
  const counts = async () => Promise.all(tables.map((table) => app.count(table)));
  const api = (route: string, body: unknown) =>
    request(app.strapi.server.httpServer)
      .post(`/api/collections${route}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const editor = (route: string, body: unknown) =>
    fetch(new URL(route, editorUrl), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Node-RED-API-Version': 'v2',
        'Node-RED-Deployment-Type': 'full',
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    flowDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-refusals-'));
    flowFile = path.join(flowDir, 'default.json');
    fs.writeFileSync(flowFile, JSON.stringify(NO_SOURCE, null, 4));
    fs.copyFileSync(dpdLadderFlow, path.join(flowDir, 'dpd-ladder.json'));
    app = await bootTestApp('sqlite', { flowFile });
    await app.strapi.server.mount();
    ({ accessKey: token } = await app.strapi.service('admin::api-token').create({
      name: 'refusals test',
      type: 'full-access',
      lifespan: null,
    }));
    await app.strapi.plugin('collections').service('ledger').writeBatch(ledger);
    const runtime = await app.strapi
      .plugin('collections')
      .service('cycle')
      .strategyRuntime({ host: '127.0.0.1', port: 0 });
    editorUrl = runtime.editorUrl;
    flowVersion = () => runtime.flowVersion();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (flowDir) fs.rmSync(flowDir, { recursive: true, force: true });
  });

  it('refuses a cycle and a dry run of a flow without a case source, writing nothing', async () => {
    const cycle = await api('/cycles', {});
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/no enabled hk-case-source node.*default\.json/);
    expect(cycle.body.error.message).toMatch(/案件来源节点/);
    const dry = await api('/strategy/dry-run', {});
    expect(dry.status).toBe(400);
    expect(dry.body.error.message).toMatch(/hk-case-source/);

    const command = await cli('cycle.js', ['--no-worker']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/StrategyFlowError: .*no enabled hk-case-source node/);
    expect(await counts()).toEqual([0, 0, 0, 0]);
  }, 180_000);

  it('refuses a live cycle for a day that has not begun anywhere, from REST and the CLI', async () => {
    const rest = await api('/cycles', { asOf: '2099-01-01' });
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toMatch(/2099-01-01 is in the future/);
    expect(rest.body.error.message).toMatch(/尚未到来/);

    const command = await cli('cycle.js', ['--as-of', '2099-01-01', '--no-worker']);
    expect(command.code).toBe(64);
    expect(command.stderr).toMatch(/usage error: .*2099-01-01.*live cycle runs only for a day/);
    expect(await counts()).toEqual([0, 0, 0, 0]);
  });

  it('refuses unknown dry-run fields and strategies, naming them', async () => {
    const unknownField = await api('/strategy/dry-run', { asOf: TODAY, strategy: 'x' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/unknown field\(s\) strategy/);
    for (const flow of ['no-such', '../default']) {
      const unknownFlow = await api('/strategy/dry-run', { flow });
      expect(unknownFlow.status).toBe(400);
      expect(unknownFlow.body.error.message).toMatch(
        /unknown strategy .*: the strategies are default, dpd-ladder/,
      );
    }
  });

  it('reports the cases of an unwired split branch and of an invalid node as refused plans', async () => {
    const deploy = await editor('flows', { flows: SPLIT_FLOW });
    expect(deploy.status).toBe(200);
    for (let tries = 0; tries < 200 && flowVersion() !== sha256(flowFile); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    const response = await api('/cycles', {});
    expect(response.status).toBe(200);
    const { actions } = response.body.data;
    const cases = (await app.strapi.db
      .query('api::collection-case.collection-case')
      .findMany({})) as Array<{ documentId: string; caseKey: string }>;
    expect(cases).toHaveLength(CODES.length);
    const branchOf = createSplitter(SPLIT);
    const challengers = cases
      .filter((row) => branchOf(row.documentId) === 1)
      .map((row) => row.caseKey)
      .sort();
    expect(challengers.length).toBeGreaterThan(0);

    type Refused = { caseKey: string; stepKey: string; nodeId: string; reason: string };
    const refused = actions.refused as Refused[];
    const unwired = refused.filter((plan) => plan.nodeId === 'split');
    expect(unwired.map((plan) => plan.caseKey).sort()).toEqual(challengers);
    for (const plan of unwired) {
      expect(plan.stepKey).toBe('报价分流 offer split');
      expect(plan.reason).toMatch(
        /branch challenger \(output 2\) of split 报价分流 offer split has no wire/,
      );
    }
    const broken = refused.filter((plan) => plan.nodeId === 'broken');
    expect(broken).toHaveLength(CODES.length);
    expect(new Set(broken.map((plan) => plan.stepKey))).toEqual(new Set(['坏步骤 broken step']));
    expect(actions.byStep).toEqual({ reminder: CODES.length - challengers.length });
  });

  it('names an unknown experiment in REST and the CLI', async () => {
    const rest = await request(app.strapi.server.httpServer)
      .get('/api/collections/strategy/experiments?experiment=no%20such')
      .set('Authorization', `Bearer ${token}`);
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toMatch(/unknown experiment 'no such'.*known: e2e-offer/);
    const known = await request(app.strapi.server.httpServer)
      .get('/api/collections/strategy/experiments?experiment=e2e-offer')
      .set('Authorization', `Bearer ${token}`);
    expect(known.status).toBe(200);

    const command = await cli('strategy-report.js', ['--experiment', 'no such']);
    expect(command.code).toBe(64);
    expect(command.stderr).toMatch(/usage error: .*unknown experiment 'no such'/);
  }, 180_000);

  it("dry-runs the editor's undeployed flows from the button, deploying and storing nothing", async () => {
    const before = await counts();
    const deployed = fs.readFileSync(flowFile, 'utf8');
    const version = flowVersion();

    const button = await editor('hk-case-source/draft-src/dry-run', {
      asOf: TODAY,
      flows: DRAFT_FLOW,
    });
    expect(button.status).toBe(200);
    const summary = (await button.json()) as Record<string, any>;
    expect(summary).toMatchObject({
      asOf: TODAY,
      cases: CODES.length,
      planned: {
        total: CODES.length,
        byStep: { 'draft-letter': CODES.length },
        byChannel: { letter: CODES.length },
      },
      decided: CODES.length,
      replanned: 0,
      refused: [],
    });
    expect(summary.flow).toMatch(/undeployed/);

    // A strategy by name through REST is tried the same way.
    const named = await api('/strategy/dry-run', { asOf: shift(TODAY, 365), flow: 'dpd-ladder' });
    expect(named.status).toBe(200);
    expect(named.body.data).toMatchObject({ asOf: shift(TODAY, 365), cases: CODES.length });
    expect(named.body.data.planned.byStep).toEqual({ 'legal-review-day-60': CODES.length });

    expect(fs.readFileSync(flowFile, 'utf8')).toBe(deployed);
    expect(flowVersion()).toBe(version);
    expect(await counts()).toEqual(before);
  }, 300_000);
});
