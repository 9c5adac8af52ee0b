import { DocumentInputError } from '../schema';
import { renderStatementPdf, totalsByCurrency } from '../statement-pdf';
import { sampleStatement } from './fixtures';
import { fontReport } from './pdf-fonts';
import { extractPdf, plain } from './pdf-text';

describe('renderStatementPdf', () => {
  it('lists every open invoice with amount, paid, credited, open and days past due', async () => {
    const pdf = await renderStatementPdf(sampleStatement());
    const text = plain(extractPdf(pdf).text);
    expect(text).toContain('对账单');
    expect(text).toContain('致：杭州瑞丰电子科技有限公司');
    expect(text).toContain('截至日期：2026年12月4日');
    expect(text).toContain('编号：DZD-2026-12-K00042');
    expect(text).toMatch(
      /FP20260815001 2026-08-15 2026-09-14 ¥15,000.00 ¥5,000.00 ¥0.00 ¥10,000.00 81/,
    );
    expect(text).toMatch(/FP20260901017 .* ¥3,345.67 ¥0.00 ¥1,000.00 ¥2,345.67 64/);
    expect(text).toMatch(/INV-US-0093 .* US\$8,800.00 US\$800.00 US\$0.00 US\$8,000.00 15/);
    expect(text).toContain('未到期');
    expect(fontReport(pdf).embedded).toBe(2);
  });

  it('totals each currency on its own and never adds currencies together', async () => {
    const text = plain(extractPdf(await renderStatementPdf(sampleStatement())).text);
    expect(text).toMatch(/合计 CNY ¥23,345.67 ¥5,000.00 ¥1,000.00 ¥17,345.67/);
    expect(text).toMatch(/合计 USD US\$8,800.00 US\$800.00 US\$0.00 US\$8,000.00/);
    expect(text).not.toContain('25,345.67');
    expect(text).toContain('未付金额合计（人民币）大写：人民币壹万柒仟叁佰肆拾伍元陆角柒分');
  });

  it('sums in minor units per currency, sorted by code', () => {
    const totals = totalsByCurrency(sampleStatement().invoices);
    expect([...totals.keys()]).toEqual(['CNY', 'USD']);
    expect(totals.get('CNY')).toEqual({
      amountMinor: 2334567,
      paidMinor: 500000,
      creditedMinor: 100000,
      openMinor: 1734567,
    });
  });

  it('writes English labels', async () => {
    const text = plain(
      extractPdf(await renderStatementPdf(sampleStatement({ language: 'en' }))).text,
    );
    expect(text).toContain('Statement of account');
    expect(text).toContain('As of: 4 December 2026');
    expect(text).toMatch(/Total CNY CNY 23,345.67 CNY 5,000.00 CNY 1,000.00 CNY 17,345.67/);
    expect(text).toContain('Page 1 of 1');
  });

  it('gives the same bytes for the same statement', async () => {
    const first = await renderStatementPdf(sampleStatement());
    expect((await renderStatementPdf(sampleStatement())).equals(first)).toBe(true);
  });

  it('refuses an open amount that does not add up and names the invoice', async () => {
    const statement = sampleStatement();
    const [first, ...rest] = statement.invoices;
    const wrong = { ...statement, invoices: [{ ...first!, openMinor: 999 }, ...rest] };
    const render = renderStatementPdf(wrong);
    await expect(render).rejects.toThrow(DocumentInputError);
    await expect(render).rejects.toThrow(/^statement: invoices\[0\]\.openMinor is not amountMinor/);
  });
});
