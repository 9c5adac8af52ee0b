/**
 * Shared set-up of the runtime tests. Node-RED loads the compiled nodes from
 * flows/nodes/dist, so they are built here when missing or older than their sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StrategyCase } from '@huikuan/node-red-nodes';

export const flowsDir = path.resolve(__dirname, '..', '..', '..');
export const nodesPackageDir = path.join(flowsDir, 'nodes');
export const defaultStrategyFile = path.join(flowsDir, 'strategies', 'dpd-ladder.json');

function newestMtime(dir: string, keep: (file: string) => boolean): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && keep(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** Builds @huikuan/node-red-nodes (tsc -b --force, copy-assets) unless dist is up to date. */
export function ensureNodesBuilt(): void {
  const srcDir = path.join(nodesPackageDir, 'src');
  const distDir = path.join(nodesPackageDir, 'dist');
  const sourcesChanged = newestMtime(
    srcDir,
    (file) => !file.includes(`${path.sep}__tests__${path.sep}`),
  );
  const built = fs.existsSync(path.join(distDir, 'nodes', 'locales'))
    ? newestMtime(distDir, () => true)
    : 0;
  if (built >= sourcesChanged) return;

  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', '--force', nodesPackageDir], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(nodesPackageDir, 'copy-assets.js')], { stdio: 'pipe' });
}

/** A fresh temporary folder holding `flow` (a node list or a file to copy) as flow.json. */
export function tempStrategy(flow: unknown[] | string): { dir: string; flowFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-flows-'));
  const flowFile = path.join(dir, 'flow.json');
  if (typeof flow === 'string') fs.copyFileSync(flow, flowFile);
  else fs.writeFileSync(flowFile, JSON.stringify(flow, null, 2));
  return { dir, flowFile };
}

export function strategyCase(caseId: string, overrides: Partial<StrategyCase> = {}): StrategyCase {
  return {
    caseId,
    debtorCode: `D-${caseId}`,
    debtorName: `Debtor ${caseId}`,
    asOf: '2026-12-04',
    maxDaysPastDue: 0,
    overdueAmountMinor: 880_000,
    openAmountMinor: 1_200_000,
    currency: 'CNY',
    overdueInvoices: 1,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: null,
    reachable: { email: true, sms: true },
    ...overrides,
  };
}
