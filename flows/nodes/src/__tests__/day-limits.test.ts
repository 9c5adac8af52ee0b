/**
 * Day counts are bounded: hk-plan-step offsetDays 0-730 and adaptive caps 1-365, hk-escalate
 * offsetDays 0-730, the same in the runtime and in the editor dialog, and addBusinessDays refuses
 * more than 730 working days rather than walk day by day for ever.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_DAY_OFFSET, addBusinessDays, addDays } from '../domain/business-days';
import { CAP_DAYS_LIMIT, OFFSET_DAYS_LIMIT } from '../domain/config-values';
import { decideEscalation, parseEscalationConfig } from '../domain/escalation';
import { decideStep, parseStepConfig } from '../domain/step-plan';
import { strategyCase } from './support/node-red-helper';

const nodesDir = path.resolve(__dirname, '..', 'nodes');
const LANGUAGES = ['en-US', 'zh-CN'];
const context = { origin: { flowId: 'tab', nodeId: 'node' }, branches: [], plannedSteps: [] };

const STEP = { step: 'reminder', channel: 'email', template: 'reminder' };
const ADAPTIVE = { ...STEP, offsetDays: 7, anchor: 'previous', adaptive: true };
const ESCALATION = { step: 'legal', escalationType: 'legal' };

describe('the day limits', () => {
  it('are two years of offset and one year of adaptive caps', () => {
    expect(MAX_DAY_OFFSET).toBe(730);
    expect(OFFSET_DAYS_LIMIT).toEqual({ min: 0, max: 730 });
    expect(CAP_DAYS_LIMIT).toEqual({ min: 1, max: 365 });
  });
});

describe('addBusinessDays bounds', () => {
  it.each([731, -731, 99_999_999, Number.MAX_SAFE_INTEGER, 1.5, Number.NaN, Infinity])(
    'throws a RangeError naming the limit for %p days',
    (days) => {
      expect(() => addBusinessDays('2026-12-04', days)).toThrow(RangeError);
      expect(() => addBusinessDays('2026-12-04', days)).toThrow(/730/);
      expect(() => addDays('2026-12-04', days, 'business')).toThrow(RangeError);
    },
  );

  it('still counts up to 730 working days either way', () => {
    expect(addBusinessDays('2026-12-04', 730) > '2029-01-01').toBe(true);
    expect(addBusinessDays('2026-12-04', -730) < '2024-01-01').toBe(true);
  });
});

describe('hk-plan-step day limits', () => {
  it.each([0, 1, 730, '730'])('accepts an offset of %p days', (offsetDays) => {
    expect(parseStepConfig({ ...STEP, offsetDays }).config).toMatchObject({
      offsetDays: Number(offsetDays),
    });
  });

  it.each([731, '731', 99_999_999, '99999999', Number.MAX_SAFE_INTEGER])(
    'refuses an offset of %p days',
    (offsetDays) => {
      expect(parseStepConfig({ ...STEP, offsetDays, dayType: 'business' })).toEqual({
        problem: 'offset-invalid',
      });
    },
  );

  it.each([
    [{ minDays: 0, maxDays: 30 }, 'min-days-invalid'],
    [{ minDays: 366, maxDays: 400 }, 'min-days-invalid'],
    [{ minDays: '99999999', maxDays: 30 }, 'min-days-invalid'],
    [{ minDays: 1, maxDays: 0 }, 'max-days-invalid'],
    [{ minDays: 1, maxDays: 366 }, 'max-days-invalid'],
    [{ minDays: 1, maxDays: 99_999_999 }, 'max-days-invalid'],
    [{ minDays: 31, maxDays: 30 }, 'caps-reversed'],
  ])('refuses the caps %p as %s', (caps, problem) => {
    expect(parseStepConfig({ ...ADAPTIVE, ...caps })).toEqual({ problem });
  });

  it('accepts caps of 1 to 365 days', () => {
    expect(parseStepConfig({ ...ADAPTIVE, minDays: '1', maxDays: '365' }).config).toMatchObject({
      adaptive: { minDays: 1, maxDays: 365 },
    });
  });

  it('plans the longest offset in working days', () => {
    const config = parseStepConfig({ ...STEP, offsetDays: 730, dayType: 'business' }).config!;
    const decision = decideStep(config, strategyCase(), context);
    expect(decision.outcome).toBe('planned');
    expect(decision.outcome === 'planned' && decision.plan.dueOn > '2029-01-01').toBe(true);
  });
});

describe('hk-escalate day limits', () => {
  it.each([0, 730, '730'])('accepts an offset of %p days', (offsetDays) => {
    expect(parseEscalationConfig({ ...ESCALATION, offsetDays }).config).toMatchObject({
      offsetDays: Number(offsetDays),
    });
  });

  it.each([731, '731', 99_999_999, '99999999'])('refuses an offset of %p days', (offsetDays) => {
    expect(parseEscalationConfig({ ...ESCALATION, offsetDays, dayType: 'business' })).toEqual({
      problem: 'offset-invalid',
    });
  });

  it('plans the longest offset in working days', () => {
    const config = parseEscalationConfig({
      ...ESCALATION,
      offsetDays: 730,
      dayType: 'business',
    }).config!;
    const decision = decideEscalation(config, strategyCase(), context);
    expect(decision.outcome).toBe('planned');
  });
});

type Validate = (this: Record<string, unknown>, value: unknown, opt?: unknown) => true | string;
interface EditorDefinition {
  defaults: Record<string, { validate?: Validate }>;
}

/**
 * Runs the editor script of `type` with a stand-in RED and jQuery (no dialog open, so the
 * validators read the node's saved values) and returns what it registers.
 */
