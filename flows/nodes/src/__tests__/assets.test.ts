/**
 * Every node ships its editor template, help and messages in both languages, the catalogs
 * have the same keys, and every message key the code uses exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLAN_CHANNELS } from '../domain/step-plan';

const packageDir = path.resolve(__dirname, '..', '..');
const nodesDir = path.join(packageDir, 'src', 'nodes');
const LANGUAGES = ['en-US', 'zh-CN'];
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
  'node-red': { nodes: Record<string, string> };
};
const NODE_TYPES = Object.keys(manifest['node-red'].nodes);

/** Keys that the code builds at run time, e.g. `errors.${problem}`. */
const DYNAMIC_KEYS: Record<string, string[]> = {
  'hk-dpd-switch': [
    'bounds-empty',
    'bounds-not-integer',
    'bounds-negative',
    'bounds-not-ascending',
  ].map((problem) => `hk-dpd-switch.errors.${problem}`),
  'hk-plan-step': [
    ...[
      'step-missing',
      'step-invalid',
      'channel-invalid',
      'template-missing',
      'template-invalid',
      'offset-invalid',
    ].map((problem) => `hk-plan-step.errors.${problem}`),
    ...PLAN_CHANNELS.map((channel) => `hk-plan-step.channel.${channel}`),
  ],
};

const read = (...parts: string[]): string => fs.readFileSync(path.join(nodesDir, ...parts), 'utf8');

function flatKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    flatKeys(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** Literal message keys of this node used in its runtime code and editor template. */
function usedKeys(type: string): string[] {
  const code = read(`${type}.ts`) + read(`${type}.html`);
  const pattern = new RegExp(`['"\`\\]](${type}\\.[A-Za-z0-9.-]+[A-Za-z0-9])['"\`]`, 'g');
  return [...code.matchAll(pattern)].map((match) => match[1] as string);
}

describe.each(NODE_TYPES)('%s assets', (type) => {
  it('has its compiled entry point declared at dist/nodes', () => {
    expect(manifest['node-red'].nodes[type]).toBe(`dist/nodes/${type}.js`);
    expect(fs.existsSync(path.join(nodesDir, `${type}.ts`))).toBe(true);
  });

  it('registers the type in the huikuan palette category', () => {
    const template = read(`${type}.html`);
    expect(template).toContain(`RED.nodes.registerType('${type}'`);
    expect(template).toContain("category: 'huikuan'");
    expect(template).toContain(`data-template-name="${type}"`);
  });

  it.each(LANGUAGES)('has %s help with its sections', (language) => {
    const help = read('locales', language, `${type}.html`);
    expect(help).toContain(`data-help-name="${type}"`);
    expect(help).toMatch(language === 'en-US' ? /<h3>Details<\/h3>/ : /<h3>详细说明<\/h3>/);
  });

  it('has the same message keys in every language, covering the keys in use', () => {
    const [english, ...others] = LANGUAGES.map((language) =>
      flatKeys(JSON.parse(read('locales', language, `${type}.json`))).sort(),
    );
    for (const keys of others) expect(keys).toEqual(english);

    const needed = [...usedKeys(type), ...(DYNAMIC_KEYS[type] ?? [])];
    expect(needed.length).toBeGreaterThan(2);
    expect(needed.filter((key) => !english?.includes(key))).toEqual([]);
  });
});
