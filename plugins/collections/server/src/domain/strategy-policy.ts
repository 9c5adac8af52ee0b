import { z } from 'zod';

import type { OfferTerms } from '@huikuan/flows';

import { daysBetween } from './dates';
import { CHANNELS } from './ledger';

/**
 * The collection-strategy policy: what a flow may offer a debtor, when a promise counts as
 * broken, and what each channel costs. Stored as the published `collection-strategy` policy
 * in the CMS (versioned), seeded from DEFAULT_STRATEGY_POLICY and checked here, so a bad edit
 * is refused with the path of the field.
 */
export const STRATEGY_POLICY_NAME = 'collection-strategy';

/** Channels an action can take; each needs a unit cost. */
export const COST_CHANNELS = CHANNELS;

const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

const wholeDays = (max: number) => z.number().int().min(0).max(max);

const strategyPolicySchema = z
  .object({
    promises: z.object({
      /** Days after the promised date before an unpaid promise counts as broken. */
      graceDays: wholeDays(30),
    }),
    offers: z
      .object({
        maxInstalments: z.number().int().min(1).max(60),
        maxIntervalDays: z.number().int().min(1).max(365),
        /** The smallest down payment an instalment plan may ask, in percent of the overdue. */
        minDownPaymentPercent: z.number().min(0).max(100),
        /** The latest a last payment may lie after the offer, in days. */
        maxTermDays: z.number().int().min(1).max(1825),
      })
      .strict(),
    costs: z
      .object({
        /** Unit costs are in minor units of this currency. */
        currency: z
          .string()
          .refine((code) => ISO_CURRENCIES.has(code), 'must be an ISO 4217 currency code'),
        perChannel: z
          .object(
            Object.fromEntries(
              COST_CHANNELS.map((channel) => [channel, z.number().int().min(0)]),
            ) as {
              [K in (typeof COST_CHANNELS)[number]]: z.ZodNumber;
            },
          )
          .strict(),
        /** An agency keeps this share of what it recovers, in percent. */
        agencyCommissionPercent: z.number().min(0).max(100),
      })
      .strict(),
  })
  .strict();

export type StrategyPolicy = z.infer<typeof strategyPolicySchema>;

export class StrategyPolicyError extends Error {
  override name = 'StrategyPolicyError';
}

export const parseStrategyPolicy = (config: unknown, version: number | string = '?') => {
  const result = strategyPolicySchema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new StrategyPolicyError(
    `${STRATEGY_POLICY_NAME} policy v${version} is invalid / 催收策略参数无效: ${problems}`,
  );
};

/** Seeded on first start; edit it in the CMS (Policy 策略参数 → collection-strategy). */
export const DEFAULT_STRATEGY_POLICY: StrategyPolicy = {
  promises: { graceDays: 3 },
  offers: { maxInstalments: 12, maxIntervalDays: 31, minDownPaymentPercent: 10, maxTermDays: 365 },
  costs: {
    currency: 'CNY',
    // Typical 2026 costs of a mid-size Chinese creditor, in fen: an email is nearly free, an
    // SMS is a few jiao, a registered letter ~8 yuan, a collector's call ~5 yuan of time, a
    // visit ~150 yuan with travel, a lawyer's review ~800 yuan.
    perChannel: {
      email: 2,
      sms: 5,
      letter: 800,
      phone: 500,
      visit: 15000,
      legal: 80000,
      agency: 0,
      write_off: 0,
    },
    agencyCommissionPercent: 20,
  },
};

/**
 * Why an offer is outside the policy, or null when it is within it. Instalment plans must
 * ask at least the minimum down payment and fit the count, interval and term limits.
 */
export function offerProblem(
  offer: OfferTerms,
  overdueMinor: number,
  asOf: string,
  policy: StrategyPolicy,
): string | null {
  const limits = policy.offers;
  const total = offer.downPaymentMinor + offer.instalments.reduce((s, i) => s + i.amountMinor, 0);
  if (total !== overdueMinor) {
    return `the offer adds up to ${total}, not the overdue ${overdueMinor} (minor units)`;
  }
  if (offer.instalments.length === 0) return 'the offer has no payment date';
  if (offer.type === 'instalment') {
    if (offer.instalments.length > limits.maxInstalments) {
      return `${offer.instalments.length} instalments exceed the policy's ${limits.maxInstalments}`;
    }
    const minDown = Math.ceil((overdueMinor * limits.minDownPaymentPercent) / 100);
    if (offer.downPaymentMinor < minDown) {
      return (
        `a down payment of ${offer.downPaymentMinor} is below the policy's ` +
        `${limits.minDownPaymentPercent}% (${minDown})`
      );
    }
  }
  let previous = asOf;
  for (const instalment of offer.instalments) {
    const gap = daysBetween(previous, instalment.dueOn);
    if (gap < 0) return `instalment dates must not go back (${instalment.dueOn})`;
    if (offer.type === 'instalment' && gap > limits.maxIntervalDays) {
      return `${gap} days between payments exceed the policy's ${limits.maxIntervalDays}`;
    }
    previous = instalment.dueOn;
  }
  const term = daysBetween(asOf, previous);
  if (term > limits.maxTermDays) {
    return `a last payment ${term} days out exceeds the policy's ${limits.maxTermDays}`;
  }
  return null;
}
