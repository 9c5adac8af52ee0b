import { defaultPreset } from './default';
import { ibmArPreset } from './ibm-ar';
import type { Preset } from './types';

const presets = new Map<string, Preset>([defaultPreset, ibmArPreset].map((p) => [p.name, p]));

export const presetNames: string[] = [...presets.keys()];

/** Looks up a preset; an unknown name is a programmer error and throws. */
export function getPreset(name: string): Preset {
  const preset = presets.get(name);
  if (!preset) {
    throw new Error(`Unknown import preset '${name}'; known presets: ${presetNames.join(', ')}`);
  }
  return preset;
}
