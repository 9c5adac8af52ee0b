import { defaultPreset } from './default';
import { ibmArPreset } from './ibm-ar';
import type { Preset } from './types';
import { STATEMENTS_PRESET } from '../statements';

const presets = new Map<string, Preset>([defaultPreset, ibmArPreset].map((p) => [p.name, p]));

/** Every import preset: the receivables layouts and the financial-statement layout. */
export const presetNames: string[] = [...presets.keys(), STATEMENTS_PRESET];

/** Looks up a preset; an unknown name is a programmer error and throws. */
export function getPreset(name: string): Preset {
  const preset = presets.get(name);
  if (!preset) {
    throw new Error(`Unknown import preset '${name}'; known presets: ${presetNames.join(', ')}`);
  }
  return preset;
}
