import { DEFAULT_TEMPLATES } from '../../seed/templates';
import { HELPERS } from '../render';
import { checkTemplate, HELPER_ARITY } from '../template-variables';

const unknownIn = (source: string) => checkTemplate(source).unknown;
/** The English half of each problem found, which names the construct. */
const problemsIn = (source: string) => checkTemplate(source).problems.map((problem) => problem.en);

describe('template variables', () => {
  it('accepts every shipped template', () => {
    for (const template of DEFAULT_TEMPLATES) {
      expect([template.code, checkTemplate(`${template.subject ?? ''}\n${template.body}`)]).toEqual(
        [template.code, { unknown: [], problems: [] }],
      );
    }
  });

  it('knows the arguments of exactly the helpers the renderer registers', () => {
    expect(Object.keys(HELPER_ARITY).sort()).toEqual([...HELPERS].sort());
  });

  it('names unknown variables, at the root and inside blocks', () => {
    expect(unknownIn('尊敬的{{debtor.nmae}}：{{money totals.overdue currency}}')).toEqual([
      'debtor.nmae',
      'totals.overdue',
    ]);
    expect(
      unknownIn('{{#each invoices}}{{number}} {{money openMinor currency}} {{amount}}{{/each}}'),
    ).toEqual(['amount']);
    expect(
      unknownIn('{{#each invoices}}{{../debtor.name}} {{@index}} {{@root.asOf}}{{/each}}'),
    ).toEqual([]);
    expect(unknownIn('{{#with creditor}}{{bankAccount}} {{iban}}{{/with}}')).toEqual(['iban']);
    expect(unknownIn('{{#if totals.maxDaysPastDue}}{{overdueDays}}{{/if}}')).toEqual([
      'overdueDays',
    ]);
    expect(checkTemplate('{{moneyUpper totals.overdueMinor currency}} {{date asOf}}')).toEqual({
      unknown: [],
      problems: [],
    });
  });

  it('refuses partials and decorators', () => {
    expect(problemsIn('{{> header}}正文')).toEqual([
      'partials such as {{> header}} are not supported',
    ]);
    expect(problemsIn('{{#> layout}}x{{/layout}}')).toEqual([
      'partials such as {{> layout}} are not supported',
    ]);
  });

  it('refuses unknown helpers, lookup and the built-in helpers used inline', () => {
    expect(problemsIn('{{unknownHelper debtor.name}}')).toEqual([
      'unknown helper unknownHelper (use money, moneyUpper, date)',
    ]);
    expect(problemsIn('{{log debtor.name}} {{if debtor.name}}')).toEqual([
      'unknown helper log (use money, moneyUpper, date)',
      'unknown helper if (use money, moneyUpper, date)',
    ]);
    expect(problemsIn('{{lookup debtor "nmae"}}')).toEqual([
      'lookup is not allowed: name the variable directly',
    ]);
    expect(problemsIn('{{money (lookup totals "overdueMinor") currency}}')).toEqual([
      'lookup is not allowed: name the variable directly',
    ]);
  });

  it('refuses helpers called with the wrong number of arguments', () => {
    expect(problemsIn('{{moneyUpper totals.overdueMinor}}')).toEqual([
      'moneyUpper takes 2 argument(s), given 1',
    ]);
    expect(problemsIn('{{money}} {{date asOf currency}}')).toEqual([
      'money takes 2 argument(s), given 0',
      'date takes 1 argument(s), given 2',
    ]);
  });

  it('refuses blocks without their one argument, and blocks that are not helpers', () => {
    expect(problemsIn('{{#if}}x{{/if}}')).toEqual(['{{#if}} takes exactly 1 argument, given 0']);
    expect(problemsIn('{{#each}}x{{else}}y{{/each}}')).toEqual([
      '{{#each}} takes exactly 1 argument, given 0',
    ]);
    expect(problemsIn('{{#debtor}}{{name}}{{/debtor}}')).toEqual([
      'unknown block {{#debtor}} (use if, unless, each or with)',
    ]);
  });

  it('refuses printing an object or a list, as a value or as a helper argument', () => {
    expect(problemsIn('{{totals}} {{debtor}}')).toEqual([
      'totals is an object and would print as [object Object]: name one of its fields',
      'debtor is an object and would print as [object Object]: name one of its fields',
    ]);
    expect(problemsIn('{{invoices}}')).toEqual([
      'invoices is a list and would print as [object Object]: use {{#each invoices}}',
    ]);
    expect(problemsIn('{{#each invoices}}{{this}}{{/each}}')).toEqual([
      'this is an object and would print as [object Object]: name one of its fields',
    ]);
    expect(problemsIn('{{money totals currency}}')).toEqual([
      'totals is an object and would print as [object Object]: name one of its fields',
    ]);
    expect(checkTemplate('{{invoices.length}} {{#with creditor}}{{name}}{{/with}}')).toEqual({
      unknown: [],
      problems: [],
    });
  });

  it('gives every problem in zh-CN as well', () => {
    expect(checkTemplate('{{moneyUpper totals.overdueMinor}}').problems[0]?.zh).toBe(
      '函数 moneyUpper 需要 2 个参数，实际 1 个',
    );
  });

  it('throws the parse error of a broken template', () => {
    expect(() => checkTemplate('{{#each invoices}}')).toThrow(/each/);
  });
});
