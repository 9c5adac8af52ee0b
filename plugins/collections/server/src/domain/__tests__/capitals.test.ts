import { rmbInCapitals } from '../money';
import { renderMessage, TemplateRenderError } from '../render';

describe('amounts in Chinese capitals (人民币大写)', () => {
  it.each([
    [1234567, '人民币壹万贰仟叁佰肆拾伍元陆角柒分'],
    [100000, '人民币壹仟元整'],
    [1000, '人民币壹拾元整'],
    [5, '人民币伍分'],
    [100450, '人民币壹仟零肆元伍角'],
    [0, '人民币零元整'],
    [1000000000010, '人民币壹佰亿元壹角'],
  ])('writes %p fen as %s', (minor, words) => {
    expect(rmbInCapitals(minor)).toBe(words);
  });

  it('refuses other currencies and amounts that are not whole fen', () => {
    expect(() => rmbInCapitals(100, 'USD')).toThrow(/CNY amounts, not USD/);
    expect(() => rmbInCapitals(-1)).toThrow(RangeError);
    expect(() => rmbInCapitals(1.5)).toThrow(RangeError);
  });

  it('is a template helper for formal letters', () => {
    const letter = renderMessage(
      {
        code: 'demand-letter',
        channel: 'letter',
        subject: null,
        body: '合计：{{moneyUpper amount currency}}',
      },
      { amount: 1234567, currency: 'CNY' },
    );
    expect(letter.body).toBe('合计：人民币壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(() =>
      renderMessage(
        {
          code: 'demand-letter',
          channel: 'letter',
          subject: null,
          body: '{{moneyUpper amount currency}}',
        },
        { amount: 500, currency: 'EUR' },
      ),
    ).toThrow(TemplateRenderError);
  });
});
