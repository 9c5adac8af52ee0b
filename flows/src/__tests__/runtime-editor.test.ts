/**
 * The runtime with its editor on 127.0.0.1 (an ephemeral port), running a flow that has no
 * case source. One Node-RED per process: this file starts it once.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StrategyFlowError, type StrategyRuntime } from '../runtime';
import { ensureNodesBuilt, strategyCase, tempStrategy } from './support/runtime-fixtures';

const NO_SOURCE_FLOW = [
  { id: 'tab', type: 'tab', label: 'no source' },
  {
    id: 'note',
    type: 'comment',
    z: 'tab',
    name: 'nothing feeds this flow',
    x: 150,
    y: 60,
    wires: [],
  },
  {
    id: 'step',
    type: 'hk-plan-step',
    z: 'tab',
    step: 'reminder',
    channel: 'reminder',
    template: 'reminder',
    offsetDays: 0,
    x: 150,
    y: 120,
    wires: [[]],
  },
];

let runtime: StrategyRuntime;
const { dir, flowFile } = tempStrategy(NO_SOURCE_FLOW);

beforeAll(async () => {
  ensureNodesBuilt();
  const { startStrategyRuntime } = await import('../runtime');
  runtime = await startStrategyRuntime({
    flowFile,
    userDir: path.join(dir, 'user'),
    editor: { host: '127.0.0.1', port: 0 },
    credentialSecret: 'test-secret',
    logLevel: 'off',
  });
});

afterAll(async () => {
  await runtime?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' };

const editor = (route: string, init?: RequestInit): Promise<Response> =>
  fetch(new URL(route, runtime.editorUrl ?? 'http://invalid/'), init);

describe('the strategy runtime with the editor', () => {
  it('rejects a run clearly when the flow has no hk-case-source node', async () => {
    const missing = /the strategy flow has no enabled hk-case-source node.*\(.*flow\.json\)/;
    expect(() => runtime.checkRunnable()).toThrow(missing);
    expect(() => runtime.checkRunnable()).toThrow(StrategyFlowError);
    await expect(runtime.runCases([strategyCase('c-1')])).rejects.toThrow(missing);
  });

  it('refuses to deploy what is not a flow, saving nothing', async () => {
    const before = fs.readFileSync(flowFile, 'utf8');
    const version = runtime.flowVersion();
    const deploy = (body: unknown, apiVersion = 'v2') =>
      editor('/flows', {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'Node-RED-API-Version': apiVersion },
        body: JSON.stringify(body),
      });

    const refusals = [
      [await deploy({ flows: [{ id: 'x1' }] }), /node x1 has no type/],
      [await deploy({ rev: 'x' }), /the flows must be a list of nodes/],
      [
        await deploy(
          [
            { id: 'tab', type: 'tab' },
            { id: 'n', type: 'no-such', z: 'tab' },
          ],
          'v1',
        ),
        /unknown node type\(s\): no-such/,
      ],
      [await deploy({ flows: [{ id: 'n', type: 'comment', z: 'gone' }] }), /no tab/],
    ] as const;
    for (const [response, problem] of refusals) {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('invalid_flow');
      expect(body.message).toMatch(problem);
    }
    expect(fs.readFileSync(flowFile, 'utf8')).toBe(before);
    expect(runtime.flowVersion()).toBe(version);
  });

  it('answers malformed JSON with a JSON 400 and no stack trace or path', async () => {
    for (const route of ['/flows', '/hk-case-source/any/dry-run']) {
      const response = await editor(route, {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'Node-RED-API-Version': 'v2' },
        body: '{"flows": [',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'invalid_json' });
      expect(text).not.toMatch(/\bat \w|node_modules|\/work\/|<html|<pre/i);
    }
  });

  it('serves the editor on the loopback address it was given', async () => {
    expect(runtime.editorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await editor('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Node-RED');
  });

  it('offers the Huikuan nodes, without exec and file nodes or palette installs', async () => {
    const response = await editor('/nodes', { headers: { Accept: 'application/json' } });
    const sets = (await response.json()) as Array<{ module: string; types: string[] }>;
    const types = sets.flatMap((set) => set.types);

    expect(types).toEqual(
      expect.arrayContaining(['hk-case-source', 'hk-dpd-switch', 'hk-plan-step']),
    );
    expect(types).toEqual(expect.arrayContaining(['function', 'switch']));
    expect(types).not.toEqual(expect.arrayContaining(['exec']));
    expect(types.filter((type) => ['exec', 'file', 'file in', 'watch'].includes(type))).toEqual([]);
  });

  it('ships the Chinese and English messages of the nodes', async () => {
    const catalog = async (lng: string): Promise<string> =>
      (await editor(`/locales/@huikuan/node-red-nodes/hk-dpd-switch?lng=${lng}`)).text();

    expect(await catalog('zh-CN')).toContain('逾期天数分流');
    expect(await catalog('en-US')).toContain('DPD switch');
  });

  it('has telemetry, update checks and diagnostics switched off for good', async () => {
    const settings = (await (await editor('/settings')).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      telemetryEnabled: false,
      diagnostics: { enabled: false, ui: false },
      externalModules: { palette: { allowInstall: false, allowUpload: false } },
    });

    const optIn = await editor('/settings/user', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ telemetryEnabled: true }),
    });
    expect(optIn.status).toBe(400);
    expect((await editor('/diagnostics')).status).not.toBe(200);
  });

  it('picks up a deploy from the editor: new sources run, and the flow version follows', async () => {
    const before = runtime.flowVersion();
    const withSource = [
      ...NO_SOURCE_FLOW,
      { id: 'source', type: 'hk-case-source', z: 'tab', x: 150, y: 180, wires: [['step']] },
    ];

    const deploy = await editor('/flows', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Node-RED-API-Version': 'v2',
        'Node-RED-Deployment-Type': 'full',
      },
      body: JSON.stringify({ flows: withSource }),
    });
    expect(deploy.status).toBe(200);
    for (let tries = 0; tries < 100 && runtime.flowVersion() === before; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const written = createHash('sha256').update(fs.readFileSync(flowFile)).digest('hex');
    expect(runtime.flowVersion()).toBe(written);
    expect(written).not.toBe(before);
    await expect(
      runtime.runCases([strategyCase('c-9', { reachable: { email: false, sms: true } })]),
    ).resolves.toEqual([
      {
        kind: 'action',
        caseId: 'c-9',
        stepKey: 'reminder',
        round: 0,
        channel: 'sms',
        templateCode: 'reminder',
        dueOn: '2026-12-04',
        offsetDays: 0,
        branches: [],
        flowId: 'tab',
        nodeId: 'step',
      },
    ]);
  });
});
