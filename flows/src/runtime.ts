import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import {
  findCaseProblem,
  type BranchAssignment,
  type CaseSource,
  type StepPlan,
  type StrategyCase,
} from '@huikuan/node-red-nodes';
import { DeliveryTracker, type NodeFailure } from './delivery-tracker';
import { installDeliveryHooks } from './delivery-hooks';
import { initNodeRed, listen, shutdown, waitForFlows, type EditorAddress } from './embedding';
import { NO_CASE_SOURCE } from './flow-check';
import { hashFlowFile, trackFlowVersion, type FlowVersion } from './flow-version';
import { loadNodeRed, type EmbeddedRed } from './node-red-embedded';
import { RunBridge, type EditorServices } from './run-bridge';
import { buildSettings, type LogLevel } from './settings';

export interface StrategyRuntimeOptions {
  /** The strategy flow file; a relative path resolves against the current directory. */
  flowFile: string;
  /** Node-RED's userDir (runtime settings, credentials, context); created when missing. */
  userDir: string;
  /** Serve the flow editor there; `false` (the default) runs headless, without any server. */
  editor?: EditorAddress | false;
  /** Encrypts node credentials. Without it Node-RED keeps a generated key in userDir. */
  credentialSecret?: string | false;
  /** Node-RED console log level. @defaultValue 'warn' */
  logLevel?: LogLevel;
}

export interface RunOptions {
  /** Reject when the run's messages have not all finished by then. @defaultValue 60000 */
  timeoutMs?: number;
}

/** What one run of the strategy produced. */
export interface StrategyRunResult {
  /** The plans made, in the order of the cases. */
  plans: StepPlan[];
  /** The split branches each case took, by case id, in the order taken. */
  assignments: Map<string, BranchAssignment[]>;
  /** Messages a node failed (bad config, bad case) or the loop guard stopped. */
  failures: NodeFailure[];
}

/** The deployed flow cannot serve as a strategy (it has no case source): nothing was run. */
export class StrategyFlowError extends Error {
  override name = 'StrategyFlowError';
}

export interface StrategyRuntime {
  /**
   * Throws a StrategyFlowError when a run could not use the deployed flow, because no
   * hk-case-source node is deployed (or none has a valid configuration). Callers check it
   * before they write anything for a run.
   */
  checkRunnable(): void;
  /** Like runCases, with the split assignments too. */
  runStrategy(cases: StrategyCase[], opts?: RunOptions): Promise<StrategyRunResult>;
  /** Lends the editor endpoints (dry-run button, agency list) the platform's services. */
  provide(services: EditorServices): void;
  /**
   * Sends every case into every deployed hk-case-source node and resolves, once every message
   * of the run has finished travelling the flow, with the plans made (in the order of `cases`).
   * Runs never overlap: a second call waits for the first.
   */
  runCases(cases: StrategyCase[], opts?: RunOptions): Promise<StepPlan[]>;
  /** sha256 (hex) of the flow file as last loaded: at start and after each deploy. */
  flowVersion(): string;
  /** The editor's address, or null when running headless. */
  readonly editorUrl: string | null;
  /** Stops Node-RED and closes the server. Safe to call more than once. */
  stop(): Promise<void>;
}

export const DEFAULT_RUN_TIMEOUT_MS = 60_000;

type Lifecycle = 'idle' | 'starting' | 'running' | 'stopped';
let lifecycle: Lifecycle = 'idle';

/**
 * Starts the strategy runtime: Node-RED 4 with the Huikuan nodes, running the given flow file.
 * It embeds Node-RED the documented way: RED.init(server, settings), the editor and admin API
 * mounted at '/', server.listen, RED.start(), then it waits for the flows to start.
 *
 * Node-RED keeps its state in module-level singletons and cannot be started again once it has
 * stopped, so there is at most one strategy runtime per process: a second call, concurrent or
 * after stop(), is refused with an error. Tests start one runtime per Jest test file.
 */
export async function startStrategyRuntime(
  options: StrategyRuntimeOptions,
): Promise<StrategyRuntime> {
  if (lifecycle !== 'idle') throw new Error(refusalMessage(lifecycle));
  // Checked before Node-RED is touched, so a start with a corrected file can follow.
  const flowFile = path.resolve(options.flowFile);
  const initialVersion = hashFlowFile(flowFile);
  lifecycle = 'starting';

  try {
    const runtime = await boot({ ...options, flowFile }, initialVersion);
    lifecycle = 'running';
    return runtime;
  } catch (err) {
    lifecycle = 'stopped';
    throw err;
  }
}

function refusalMessage(state: Lifecycle): string {
  if (state === 'stopped') {
    return (
      'The strategy runtime has already run in this process and Node-RED cannot be started ' +
      'again after it stopped: start a new process'
    );
  }
  return (
    'A strategy runtime is already running in this process, and Node-RED can only be started ' +
    'once per process: stop it or use another process'
  );
}

