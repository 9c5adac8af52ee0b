import { Faker, base, zh_CN } from '@faker-js/faker';
import type {
  ActivityRecord,
  FinancialStatementRecord,
  LedgerBatch,
} from '@huikuan/plugin-collections/domain/ledger';
import { DateTime } from 'luxon';

/** How a debtor pays (see generate-portfolio): decides its statements and its contact notes. */
export type Profile = 'prompt' | 'slow' | 'chronic' | 'distressed' | 'disputer';

/** Financial health behind a profile: a distressed debtor has thin liquidity and losses. */
const HEALTH: Record<
  Profile,
  { liquidity: [number, number]; leverage: [number, number]; margin: [number, number] }
> = {
  prompt: { liquidity: [1.4, 2.6], leverage: [0.3, 0.55], margin: [0.04, 0.12] },
  slow: { liquidity: [1.0, 1.8], leverage: [0.45, 0.7], margin: [0.01, 0.07] },
  // Chronic late payers in this book can pay: their statements are sound.
  chronic: { liquidity: [1.3, 2.2], leverage: [0.35, 0.6], margin: [0.03, 0.1] },
  distressed: { liquidity: [0.5, 0.95], leverage: [0.8, 1.1], margin: [-0.12, -0.01] },
  disputer: { liquidity: [1.1, 2.0], leverage: [0.4, 0.65], margin: [0.02, 0.08] },
};

const NOTES: Record<
  Profile,
  Array<{
    text: string;
    outcome: ActivityRecord['outcome'];
    direction: ActivityRecord['direction'];
  }>
> = {
  prompt: [{ text: '财务说上月忘了付，马上安排', outcome: 'reached', direction: 'inbound' }],
  slow: [{ text: '对方表示月底统一付款', outcome: 'reached', direction: 'inbound' }],
  chronic: [
    { text: '客户称领导不在，付款再拖着', outcome: 'refused', direction: 'inbound' },
    { text: '电话无人接听', outcome: 'no_answer', direction: 'outbound' },
  ],
  distressed: [
    {
      text: '客户称最近资金紧张，下游回款慢，希望分期付款',
      outcome: 'reached',
      direction: 'inbound',
    },
    { text: '客户请求延期一个月，资金周转困难', outcome: 'reached', direction: 'inbound' },
  ],
  disputer: [
    {
      text: '客户反映部分货物有质量问题，要求退货后再付款',
      outcome: 'disputed',
      direction: 'inbound',
    },
  ],
};

const round100 = (value: number): number => Math.round(value / 100) * 100;

/**
 * Statements for the last two fiscal years of most domestic debtors, and the contact notes
 * a collector would have written, both from a generator of their own (seed + 1) so the
 * ledger itself stays what generatePortfolio always gave for a seed.
 */
