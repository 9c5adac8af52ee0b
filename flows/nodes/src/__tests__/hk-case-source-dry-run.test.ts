import type supertest from 'supertest';
import caseSourceNode = require('../nodes/hk-case-source');
import dpdSwitchNode = require('../nodes/hk-dpd-switch');
import type { DryRunOptions, DryRunSummary } from '../types';
import {
  RecordingBridge,
  callsOn,
  helper,
  onTab,
  settle,
  startWithBridge,
  stopHelper,
} from './support/node-red-helper';

/** The helper's supertest agent against its admin app (not in the shared typing). */
const adminApi = (): ReturnType<typeof supertest> =>
  (helper as unknown as { request(): ReturnType<typeof supertest> }).request();

const SUMMARY: DryRunSummary = {
  asOf: '2026-12-04',
  cases: 3,
  planned: { total: 2, byStep: { reminder: 2 }, byChannel: { email: 1, sms: 1 } },
};

/** A bridge that can dry-run: answers SUMMARY or fails, and records the options. */
class DryRunBridge extends RecordingBridge {
  readonly dryRuns: DryRunOptions[] = [];
  failDryRunWith: Error | null = null;

  async dryRun(options: DryRunOptions): Promise<DryRunSummary> {
    this.dryRuns.push(options);
    if (this.failDryRunWith) throw this.failDryRunWith;
    return { ...SUMMARY, asOf: options.asOf ?? SUMMARY.asOf };
  }
}

let bridge: DryRunBridge;

async function deploy(): Promise<void> {
  await helper.load(
    [caseSourceNode, dpdSwitchNode],
    onTab(
      { id: 'source', type: 'hk-case-source', wires: [['dpd']] },
      { id: 'dpd', type: 'hk-dpd-switch', bounds: [0], outputs: 1, wires: [[]] },
    ),
  );
  await settle();
}

const dryRun = (id: string, body: object = {}) =>
  adminApi().post(`/hk-case-source/${id}/dry-run`).send(body);

beforeEach(async () => {
  bridge = new DryRunBridge();
  await startWithBridge(bridge);
});
afterEach(stopHelper);

describe('hk-case-source dry-run endpoint', () => {
  it('answers 200 with the summary of the dry run', async () => {
    await deploy();

    const response = await dryRun('source').expect(200);

    expect(response.body).toEqual(SUMMARY);
    expect(bridge.dryRuns).toEqual([{}]);
  });

  it('passes an as-of date on to the dry run', async () => {
    await deploy();

    const response = await dryRun('source', { asOf: '2026-12-31' }).expect(200);

    expect(response.body).toMatchObject({ asOf: '2026-12-31' });
    expect(bridge.dryRuns).toEqual([{ asOf: '2026-12-31' }]);
  });

  it('passes the editor flows on, for a case source that is not deployed yet', async () => {
    await deploy();
    const flows = [
      { id: 'tab-2', type: 'tab', label: 'draft' },
      { id: 'draft-source', type: 'hk-case-source', z: 'tab-2', wires: [[]] },
    ];

    await dryRun('draft-source', { asOf: '2026-12-31', flows }).expect(200);

    expect(bridge.dryRuns).toEqual([{ asOf: '2026-12-31', flows }]);
  });

  it('answers 404 when the flows sent lack the case source, and 400 for no node list', async () => {
    await deploy();
    const flows = [{ id: 'tab-2', type: 'tab', label: 'draft' }];

    const missing = await dryRun('source', { flows }).expect(404);
    const invalid = await dryRun('source', { flows: { nodes: [] } }).expect(400);

    expect(missing.body).toEqual({
      code: 'not-in-flows',
      message: 'hk-case-source.errors.not-in-flows',
    });
    expect(invalid.body).toEqual({
      code: 'flows-invalid',
      message: 'hk-case-source.errors.flows-invalid',
    });
    expect(bridge.dryRuns).toEqual([]);
  });

  it('answers 400 for an invalid as-of date', async () => {
    await deploy();

    const response = await dryRun('source', { asOf: '2026-02-30' }).expect(400);

    expect(response.body).toEqual({
      code: 'as-of-invalid',
      message: 'hk-case-source.errors.as-of-invalid',
    });
    expect(bridge.dryRuns).toEqual([]);
  });

  it.each([
    ['an unknown node id', 'nowhere'],
    ['a node of another type', 'dpd'],
  ])('answers 404 for %s', async (_label, id) => {
    await deploy();

    const response = await dryRun(id).expect(404);

    expect(response.body).toEqual({
      code: 'not-deployed',
      message: 'hk-case-source.errors.not-deployed',
    });
    expect(bridge.dryRuns).toEqual([]);
  });

  it('answers 503 when the runtime cannot dry-run', async () => {
    helper.settings({ huikuanBridge: new RecordingBridge() });
    await deploy();

    const response = await dryRun('source').expect(503);

    expect(response.body).toEqual({
      code: 'no-dry-runner',
      message: 'hk-case-source.errors.no-dry-runner',
    });
  });

  it('answers 500 with the error message when the dry run fails', async () => {
    bridge.failDryRunWith = new Error('flows are still starting');
    await deploy();

    const response = await dryRun('source').expect(500);

    expect(response.body).toEqual({ code: 'dry-run-failed', message: 'flows are still starting' });
    expect(callsOn(helper.getNode('source'), 'error')).toEqual([
      ['hk-case-source.errors.dry-run-failed'],
    ]);
  });
});
