/**
 * Starts that fail: a flow file that is missing or not JSON is refused before Node-RED is
 * touched; a flow Node-RED cannot start rejects the start, and after that the process cannot
 * start another runtime. One Node-RED per process: this file starts it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureNodesBuilt, tempStrategy } from './support/runtime-fixtures';

const { dir, flowFile } = tempStrategy([
  { id: 'tab', type: 'tab', label: 'broken' },
  { id: 'odd', type: 'hk-no-such-node', z: 'tab', x: 100, y: 100, wires: [] },
]);
const options = { flowFile, userDir: path.join(dir, 'user'), logLevel: 'off' as const };
let startStrategyRuntime: typeof import('../runtime').startStrategyRuntime;

beforeAll(async () => {
  ensureNodesBuilt();
  ({ startStrategyRuntime } = await import('../runtime'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('names a flow file that is missing or not JSON, and can still start afterwards', async () => {
  const missing = path.join(dir, 'missing.json');
  await expect(startStrategyRuntime({ ...options, flowFile: missing })).rejects.toThrow(
    `Cannot read the strategy flow file ${missing}`,
  );

  const notJson = path.join(dir, 'not-json.json');
  fs.writeFileSync(notJson, '[{"id": ');
  fs.writeFileSync(notJson, 'root:x:0:0:root:/root:/bin/bash');
  const refused = startStrategyRuntime({ ...options, flowFile: notJson });
  await expect(refused).rejects.toThrow(`The strategy flow file ${notJson} is not valid JSON`);
  // The message names the file, never what it holds.
  await expect(refused).rejects.not.toThrow(/root/);

  const notFlow = path.join(dir, 'package.json');
  fs.writeFileSync(notFlow, '{"name": "not a flow"}');
  await expect(startStrategyRuntime({ ...options, flowFile: notFlow })).rejects.toThrow(
    `The strategy flow file ${notFlow} is not a Node-RED flow`,
  );
});

it('rejects with the node types Node-RED is missing, then refuses to start again', async () => {
  await expect(startStrategyRuntime(options)).rejects.toThrow(
    'Node-RED did not start the strategy flows: missing-types (hk-no-such-node)',
  );
  await expect(startStrategyRuntime(options)).rejects.toThrow(
    'cannot be started again after it stopped',
  );
});
