/**
 * Runs the strategy runtime with its flow editor: `node flows/dist/server.js`.
 * Settings come from @huikuan/config (HUIKUAN_FLOW_FILE, HUIKUAN_FLOWS_USER_DIR,
 * HUIKUAN_FLOWS_HOST, HUIKUAN_FLOWS_PORT, HUIKUAN_FLOWS_SECRET, LOG_LEVEL).
 */
import { loadConfig } from '@huikuan/config';
import { startStrategyRuntime, type StrategyRuntime } from './runtime';

type Level = 'info' | 'error';

/** One structured JSON log line on stdout. */
function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  process.stdout.write(`${line}\n`);
}

function stopOnSignals(runtime: StrategyRuntime): void {
  const stop = (signal: NodeJS.Signals): void => {
    logEvent('info', 'flows.stopping', { signal });
    runtime.stop().then(
      () => {
        logEvent('info', 'flows.stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logEvent('error', 'flows.stop_failed', { message: String(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const { flows, logLevel } = loadConfig();
  const runtime = await startStrategyRuntime({
    flowFile: flows.flowFile,
    userDir: flows.userDir,
    editor: { host: flows.host, port: flows.port },
    credentialSecret: flows.credentialSecret ?? false,
    logLevel,
  });
  stopOnSignals(runtime);

  logEvent('info', 'flows.editor.ready', {
    editorUrl: runtime.editorUrl,
    flowFile: flows.flowFile,
    flowVersion: runtime.flowVersion(),
  });
}

main().catch((err: unknown) => {
  logEvent('error', 'flows.start_failed', {
    message: err instanceof Error ? err.message : String(err),
  });
  process.exitCode = 1;
});
