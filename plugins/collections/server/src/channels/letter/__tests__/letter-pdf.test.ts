import { DocumentInputError } from '../schema';
import { renderLetterPdf, type LetterDocument } from '../letter-pdf';
import { invoicesOf, sampleLetter } from './fixtures';
import { fontReport, STANDARD_FONTS } from './pdf-fonts';
import { extractPdf, plain, type ExtractedPdf } from './pdf-text';

/** Every part must stand in the text; a failure names the first part missing. */
const expectEach = (text: string, parts: string[]): void => {
  for (const part of parts) expect(text).toContain(part);
};

describe('renderLetterPdf', () => {
  let pdf: Buffer;
  let extracted: ExtractedPdf;

  beforeAll(async () => {
    pdf = await renderLetterPdf(sampleLetter());
    extracted = extractPdf(pdf);
  });

  it('prints the parties, our reference, the date and every open invoice', () => {
    const text = plain(extracted.text);
    expectEach(text, [
      '苏州恒通精密机械有限公司',
      '致：杭州瑞丰电子科技有限公司',
      '地址：浙江省杭州市滨江区江南大道3888号瑞丰大厦17楼',
      '联系人：王丽华',
      '编号：HK-2026-000731',
      '日期：2026年12月4日',
      '催款函',
      ...sampleLetter().invoices.map((invoice) => invoice.number),
    ]);
    expect(text).toMatch(/FP20261110002 2026-11-10 2026-12-10 未到期 ¥5,000.00/);
  });

  it('states the total in figures and in Chinese capitals, and how to pay', () => {
    expectEach(plain(extracted.text), [
      '逾期款项合计：¥12,345.67',
      '大写：人民币壹万贰仟叁佰肆拾伍元陆角柒分',
      '请于2026年12月18日前将上述款项汇入以下账户',
      '开户银行： 中国工商银行苏州工业园区支行',
      '账号： 1102 0201 0900 1234 567',
      '付款时请注明： HK-2026-000731',
      '(盖章处)',
      '第 1 页 / 共 1 页',
    ]);
  });

  it('writes 100000 fen as 人民币壹仟元整', async () => {
    const letter = sampleLetter({ total: { overdueMinor: 100000, currency: 'CNY' } });
    const text = plain(extractPdf(await renderLetterPdf(letter)).text);
    expect(text).toContain('逾期款项合计：¥1,000.00');
    expect(text).toContain('大写：人民币壹仟元整');
  });

  it('carries the invoice table over pages with its header row and numbers every page', async () => {
    const invoices = invoicesOf(60);
    const letter = sampleLetter({ invoices, total: { overdueMinor: 100000, currency: 'CNY' } });
    const long = extractPdf(await renderLetterPdf(letter));
    expect(long.pages).toBe(3);
    long.pageTexts.forEach((page, index) => {
      expect(page).toContain('发票号');
      expect(page).toContain(`第 ${index + 1} 页 / 共 3 页`);
    });
    for (const invoice of invoices) expect(long.text).toContain(invoice.number);
    // The letter closes on the last page: total, payment and seal after the last row.
    const last = long.pageTexts[2] ?? '';
    expect(last.indexOf('FP202600060')).toBeLessThan(last.indexOf('逾期款项合计'));
    expect(last).toContain('(盖章处)');
  });

  it('writes an English letter with English labels, dates and amounts', async () => {
    const english = sampleLetter({ language: 'en', title: 'Payment reminder', body: 'Dear Sirs,' });
    const text = plain(extractPdf(await renderLetterPdf(english)).text);
    expectEach(text, [
      'To: 杭州瑞丰电子科技有限公司',
      'Our ref.: HK-2026-000731',
      'Date: 4 December 2026',
      'Invoice no.',
      'Open amount',
      'Total overdue: CNY 12,345.67',
      'In words: 人民币壹万贰仟叁佰肆拾伍元陆角柒分',
      'Please pay the amount above by 18 December 2026',
      'Account number: 1102 0201 0900 1234 567',
      '(seal)',
      'Page 1 of 1',
    ]);
    expect(text).not.toMatch(/付款信息|合计|第 1 页/);
  });

  it('leaves out capitals for other currencies and the pay-by line without a deadline', async () => {
    const dollars = sampleLetter({
      invoices: invoicesOf(2).map((invoice) => ({ ...invoice, currency: 'USD' })),
      total: { overdueMinor: 246913, currency: 'USD' },
      paymentDeadline: null,
    });
    const text = plain(extractPdf(await renderLetterPdf(dollars)).text);
    expect(text).toContain('逾期款项合计：US$2,469.13');
    expect(text).not.toContain('大写');
    expect(text).not.toContain('请于');
    expect(text).toContain('付款信息');
  });

  it('embeds Source Han Sans and uses no standard PDF font', () => {
    const fonts = fontReport(pdf);
    expect(fonts.descriptors).toBe(2);
    expect(fonts.embedded).toBe(fonts.descriptors);
    expect(new Set(fonts.subtypes)).toEqual(new Set(['Type0', 'CIDFontType0']));
    expect(fonts.baseFonts.every((name) => /^[A-Z]{6}\+SourceHanSansSC-/.test(name))).toBe(true);
    expect(fonts.baseFonts.some((name) => STANDARD_FONTS.test(name))).toBe(false);
  });

  it('gives the same bytes for the same letter, with the letter date as creation date', async () => {
    // The fonts are shared between documents: a letter drawn in between changes nothing.
    const other = await renderLetterPdf(
      sampleLetter({ language: 'en', reference: 'HK-2026-000732' }),
    );
    expect(other.equals(pdf)).toBe(false);
    const again = await renderLetterPdf(sampleLetter());
    expect(again.equals(pdf)).toBe(true);
    expect(extracted.info).toMatchObject({
      Title: '催款函 HK-2026-000731',
      Author: '苏州恒通精密机械有限公司',
      CreationDate: 'D:20261204000000Z',
    });
  });

  const broken: Array<[string, (letter: LetterDocument) => unknown, RegExp]> = [
    ['no invoices', (letter) => ({ ...letter, invoices: [] }), /^invoices$/],
    [
      'a negative amount',
      (letter) => ({ ...letter, invoices: [{ ...letter.invoices[0], openMinor: -100 }] }),
      /^invoices\[0\]\.openMinor$/,
    ],
    [
      'an unknown currency',
      (letter) => ({ ...letter, total: { overdueMinor: 100, currency: 'RMB' } }),
      /^total\.currency$/,
    ],
    [
      'an invoice in another currency',
      (letter) => ({
        ...letter,
        invoices: letter.invoices.map((invoice, i) =>
          i === 1 ? { ...invoice, currency: 'USD' } : invoice,
        ),
      }),
      /^invoices\[1\]\.currency$/,
    ],
    [
      'an empty debtor name',
      (letter) => ({ ...letter, debtor: { ...letter.debtor, name: '  ' } }),
      /^debtor\.name$/,
    ],
    ['a bad date', (letter) => ({ ...letter, date: '2026-02-30' }), /^date$/],
    [
      'more overdue than open',
      (letter) => ({ ...letter, total: { overdueMinor: 99999999, currency: 'CNY' } }),
      /^total\.overdueMinor$/,
    ],
  ];

  it.each(broken)('refuses %s and names the field', async (_, breakIt, field) => {
    const render = renderLetterPdf(breakIt(sampleLetter()) as LetterDocument);
    await expect(render).rejects.toThrow(DocumentInputError);
    await expect(render).rejects.toMatchObject({ field: expect.stringMatching(field) });
    await expect(render).rejects.toThrow(/^letter: /);
  });
});
