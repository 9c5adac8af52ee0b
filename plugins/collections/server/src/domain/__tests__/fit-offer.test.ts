import { fitOffer, type MessageOffer } from '../message-context';

const plan: MessageOffer = {
  type: 'instalment',
  currency: 'CNY',
  downPaymentMinor: 10_000,
  instalments: [
    { dueOn: '2026-01-04', amountMinor: 30_000 },
    { dueOn: '2026-02-03', amountMinor: 30_000 },
    { dueOn: '2026-03-05', amountMinor: 30_000 },
  ],
  instalmentCount: 3,
  lastDueOn: '2026-03-05',
};
const total = (offer: MessageOffer) =>
  offer.downPaymentMinor + offer.instalments.reduce((sum, i) => sum + i.amountMinor, 0);

describe('fitOffer', () => {
  it('keeps an offer that already matches what is owed', () => {
    expect(fitOffer(plan, 100_000)).toBe(plan);
  });

  it('fits a plan to a larger amount owed at send time, keeping dates and proportions', () => {
    const fitted = fitOffer(plan, 165_585);
    expect(total(fitted)).toBe(165_585);
    expect(fitted.downPaymentMinor).toBe(16_558);
    expect(fitted.instalments.map((i) => i.dueOn)).toEqual(plan.instalments.map((i) => i.dueOn));
    expect(fitted.instalments.map((i) => i.amountMinor)).toEqual([49_675, 49_675, 49_677]);
  });

  it('fits a plan to a part payment made since planning', () => {
    const fitted = fitOffer(plan, 40_001);
    expect(total(fitted)).toBe(40_001);
    expect(fitted.downPaymentMinor).toBe(4_000);
  });

  it('moves an extension to the amount now owed', () => {
    const extension: MessageOffer = {
      ...plan,
      type: 'extension',
      downPaymentMinor: 0,
      instalments: [{ dueOn: '2026-02-01', amountMinor: 80_000 }],
      instalmentCount: 1,
    };
    expect(fitOffer(extension, 95_000).instalments).toEqual([
      { dueOn: '2026-02-01', amountMinor: 95_000 },
    ]);
  });
});
