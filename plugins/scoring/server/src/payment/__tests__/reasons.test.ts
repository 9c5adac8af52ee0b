import type { Components, RowPrediction } from '../components';
import type { FeatureRecord } from '../features';
import { explain } from '../reasons';

/**
 * A days part that reads only the region's late share (4 days per standard deviation) and
 * a late part of 0.3 log-odds per expected day: the region is the one factor that moves
 * P(late), besides the chance of a dispute when the two outcomes differ.
 */
const parts: Components = {
  coding: [
    {
      feature: 'regionLateShare',
      part: 'value',
      log: false,
      center: 0.3,
      scale: 0.1,
      shrink: null,
    },
  ],
  days: { model: 'unused', intercept: 30, weights: [4] },
  dispute: [0, 0, 0, 0],
  disputeRate: 0.2,
  late: [0, 3, 0, 0],
};

const prediction = (changes: Partial<RowPrediction> = {}): RowPrediction => ({
  expectedDays: 38,
  coded: [2],
  daysIfClear: 38,
  daysIfDisputed: 38,
  disputeProbability: 0.2,
  lateProbability: 0.9,
  ...changes,
});

const facts: Partial<FeatureRecord> = {
  settledCount: 10,
  disputedShare: 0.3,
  regionSettledCount: 250,
  regionLateShare: 0.5,
  regionDisputedShare: 0.38,
  regionDaysToSettle: 31,
};

const reasonsOf = (row: RowPrediction, known: Partial<FeatureRecord>) =>
  explain(parts, row, known, { readDisputed: false, currency: 'CNY' });

describe('reasons naming the region', () => {
  it('quotes the other debtors’ settled invoices of the region', () => {
    const [reason, ...rest] = reasonsOf(prediction(), facts);
    expect(rest).toEqual([]);
    expect(reason).toEqual({
      code: 'payment.region',
      weight: 2.4,
      text: {
        'zh-CN': '该地区其他客户的 250 张已结清发票中，逾期 50%，争议率 38%',
        en:
          'of 250 settled invoices of other debtors in this region,' +
          ' 50% were paid late and 38% disputed',
      },
    });
  });

  it('says so when the region is not known or has nothing settled yet', () => {
    const unknown = { ...facts, regionSettledCount: NaN, regionLateShare: NaN };
    expect(reasonsOf(prediction(), unknown)[0]!.text).toEqual({
      'zh-CN': '该客户所在地区未知',
      en: "the debtor's region is not known",
    });
    const none = { ...facts, regionSettledCount: 0, regionLateShare: NaN };
    expect(reasonsOf(prediction(), none)[0]!.text.en).toBe(
      'no invoice of other debtors in this region is settled yet',
    );
  });

  it('quotes the region’s dispute rate beside the debtor’s own disputes', () => {
    const likely = prediction({ disputeProbability: 0.5, daysIfClear: 30, daysIfDisputed: 50 });
    const dispute = reasonsOf(likely, facts).find((reason) => reason.code === 'payment.dispute');
    expect(dispute!.text).toEqual({
      'zh-CN':
        '过去 10 张发票中 3 张有争议（该地区其他客户的争议率 38%），本张发生争议的概率约 50%',
      en:
        '3 of 10 past invoices were disputed (disputes among other debtors in this region:' +
        ' 38%); 50% chance this one will be',
    });
    const alone = reasonsOf(likely, { ...facts, regionDisputedShare: NaN });
    expect(alone.find((reason) => reason.code === 'payment.dispute')!.text.en).toBe(
      '3 of 10 past invoices were disputed; 50% chance this one will be',
    );
  });
});
