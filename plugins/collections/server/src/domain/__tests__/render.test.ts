import { renderMessage, TemplateRenderError } from '../render';

const context = {
  locale: 'zh-CN',
  asOf: '2024-03-10',
  currency: 'CNY',
  debtor: { code: 'K001', name: '杭州瑞丰电子有限公司' },
  totals: { overdueMinor: 1500000 },
};

describe('renderMessage', () => {
  it('renders money and dates in the debtor locale', () => {
    const rendered = renderMessage(
      {
        code: 'reminder',
        channel: 'sms',
        subject: null,
        body: '{{debtor.name}} {{money totals.overdueMinor currency}} {{date asOf}}',
      },
      context,
    );
    expect(rendered.body).toBe('杭州瑞丰电子有限公司 ¥15,000.00 2024年3月10日');
  });

  it('fails on a missing variable and names it instead of sending a blank', () => {
    const render = () =>
      renderMessage(
        {
          code: 'reminder',
          channel: 'email',
          subject: 'Hi',
          body: '尊敬的{{debtor.contactName}}：',
        },
        context,
      );
    expect(render).toThrow(TemplateRenderError);
    expect(render).toThrow("template 'reminder' (email) body: variable 'contactName' has no value");
  });

  it('refuses helpers that are not registered', () => {
    expect(() =>
      renderMessage(
        { code: 'x', channel: 'sms', subject: null, body: '{{shout debtor.name}}' },
        context,
      ),
    ).toThrow(/unknown helper shout/);
  });

  it('escapes values in HTML output only, never in plain text', () => {
    const evil = { ...context, debtor: { code: 'K', name: "<b>A&B's</b>" } };
    const template = { code: 'x', channel: 'email', subject: null, body: '{{debtor.name}}' };
    expect(renderMessage(template, evil, 'html').body).toBe('&lt;b&gt;A&amp;B&#x27;s&lt;/b&gt;');
    expect(renderMessage(template, evil).body).toBe("<b>A&B's</b>");
  });
});
