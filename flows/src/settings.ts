import path from 'node:path';
import type { HuikuanBridge } from '@huikuan/node-red-nodes';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'off';

export interface SettingsInput {
  flowFile: string;
  userDir: string;
  /** Serve the editor and admin API at '/' when true. */
  editor: boolean;
  credentialSecret?: string | false;
  logLevel: LogLevel;
  bridge: HuikuanBridge;
}

/** Core nodes business users should not have: shell commands and file system access. */
export const EXCLUDED_CORE_NODES = ['90-exec.js', '10-file.js', '23-watch.js'];

/** The folder of the @huikuan/node-red-nodes package, loaded as a Node-RED module. */
export const nodesPackageDir = (): string =>
  path.dirname(require.resolve('@huikuan/node-red-nodes/package.json'));

/**
 * Node-RED settings for the strategy runtime: no palette installs, no external modules, no
 * HTTP-in endpoints, and nothing that calls home (telemetry, update checks, catalogues).
 */
export function buildSettings(input: SettingsInput): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    userDir: input.userDir,
    flowFile: input.flowFile,
    flowFilePretty: true,
    nodesDir: [nodesPackageDir()],
    nodesExcludes: EXCLUDED_CORE_NODES,
    httpAdminRoot: input.editor ? '/' : false,
    httpNodeRoot: false,
    disableEditor: !input.editor,
    functionExternalModules: false,
    externalModules: {
      autoInstall: false,
      palette: { allowInstall: false, allowUpdate: false, allowUpload: false },
      modules: { allowInstall: false },
    },
    editorTheme: {
      palette: { catalogues: [] },
      projects: { enabled: false },
      tours: false,
    },
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    // A runtime-level value the editor's user settings cannot override (it is read-only).
    telemetryEnabled: false,
    exportGlobalContextKeys: false,
    logging: { console: { level: input.logLevel, metrics: false, audit: false } },
    huikuanBridge: input.bridge,
  };
  if (input.credentialSecret !== undefined) settings.credentialSecret = input.credentialSecret;
  return settings;
}
