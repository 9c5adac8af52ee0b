/**
 * Every node ships its editor template, help and messages in both languages, the catalogs
 * have the same keys, and every message key the code uses exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLAN_CHANNELS } from '../domain/step-plan';
import { QUADRANT_OUTPUTS, REASON_OUTPUTS } from '../domain/case-segments';
import { OUTCOME_OUTPUTS, STATE_OUTPUTS } from '../domain/collection-state';
import { OFFENDER_OUTPUTS } from '../domain/offender';

const packageDir = path.resolve(__dirname, '..', '..');
const nodesDir = path.join(packageDir, 'src', 'nodes');
const LANGUAGES = ['en-US', 'zh-CN'];
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
  'node-red': { nodes: Record<string, string> };
};
const NODE_TYPES = Object.keys(manifest['node-red'].nodes);

/** Keys that the code builds at run time, e.g. `errors.${problem}`. */
/** The keys a routing node builds from its output names (switch-node.ts and its editor). */
const routingKeys = (type: string, outputs: readonly string[]): string[] => [
  ...outputs.flatMap((output) => [`${type}.output.${output}`, `${type}.short.${output}`]),
  `${type}.errors.invalid-case`,
];

const DYNAMIC_KEYS: Record<string, string[]> = {
  ...Object.fromEntries(
    (
      [
        ['hk-quadrant-switch', QUADRANT_OUTPUTS],
        ['hk-reason-switch', REASON_OUTPUTS],
        ['hk-state-switch', STATE_OUTPUTS],
        ['hk-outcome-switch', OUTCOME_OUTPUTS],
      ] as const
    ).map(([type, outputs]) => [type, routingKeys(type, outputs)]),
  ),
  'hk-offender-switch': [
    ...routingKeys('hk-offender-switch', OFFENDER_OUTPUTS),
    ...['min-prior-cases-invalid', 'min-broken-promises-invalid', 'long-days-invalid'].map(
      (problem) => `hk-offender-switch.errors.${problem}`,
    ),
    'hk-offender-switch.status.invalid-config',
  ],
  'hk-amount-switch': [
    ...[
      'bounds-empty',
      'bounds-not-integer',
      'bounds-negative',
      'bounds-not-ascending',
      'amount-invalid',
      'invalid-case',
    ].map((problem) => `hk-amount-switch.errors.${problem}`),
    ...['overdue', 'open'].map((amount) => `hk-amount-switch.amount.${amount}`),
    'hk-amount-switch.short.below-first',
    'hk-amount-switch.status.invalid-config',
  ],
  'hk-split': [
    'experiment-missing',
    'experiment-invalid',
    'branches-too-few',
    'branches-too-many',
    'branch-name-invalid',
    'branch-name-duplicate',
    'share-invalid',
  ].map((problem) => `hk-split.errors.${problem}`),
  'hk-case-source': [
    ...['email', 'sms', 'letter', 'phone', 'visit', 'legal', 'agency', 'write_off'].map(
      (channel) => `hk-case-source.channel.${channel}`,
    ),
    ...['not-deployed', 'as-of-invalid', 'no-dry-runner'].flatMap((code) => [
      `hk-case-source.errors.${code}`,
      `hk-case-source.dry-run.refused.${code}`,
    ]),
  ],
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
      'anchor-invalid',
      'after-invalid',
      'after-self',
      'day-type-invalid',
      'min-days-invalid',
      'max-days-invalid',
      'caps-reversed',
    ].map((problem) => `hk-plan-step.errors.${problem}`),
    ...PLAN_CHANNELS.map((channel) => `hk-plan-step.channel.${channel}`),
    ...['asOf', 'due', 'previous'].map((anchor) => `hk-plan-step.tip.${anchor}`),
  ],
  'hk-wait': [
    ...[
      'step-missing',
      'step-invalid',
      'after-invalid',
      'after-self',
      'days-invalid',
      'day-type-invalid',
      'grace-invalid',
    ].map((problem) => `hk-wait.errors.${problem}`),
    ...['no-response', 'responded', 'promised', 'promise-broken'].map(
      (output) => `hk-wait.output.${output}`,
    ),
  ],
  'hk-escalate': [
    ...[
      'step-missing',
      'step-invalid',
      'type-invalid',
      'agency-missing',
      'agency-invalid',
      'template-invalid',
      'offset-invalid',
      'day-type-invalid',
    ].map((problem) => `hk-escalate.errors.${problem}`),
    ...['visit', 'legal', 'agency', 'write_off'].map((type) => `hk-escalate.type.${type}`),
  ],
  'hk-offer': [
    ...[
      'step-missing',
      'step-invalid',
      'type-invalid',
      'instalments-invalid',
      'interval-invalid',
      'down-payment-invalid',
      'extension-invalid',
      'channel-invalid',
      'template-invalid',
    ].map((problem) => `hk-offer.errors.${problem}`),
    ...['instalment', 'extension'].map((type) => `hk-offer.type.${type}`),
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