export const addEvidence = (
  batch: LedgerBatch,
  profiles: Map<string, Profile>,
  options: { seed: number; today: string },
): void => {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(options.seed + 1);
  const today = DateTime.fromISO(options.today, { zone: 'UTC' });
  const between = ([min, max]: [number, number]) => faker.number.float({ min, max });
  let sequence = 0;
  const paymentsOf = new Map<string, LedgerBatch['payments']>();
  for (const payment of batch.payments) {
    const list = paymentsOf.get(payment.debtorCode);
    if (list) list.push(payment);
    else paymentsOf.set(payment.debtorCode, [payment]);
  }

  for (const debtor of batch.debtors) {
    const profile = profiles.get(debtor.code);
    if (!profile || debtor.language === 'en') continue;

    if (faker.number.float() < 0.7) {
      const health = HEALTH[profile];
      const totalAssets = round100((debtor.creditLimitMinor ?? 10_000_000) * between([8, 30]));
      let previousSales: number | null = null;
      for (const year of [today.year - 2, today.year - 1]) {
        const leverage = between(health.leverage);
        const totalLiabilities = round100(totalAssets * leverage);
        const shortTerm = round100(totalLiabilities * between([0.6, 0.9]));
        const currentAssets = Math.min(
          round100(shortTerm * between(health.liquidity)),
          totalAssets,
        );
        const inventory = round100(currentAssets * between([0.2, 0.45]));
        const cash = round100(currentAssets * between([0.05, 0.25]));
        const receivables = round100((currentAssets - inventory - cash) * between([0.5, 0.9]));
        const sales = round100(
          (previousSales ?? totalAssets * between([0.8, 1.6])) * between([0.85, 1.15]),
        );
        previousSales = sales;
        const netProfit = round100(sales * between(health.margin));
        const depreciation = round100(totalAssets * between([0.02, 0.05]));
        const equity = totalAssets - totalLiabilities;
        const statement: FinancialStatementRecord = {
          debtorCode: debtor.code,
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          currency: debtor.creditLimitCurrency ?? 'CNY',
          totalAssetsMinor: totalAssets,
          currentAssetsMinor: currentAssets,
          inventoryMinor: inventory,
          cashMinor: cash,
          receivablesMinor: receivables,
          totalLiabilitiesMinor: totalLiabilities,
          shortTermLiabilitiesMinor: shortTerm,
          equityMinor: equity,
          shareCapitalMinor: round100(Math.abs(equity) * 0.5),
          retainedEarningsMinor: round100(equity * between([0.1, 0.4])),
          salesMinor: sales,
          costOfSalesMinor: round100(sales * between([0.7, 0.85])),
          ebitMinor: round100(netProfit * 1.25 + sales * 0.01),
          netProfitMinor: netProfit,
          depreciationMinor: depreciation,
          operatingCashFlowMinor: round100(
            netProfit + depreciation + sales * between([-0.03, 0.03]),
          ),
        };
        batch.statements.push(statement);
      }
    }

    if (faker.number.float() < 0.5) {
      const notes = NOTES[profile];
      const count = faker.number.int({ min: 1, max: notes.length + 1 });
      for (let index = 0; index < count; index += 1) {
        const note = faker.helpers.arrayElement(notes);
        sequence += 1;
        const occurred = today.minus({ days: faker.number.int({ min: 10, max: 120 }) });
        batch.activities.push({
          key: `CRM-${String(sequence).padStart(6, '0')}`,
          debtorCode: debtor.code,
          occurredOn: occurred.toISODate() as string,
          channel: 'phone',
          direction: note.direction,
          outcome: note.outcome,
          summary: note.text,
        });
      }
      if (profile === 'chronic' || profile === 'slow') {
        sequence += 1;
        const made = today.minus({ days: faker.number.int({ min: 20, max: 60 }) });
        batch.activities.push({
          key: `CRM-${String(sequence).padStart(6, '0')}`,
          debtorCode: debtor.code,
          occurredOn: made.toISODate() as string,
          channel: 'phone',
          direction: 'inbound',
          outcome: 'promised',
          promiseDate: made.plus({ days: 7 }).toISODate() as string,
          summary: '承诺下周付款 / promised to pay next week',
        });
      }
      // A distressed debtor that keeps talking: it answers reminders and keeps its
      // promises of part payments, so it reads as willing but unable (LH).
      const recent = paymentsOf
        .get(debtor.code)
        ?.filter((payment) => payment.paymentDate >= today.minus({ days: 120 }).toISODate()!);
      if (profile === 'distressed' && recent && recent.length > 0 && faker.number.float() < 0.7) {
        for (const payment of recent.slice(-3)) {
          const paid = DateTime.fromISO(payment.paymentDate, { zone: 'UTC' });
          const add = (activity: Omit<ActivityRecord, 'key' | 'debtorCode'>) => {
            sequence += 1;
            batch.activities.push({
              key: `CRM-${String(sequence).padStart(6, '0')}`,
              debtorCode: debtor.code,
              ...activity,
            });
          };
          add({
            occurredOn: paid.minus({ days: 8 }).toISODate() as string,
            channel: 'phone',
            direction: 'outbound',
            outcome: 'reached',
            summary: '电话提醒付款',
          });
          add({
            occurredOn: paid.minus({ days: 6 }).toISODate() as string,
            channel: 'phone',
            direction: 'inbound',
            outcome: 'promised',
            promiseDate: paid.toISODate() as string,
            promiseAmountMinor: payment.amountMinor,
            summary: '资金紧张，先付一部分，承诺按期分批付款',
          });
        }
      }
    }
  }
};