function editorDefinition(type: string): EditorDefinition {
  const html = fs.readFileSync(path.join(nodesDir, `${type}.html`), 'utf8');
  const script = /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (script === undefined) throw new Error(`no editor script in ${type}.html`);
  let registered: (EditorDefinition & { _?: (key: string) => string }) | undefined;
  const RED = {
    nodes: {
      registerType: (
        _name: string,
        definition: EditorDefinition & { _?: (key: string) => string },
      ) => {
        definition._ = (key: string) => key;
        registered = definition;
      },
    },
  };
  const jquery = () => ({ length: 0 });
  new Function('RED', '$', script)(RED, jquery);
  if (registered === undefined) throw new Error(`${type}.html registers no type`);
  return registered;
}

const catalog = (language: string, type: string): Record<string, Record<string, string>> =>
  (
    JSON.parse(
      fs.readFileSync(path.join(nodesDir, 'locales', language, `${type}.json`), 'utf8'),
    ) as Record<string, Record<string, Record<string, string>>>
  )[type]!;

const validate = (
  definition: EditorDefinition,
  property: string,
  value: unknown,
  node: Record<string, unknown> = {},
): true | string => definition.defaults[property]!.validate!.call(node, value);

describe('hk-plan-step editor validation', () => {
  const definition = editorDefinition('hk-plan-step');
  const adaptiveNode = { anchor: 'previous', adaptive: true, minDays: 1, maxDays: 30 };

  it.each([0, '730', 365])('accepts an offset of %p days', (value) => {
    expect(validate(definition, 'offsetDays', value)).toBe(true);
  });

  it.each([731, '99999999', -1, '1.5', 'soon'])('refuses an offset of %p days', (value) => {
    expect(validate(definition, 'offsetDays', value)).toBe('hk-plan-step.errors.offset-invalid');
  });

  it('checks the caps against 1 to 365 days, only while they are in use', () => {
    expect(validate(definition, 'minDays', 1, adaptiveNode)).toBe(true);
    expect(validate(definition, 'minDays', 0, adaptiveNode)).toBe(
      'hk-plan-step.errors.min-days-invalid',
    );
    expect(validate(definition, 'minDays', 366, adaptiveNode)).toBe(
      'hk-plan-step.errors.min-days-invalid',
    );
    expect(validate(definition, 'maxDays', 365, adaptiveNode)).toBe(true);
    expect(validate(definition, 'maxDays', 366, adaptiveNode)).toBe(
      'hk-plan-step.errors.max-days-invalid',
    );
    expect(validate(definition, 'maxDays', 0, adaptiveNode)).toBe(
      'hk-plan-step.errors.max-days-invalid',
    );
    expect(validate(definition, 'maxDays', 5, { ...adaptiveNode, minDays: 9 })).toBe(
      'hk-plan-step.errors.caps-reversed',
    );
    expect(validate(definition, 'maxDays', 999, { anchor: 'asOf' })).toBe(true);
  });

  it.each(LANGUAGES)('explains the ranges in %s', (language) => {
    const errors = catalog(language, 'hk-plan-step').errors!;
    expect(errors['offset-invalid']).toMatch(/0\D+730/);
    expect(errors['min-days-invalid']).toMatch(/1\D+365/);
    expect(errors['max-days-invalid']).toMatch(/1\D+365/);
  });
});

describe('hk-escalate editor validation', () => {
  const definition = editorDefinition('hk-escalate');

  it.each([0, '730'])('accepts an offset of %p days', (value) => {
    expect(validate(definition, 'offsetDays', value)).toBe(true);
  });

  it.each([731, '99999999', -1, 'soon'])('refuses an offset of %p days', (value) => {
    expect(validate(definition, 'offsetDays', value)).toBe('hk-escalate.errors.offset-invalid');
  });

  it.each(LANGUAGES)('explains the range in %s', (language) => {
    expect(catalog(language, 'hk-escalate').errors!['offset-invalid']).toMatch(/0\D+730/);
  });
});

describe('hk-offer editor channels', () => {
  const definition = editorDefinition('hk-offer');

  it.each(['reminder', 'email', 'sms', 'letter'])('accepts %s', (channel) => {
    expect(validate(definition, 'channel', channel)).toBe(true);
  });

  it.each(['phone', 'visit', 'legal'])('refuses %s', (channel) => {
    expect(validate(definition, 'channel', channel)).toBe('hk-offer.errors.channel-invalid');
  });

  it('offers only written channels in the dialog', () => {
    const html = fs.readFileSync(path.join(nodesDir, 'hk-offer.html'), 'utf8');
    const options = [...html.matchAll(/<option value="([a-z]+)" data-i18n="hk-offer\.channel\./g)];
    expect(options.map((match) => match[1])).toEqual(['reminder', 'email', 'sms', 'letter']);
  });
});
