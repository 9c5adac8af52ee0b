import { z } from 'zod';

import { FEATURE_NAMES } from './features';

/**
 * The payment model as a JSON document: what it reads, how it was fitted and chosen, on
 * what, how well it did, and its weights (the XGBoost booster file included). The same
 * history, options and seed give the same document byte for byte: nothing in it depends
 * on when or where it was trained.
 */
export const MODEL_KIND = 'huikuan.payment.dispute-mixture-linear';
/**
 * Version 2 adds the region features, the regions' totals on the training day and the
 * smoothing of a debtor's dispute share towards its region's (`regionPriorInvoices`): a
 * version 1 document is not read, so a stored one must be trained again.
 */
export const MODEL_VERSION = 2;

const finite = z.number().finite();
const feature = z.enum(FEATURE_NAMES);

const scores = z
  .object({
    invoices: z.number().int().nonnegative(),
    auc: finite.nullable(),
    accuracy: finite,
    maeDays: finite,
  })
  .strict();

const candidate = z
  .object({ lambda: finite, shrinkInvoices: finite.nonnegative(), maeDays: finite })
  .strict();

const columnCode = z
  .object({
    feature,
    part: z.enum(['value', 'missing']),
    log: z.boolean(),
    center: finite,
    scale: finite.positive(),
    shrink: z
      .object({ by: feature, invoices: finite.positive(), toward: finite })
      .strict()
      .nullable(),
  })
  .strict();

const modelSchema = z
  .object({
    version: z.literal(MODEL_VERSION),
    kind: z.literal(MODEL_KIND),
    features: z.array(feature),
    withDisputed: z.boolean(),
    params: z
      .object({
        days: z
          .object({
            booster: z.literal('gblinear'),
            objective: z.literal('reg:linear'),
            lambda: finite,
            alpha: finite,
            eta: finite,
            iterations: z.number().int().positive(),
            seed: z.number().int(),
          })
          .strict(),
        logistic: z.object({ steps: z.number().int().positive(), rate: finite }).strict(),
        shrinkInvoices: finite.nonnegative(),
        marginDays: finite.positive(),
        disputePriorInvoices: finite.nonnegative(),
        regionPriorInvoices: finite.nonnegative(),
        selection: z
          .object({
            method: z.enum(['time-ordered-validation', 'default', 'fixed']),
            validationFrom: z.string().nullable(),
            candidates: z.array(candidate),
            lambda: finite,
            shrinkInvoices: finite.nonnegative(),
            validation: scores.nullable(),
          })
          .strict(),
      })
      .strict(),
    seed: z.number().int(),
    trainedOn: z
      .object({
        asOf: z.string(),
        issuedBefore: z.string(),
        /** Invoices learnt from: the latest `MAX_TRAINING_INVOICES` of those labelled. */
        invoices: z.number().int().positive(),
        labelledInvoices: z.number().int().positive(),
        debtors: z.number().int().positive(),
        firstIssueDate: z.string(),
        lastIssueDate: z.string(),
        lateShare: finite,
        disputedShare: finite,
        meanDaysToSettle: finite,
        medianDaysToSettle: finite,
      })
      .strict(),
    metrics: z.object({ training: scores, validation: scores.nullable() }).strict(),
    /** The regions' totals on the training day, which predictions read (`RegionSnapshot`). */
    regions: z
      .object({
        asOf: z.string(),
        totals: z.array(
          z
            .object({
              region: z.string().min(1),
              settledCount: z.number().int().nonnegative(),
              late: z.number().int().nonnegative(),
              disputed: z.number().int().nonnegative(),
              daysToSettle: finite,
            })
            .strict(),
        ),
      })
      .strict(),
    coding: z.array(columnCode),
    weights: z
      .object({
        days: z
          .object({ model: z.string().min(1), intercept: finite, weights: z.array(finite) })
          .strict(),
        late: z.array(finite).length(4),
        dispute: z.array(finite).length(4),
        disputeRate: finite.gt(0).lt(1),
      })
      .strict(),
  })
  .strict()
  .refine((model) => model.weights.days.weights.length === model.coding.length, {
    message: 'the days weights do not match the coded columns',
  });

export type PaymentModel = z.infer<typeof modelSchema>;

/** Checks a model document (e.g. read from a file); throws a ZodError naming what is wrong. */
export const parseModel = (value: unknown): PaymentModel => modelSchema.parse(value);
