import Handlebars from 'handlebars';

import { formatMoney, rmbInCapitals } from './money';

/** A template cannot be rendered: a variable it uses has no value, or it does not compile. */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
  constructor(
    message: string,
    readonly templateCode: string,
    readonly variable: string | null,
  ) {
    super(message);
  }
}

export interface RenderedMessage {
  subject: string | null;
  body: string;
}

/** Helpers template authors may call; nothing else is allowed (knownHelpersOnly). */
export const HELPERS = ['money', 'moneyUpper', 'date'] as const;

const runtime = Handlebars.create();
runtime.registerHelper(
  'money',
  (minor: unknown, currency: unknown, options: Handlebars.HelperOptions) => {
    if (typeof minor !== 'number' || typeof currency !== 'string') {
      throw new Error('money needs an amount in minor units and a currency code');
    }
    const locale = (options.data?.root?.locale as string | undefined) ?? 'zh-CN';
    return formatMoney(minor, currency, locale);
  },
);
/** {{moneyUpper amountMinor currency}}: 人民币壹万贰仟叁佰肆拾伍元陆角柒分 (CNY only). */
runtime.registerHelper('moneyUpper', (minor: unknown, currency: unknown) => {
  if (typeof minor !== 'number' || typeof currency !== 'string') {
    throw new Error('moneyUpper needs an amount in minor units and a currency code');
  }
  return rmbInCapitals(minor, currency);
});
runtime.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new Error(`date needs a YYYY-MM-DD value, got ${String(value)}`);
  }
  const locale = (options.data?.root?.locale as string | undefined) ?? 'zh-CN';
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
});

const knownHelpers = Object.fromEntries(HELPERS.map((name) => [name, true]));

/** Compiled templates by source: a batch renders the same few templates thousands of times. */
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const COMPILED_LIMIT = 1000;

const compile = (source: string, escape: boolean): Handlebars.TemplateDelegate => {
  const key = `${escape ? 'html' : 'text'}\u0000${source}`;
  let template = compiled.get(key);
  if (!template) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    template = runtime.compile(source, {
      strict: true,
      knownHelpersOnly: true,
      knownHelpers,
      noEscape: !escape,
    });
    compiled.set(key, template);
  }
  return template;
};

const missingVariable = (error: Error): string | null =>
  /"([^"]+)" not defined in/.exec(error.message)?.[1] ?? null;

/**
 * Renders a message strictly: a variable with no value fails the render with
 * the variable named, so nothing is ever sent with a blank where a name or an
 * amount should be. HTML output escapes values; plain text keeps them as they are.
 */
export const renderMessage = (
  template: { code: string; subject: string | null; body: string; channel: string },
  context: Record<string, unknown>,
  format: 'text' | 'html' = 'text',
): RenderedMessage => {
  // Plain text goes out as written; only HTML output escapes what the ledger holds.
  const escape = format === 'html';
  const run = (source: string, part: string): string => {
    try {
      return compile(source, escape)(context);
    } catch (error) {
      const cause = error as Error;
      const variable = missingVariable(cause);
      const detail = variable
        ? `variable '${variable}' has no value`
        : (cause.message.split('\n')[0] ?? cause.message);
      throw new TemplateRenderError(
        `template '${template.code}' (${template.channel}) ${part}: ${detail}`,
        template.code,
        variable,
      );
    }
  };
  return {
    subject: template.subject ? run(template.subject, 'subject') : null,
    body: run(template.body, 'body'),
  };
};
