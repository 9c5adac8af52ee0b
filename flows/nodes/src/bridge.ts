import type { CaseSourceRegistry, DryRunOptions, DryRunSummary, StrategyBridge } from './types';
import { BRIDGE_SETTING } from './types';

const hasFunction = (value: unknown, name: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[name] === 'function';

/**
 * The bridge's plan side from the runtime settings, or null when the flows run outside the
 * Huikuan strategy runtime (e.g. in a plain Node-RED).
 */
export function findStrategyBridge(settings: Record<string, unknown>): StrategyBridge | null {
  const bridge = settings[BRIDGE_SETTING];
  return hasFunction(bridge, 'planStep') ? (bridge as StrategyBridge) : null;
}

/** The bridge's case-source registry from the runtime settings, or null. */
export function findSourceRegistry(settings: Record<string, unknown>): CaseSourceRegistry | null {
  const bridge = settings[BRIDGE_SETTING];
  return hasFunction(bridge, 'registerSource') && hasFunction(bridge, 'unregisterSource')
    ? (bridge as CaseSourceRegistry)
    : null;
}

/** What the editor's dry-run button needs of the bridge. */
export interface DryRunner {
  dryRun(options: DryRunOptions): Promise<DryRunSummary>;
}

/** The bridge's dry run from the runtime settings, or null when there is none. */
export function findDryRunner(settings: Record<string, unknown>): DryRunner | null {
  const bridge = settings[BRIDGE_SETTING];
  return hasFunction(bridge, 'dryRun') ? (bridge as DryRunner) : null;
}
