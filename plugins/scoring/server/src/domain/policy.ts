import { z } from 'zod';

/**
 * The scoring policy: thresholds, weights and the overdue-reason rules. It is stored as
 * the published `scoring` policy in the CMS (versioned), seeded from DEFAULT_POLICY, and
 * validated here so a mistyped edit is refused with the path of the bad field.
 */

export const VERDICTS = ['cash_flow', 'oversight', 'dispute', 'wilful', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Facts about a case a reason rule may test; each is a number (counts, shares, scores). */
export const SIGNALS = [
  'disputedOpenInvoices',
  'disputeContacts',
  'promisesKept',
  'promisesBroken',
  'refusals',
  'unansweredReminders',
  'repliedReminders',
  'settledInvoices',
  'onTimeShare',
  'lateShare',
  'recentDaysLateTrend',
  'maxDaysPastDue',
  'partialPayments',
  'extensionRequests',
  'balanceGrowth',
  'abilityScore',
  'willingnessScore',
  'weakRatios',
] as const;
export type Signal = (typeof SIGNALS)[number];

const anchor = z
  .object({
    /** Value that scores 0 and the value that scores 100; between them the score is linear. */
    bad: z.number().finite(),
    good: z.number().finite(),
    weight: z.number().min(0),
  })
  .strict()
  .refine((value) => value.bad !== value.good, { message: 'bad and good must differ' });

const condition = z.union([
  z
    .object({
      signal: z.enum(SIGNALS),
      op: z.enum(['>=', '<=', '>', '<', '==']),
      value: z.number().finite(),
      weight: z.number().positive(),
    })
    .strict(),
  z
    .object({
      /** Words looked for in contact notes and transcripts; case-insensitive. */
      keywords: z.array(z.string().trim().min(1)).min(1),
      weight: z.number().positive(),
    })
    .strict(),
]);

const rule = z
  .object({
    verdict: z.enum(VERDICTS).refine((v) => v !== 'unknown', 'unknown is what no rule found'),
    /** Conditions that must all hold before any of this rule's evidence counts. */
    requires: z.array(condition).default([]),
    /** Each condition that holds adds its weight to the verdict. */
    evidence: z.array(condition).min(1),
  })
  .strict();

export const policySchema = z
  .object({
    quadrant: z
      .object({
        abilityThreshold: z.number().min(0).max(100),
        willingnessThreshold: z.number().min(0).max(100),
      })
      .strict(),
    ability: z
      .object({
        /** A statement older than this (by period end) is not used. */
        statementMaxAgeDays: z.number().int().positive(),
        /** Older than this but usable: medium confidence instead of high. */
        statementFreshDays: z.number().int().positive(),
        ratios: z
          .object({
            debtRatio: anchor,
            currentRatio: anchor,
            quickRatio: anchor,
            cashRatio: anchor,
            operatingCashFlowRatio: anchor,
            altmanZ2: anchor,
            bankruptcyProbability: anchor,
          })
          .strict(),
        /** Words in a debtor's messages that count as a request for more time. */
        extensionKeywords: z.array(z.string().trim().min(1)).min(1),
        behaviour: z
          .object({
            partialPaymentShare: anchor,
            extensionRequests: anchor,
            balanceGrowth: anchor,
            recentDaysLate: anchor,
          })
          .strict(),
      })
      .strict(),
    willingness: z
      .object({
        onTimeShare: anchor,
        meanDaysLate: anchor,
        promiseKeptShare: anchor,
        reminderReplyShare: anchor,
        relationshipMonths: anchor,
        predictedOnTime: anchor,
        refusals: anchor,
      })
      .strict(),
    reasons: z
      .object({
        /** A verdict needs at least this much evidence weight; below it the reason is unknown. */
        minWeight: z.number().positive(),
        rules: z.array(rule).min(1),
      })
      .strict(),
  })
  .strict();

export type ScoringPolicy = z.infer<typeof policySchema>;
export type ReasonRule = ScoringPolicy['reasons']['rules'][number];
export type Condition = ReasonRule['evidence'][number];
export type Anchor = z.infer<typeof anchor>;

/** The policy name in the CMS. */
export const POLICY_NAME = 'scoring';

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Validates a stored policy; the error names the path of each bad field. */
export const parsePolicy = (config: unknown, version: number | string = '?'): ScoringPolicy => {
  const result = policySchema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new PolicyError(`scoring policy v${version} is invalid / 评分策略无效: ${problems}`);
};

const a = (bad: number, good: number, weight = 1): Anchor => ({ bad, good, weight });

/** The policy seeded on first start; edit it in the CMS (Policy 策略参数 → scoring). */
export const DEFAULT_POLICY: ScoringPolicy = {
  quadrant: { abilityThreshold: 50, willingnessThreshold: 50 },
  ability: {
    statementMaxAgeDays: 550,
    statementFreshDays: 400,
    ratios: {
      debtRatio: a(0.9, 0.4, 1),
      currentRatio: a(0.8, 2.0, 1),
      quickRatio: a(0.4, 1.2, 1),
      cashRatio: a(0.05, 0.5, 0.5),
      operatingCashFlowRatio: a(-0.1, 0.4, 1),
      altmanZ2: a(1.1, 2.6, 1),
      bankruptcyProbability: a(0.3, 0.02, 2),
    },
    extensionKeywords: [
      '延期',
      '宽限',
      '推迟',
      '晚点付',
      '缓几天',
      'extension',
      'more time',
      'postpone',
    ],
    behaviour: {
      partialPaymentShare: a(0.5, 0, 1),
      extensionRequests: a(3, 0, 1),
      balanceGrowth: a(1.0, 0, 1),
      recentDaysLate: a(45, 0, 1),
    },
  },
  willingness: {
    onTimeShare: a(0.2, 0.9, 2),
    meanDaysLate: a(30, 0, 1),
    promiseKeptShare: a(0, 1, 2),
    reminderReplyShare: a(0, 0.8, 1),
    relationshipMonths: a(0, 24, 0.5),
    predictedOnTime: a(0.2, 0.9, 2),
    refusals: a(2, 0, 2),
  },
  reasons: {
    minWeight: 2,
    rules: [
      {
        verdict: 'dispute',
        requires: [],
        evidence: [
          { signal: 'disputedOpenInvoices', op: '>=', value: 1, weight: 3 },
          { signal: 'disputeContacts', op: '>=', value: 1, weight: 3 },
          {
            keywords: [
              '质量问题',
              '质量',
              '没收到货',
              '未收到货',
              '货不对',
              '退货',
              '破损',
              '少货',
              '发票有误',
              'quality',
              'defect',
              'damaged',
              'not received',
              'never received',
              'wrong goods',
              'return',
              'invoice is wrong',
            ],
            weight: 3,
          },
        ],
      },
      {
        verdict: 'cash_flow',
        requires: [],
        evidence: [
          {
            keywords: [
              '资金紧张',
              '周转',
              '资金困难',
              '现金流',
              '没钱',
              '回款慢',
              '延期',
              '缓一缓',
              '分期',
              'cash flow',
              'tight',
              'liquidity',
              'short of cash',
              'instalment',
              'installment',
              'more time',
              'extension',
            ],
            weight: 3,
          },
          { signal: 'weakRatios', op: '>=', value: 2, weight: 2 },
          { signal: 'abilityScore', op: '<', value: 40, weight: 2 },
          { signal: 'partialPayments', op: '>=', value: 2, weight: 1 },
          { signal: 'extensionRequests', op: '>=', value: 1, weight: 1 },
        ],
      },
      {
        verdict: 'wilful',
        requires: [{ signal: 'abilityScore', op: '>=', value: 60, weight: 1 }],
        evidence: [
          { signal: 'promisesBroken', op: '>=', value: 2, weight: 3 },
          { signal: 'refusals', op: '>=', value: 1, weight: 3 },
          { signal: 'unansweredReminders', op: '>=', value: 4, weight: 1 },
          {
            keywords: [
              '拒付',
              '不付',
              '不给',
              '拖着',
              '赖账',
              'refuse',
              "won't pay",
              'will not pay',
            ],
            weight: 3,
          },
        ],
      },
      {
        verdict: 'oversight',
        requires: [{ signal: 'onTimeShare', op: '>=', value: 0.75, weight: 1 }],
        evidence: [
          { signal: 'maxDaysPastDue', op: '<=', value: 30, weight: 1 },
          { signal: 'settledInvoices', op: '>=', value: 3, weight: 1 },
          {
            keywords: [
              '忘了',
              '忘记',
              '疏忽',
              '漏付',
              '没注意',
              'forgot',
              'overlooked',
              'missed it',
            ],
            weight: 3,
          },
        ],
      },
    ],
  },
};

/** Linear score 0–100 between an anchor's bad and good values (either may be the larger). */
export const anchorScore = (value: number, anchorValue: Anchor): number => {
  const t = (value - anchorValue.bad) / (anchorValue.good - anchorValue.bad);
  return Math.round(100 * Math.min(1, Math.max(0, t)));
};
