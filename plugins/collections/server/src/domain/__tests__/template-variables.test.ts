import { DEFAULT_TEMPLATES } from '../../seed/templates';
import { HELPERS } from '../render';
import { unknownVariables } from '../template-variables';

const check = (source: string) => unknownVariables(source, HELPERS);

describe('template variables', () => {
  it('accepts every shipped template', () => {
    for (const template of DEFAULT_TEMPLATES) {
      expect([template.code, check(`${template.subject ?? ''}\n${template.body}`)]).toEqual([
        template.code,
        [],
      ]);
    }
  });

  it('names unknown variables, at the root and inside blocks', () => {
    expect(check('尊敬的{{debtor.nmae}}：{{money totals.overdue currency}}')).toEqual([
      'debtor.nmae',
      'totals.overdue',
    ]);
    expect(
      check('{{#each invoices}}{{number}} {{money openMinor currency}} {{amount}}{{/each}}'),
    ).toEqual(['amount']);
    expect(
      check('{{#each invoices}}{{../debtor.name}} {{@index}} {{@root.asOf}}{{/each}}'),
    ).toEqual([]);
    expect(check('{{#with creditor}}{{bankAccount}} {{iban}}{{/with}}')).toEqual(['iban']);
    expect(check('{{#if totals.maxDaysPastDue}}{{overdueDays}}{{/if}}')).toEqual(['overdueDays']);
    expect(check('{{moneyUpper totals.overdueMinor currency}} {{date asOf}}')).toEqual([]);
  });

  it('throws the parse error of a broken template', () => {
    expect(() => check('{{#each invoices}}')).toThrow(/each/);
  });
});
