/**
 * Dry runs of a flow that is not the deployed one. Node-RED runs one set of flows per process
 * and cannot start twice, so the flow is tried in a child process: the app's own dry-run
 * command (`npm run strategy:dry-run -- --flow FILE`), which boots the app headless on the
 * same database, plans every open case through that flow and stores and sends nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { DryRunSummary } from '@huikuan/flows';

import type { RefusedPlan } from '../domain/plan-actions';

/** What the dry-run command writes with --json. */
export interface TrialSummary extends DryRunSummary {
  flow: string;
  decided: number;
  replanned: number;
  refused: RefusedPlan[];
}

export interface TrialOptions {
  /** The compiled dry-run command (cms/dist/src/cli/strategy-dry-run.js). */
  script: string;
  /** A flow file, or the nodes of a flow to write to a temporary file first. */
  flow: { file: string } | { nodes: unknown[] };
  asOf?: string;
  /** @defaultValue 300000 */
  timeoutMs?: number;
}

/** The child's error, with the name it printed (e.g. StrategyFlowError). */
export class TrialError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Stderr kept for the error message: the end, where the command prints its failure. */
const STDERR_KEPT = 16_384;

/** Runs `node args`; resolves with the exit code and the end of stderr. */
const runNode = (
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string; timedOut: boolean }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });

/** The failure the command printed last (`Name: message` or `usage error: message`). */
const failureOf = (stderr: string, code: number | null): TrialError => {
  const lines = stderr.split('\n').map((line) => line.trim());
  const last = lines.reverse().find((line) => /^[A-Za-z]+( error)?: /.test(line));
  if (!last) return new TrialError('Error', `the dry run exited with code ${code}`);
  const [, name = 'Error', message = ''] = /^([A-Za-z]+(?: error)?): (.*)$/.exec(last) ?? [];
  return new TrialError(name === 'usage error' ? 'UsageError' : name, message);
};

/** Dry-runs a flow other than the deployed one in a child process; nothing is stored or sent. */
export const dryRunInChild = async (options: TrialOptions): Promise<TrialSummary> => {
  if (!fs.existsSync(options.script)) {
    throw new Error(
      `试运行命令尚未编译 / the dry-run command is not built (${options.script}): run npm run build`,
    );
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'huikuan-trial-'));
  try {
    let flowFile = 'file' in options.flow ? options.flow.file : path.join(dir, 'flow.json');
    if ('nodes' in options.flow) {
      await fsp.writeFile(flowFile, JSON.stringify(options.flow.nodes));
    }
    flowFile = path.resolve(flowFile);
    const out = path.join(dir, 'dry-run.json');
    const args = [options.script, '--flow', flowFile, '--json', out];
    if (options.asOf) args.push('--as-of', options.asOf);
    // Its own Node-RED folder: the child must not touch the running editor's files.
    const env = { ...process.env, HUIKUAN_FLOWS_USER_DIR: path.join(dir, 'node-red') };
    const timeoutMs = options.timeoutMs ?? 300_000;
    const { code, stderr, timedOut } = await runNode(args, env, timeoutMs);
    if (timedOut) {
      throw new TrialError(
        'Error',
        `试运行超时 / the dry run did not finish within ${timeoutMs} ms`,
      );
    }
    if (code !== 0) throw failureOf(stderr, code);
    return JSON.parse(await fsp.readFile(out, 'utf8')) as TrialSummary;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
};