async function boot(
  options: StrategyRuntimeOptions & { flowFile: string },
  initialVersion: string,
): Promise<StrategyRuntime> {
  const { flowFile } = options;
  const userDir = path.resolve(options.userDir);
  const RED = loadNodeRed();
  const version = trackFlowVersion(RED, flowFile, initialVersion);
  fs.mkdirSync(userDir, { recursive: true });

  const tracker = new DeliveryTracker();
  const bridge = new RunBridge((plan) =>
    RED.log.warn(`hk-plan-step ${plan.nodeId} planned '${plan.stepKey}' outside a run; ignored`),
  );
  const settings = buildSettings({
    flowFile,
    userDir,
    editor: Boolean(options.editor),
    credentialSecret: options.credentialSecret,
    logLevel: options.logLevel ?? 'warn',
    bridge,
  });
  const server = initNodeRed(RED, settings, options.editor);
  installDeliveryHooks(RED, tracker);
  const flowsStarted = waitForFlows(RED);

  try {
    const { editor } = options;
    const editorUrl = server && editor ? await listen(server, editor.host, editor.port) : null;
    await RED.start();
    await flowsStarted.promise;
    version.follow();
    return createRuntime({ RED, tracker, bridge, server, editorUrl, flowFile, version });
  } catch (err) {
    flowsStarted.cancel();
    await shutdown(RED, server).catch(() => undefined);
    throw err;
  }
}

interface RuntimeParts {
  RED: EmbeddedRed;
  tracker: DeliveryTracker;
  bridge: RunBridge;
  server: http.Server | null;
  editorUrl: string | null;
  flowFile: string;
  version: FlowVersion;
}

function createRuntime(parts: RuntimeParts): StrategyRuntime {
  const { RED, tracker, bridge } = parts;
  let queue: Promise<unknown> = Promise.resolve();
  let stopping: Promise<void> | null = null;

  const runStrategy = (
    cases: StrategyCase[],
    opts: RunOptions = {},
  ): Promise<StrategyRunResult> => {
    if (stopping !== null) return Promise.reject(new Error('The strategy runtime is stopped'));
    const problem = findInputProblem(cases, opts);
    if (problem !== null) return Promise.reject(new Error(problem));

    const timeoutMs = opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    const run = queue.then(() => executeRun(cases, timeoutMs));
    queue = run.catch(() => undefined);
    return run;
  };

  const runCases = async (cases: StrategyCase[], opts: RunOptions = {}): Promise<StepPlan[]> =>
    (await runStrategy(cases, opts)).plans;

  const checkRunnable = (): void => {
    if (bridge.caseSources().length > 0) return;
    throw new StrategyFlowError(`${NO_CASE_SOURCE} (${parts.flowFile})`);
  };

  const executeRun = async (
    cases: StrategyCase[],
    timeoutMs: number,
  ): Promise<StrategyRunResult> => {
    checkRunnable();
    const sources = bridge.caseSources();
    const assignments = new Map<string, BranchAssignment[]>();
    if (cases.length === 0) return { plans: [], assignments, failures: [] };

    const caseIds = new Set(cases.map((strategyCase) => strategyCase.caseId));
    const plans: StepPlan[] = [];
    bridge.collectPlans(
      (plan) => {
        if (caseIds.has(plan.caseId)) plans.push(plan);
        else RED.log.warn(`Ignored a plan for case ${plan.caseId}, which is not in the run`);
      },
      (caseId, assignment) => {
        if (!caseIds.has(caseId)) return;
        const list = assignments.get(caseId);
        if (list) list.push(assignment);
        else assignments.set(caseId, [assignment]);
      },
    );
    tracker.clearFailures();
    try {
      await tracker.track(() => emitAll(sources, cases), timeoutMs);
    } finally {
      bridge.collectPlans(null);
    }
    const failures = [...tracker.failures];
    tracker.clearFailures();
    return { plans: inCaseOrder(plans, cases), assignments, failures };
  };

  const stop = (): Promise<void> => {
    if (stopping === null) {
      tracker.abort(new Error('The strategy runtime was stopped during the run'));
      parts.version.unfollow();
      stopping = shutdown(RED, parts.server).finally(() => {
        lifecycle = 'stopped';
      });
    }
    return stopping;
  };

  return {
    checkRunnable,
    runCases,
    runStrategy,
    provide: (services) => bridge.provide(services),
    flowVersion: parts.version.current,
    editorUrl: parts.editorUrl,
    stop,
  };
}

function findInputProblem(cases: unknown, opts: RunOptions): string | null {
  if (!Array.isArray(cases)) return 'runCases expects an array of strategy cases';
  for (const [index, strategyCase] of cases.entries()) {
    const problem = findCaseProblem(strategyCase);
    if (problem !== null) return `cases[${index}] is not a strategy case: ${problem}`;
  }
  const { timeoutMs } = opts;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    return `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`;
  }
  return null;
}

/** Cases sent in per turn of the event loop: a big run must not stall the process's server. */
const EMIT_CHUNK = 2000;

async function emitAll(
  sources: readonly CaseSource[],
  cases: readonly StrategyCase[],
): Promise<void> {
  for (let start = 0; start < cases.length; start += EMIT_CHUNK) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const chunk = cases.slice(start, start + EMIT_CHUNK);
    for (const source of sources) source.emitCases(chunk, { firstOfRun: start === 0 });
  }
}

/** Orders plans by the position of their case in the run; plans of one case keep their order. */
function inCaseOrder(plans: StepPlan[], cases: readonly StrategyCase[]): StepPlan[] {
  const position = new Map(cases.map((strategyCase, index) => [strategyCase.caseId, index]));
  return [...plans].sort((a, b) => (position.get(a.caseId) ?? 0) - (position.get(b.caseId) ?? 0));
}
