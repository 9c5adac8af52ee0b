import { textToHtml } from '../email-html';

describe('textToHtml', () => {
  it('keeps paragraphs, line breaks and "- " lists in their order', () => {
    const html = textToHtml(
      '尊敬的客户：\n\n以下发票已到期：\n- 发票 A\n- 发票 B\n如已付款，请忽略。\n\n此致',
      'zh-CN',
    );
    expect(html).toContain('<p>尊敬的客户：</p>');
    expect(html).toContain(
      '<p>以下发票已到期：</p>\n<ul><li>发票 A</li><li>发票 B</li></ul>\n<p>如已付款，请忽略。</p>',
    );
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.indexOf('此致')).toBeGreaterThan(html.indexOf('如已付款'));
  });

  it('keeps single line breaks inside a paragraph', () => {
    expect(textToHtml('Line one\nLine two', 'en')).toContain('<p>Line one<br>Line two</p>');
  });
});
