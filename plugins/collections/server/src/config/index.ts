import { z } from 'zod';

const schema = z
  .object({
    /** Jobs each channel's worker runs at once. */
    workerConcurrency: z.number().int().min(1).max(64),
    /** How long a collection run waits for its actions to be sent. */
    settleTimeoutMs: z.number().int().min(1000),
  })
  .strict();

export type CollectionsPluginConfig = z.infer<typeof schema>;

export default {
  default: { workerConcurrency: 4, settleTimeoutMs: 300_000 } satisfies CollectionsPluginConfig,
  /** Throws on a bad plugin config in cms/config/plugins.ts, naming the key. */
  validator: (config: unknown): void => {
    const result = schema.safeParse(config);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`plugin collections: config.${issue?.path.join('.')} ${issue?.message}`);
    }
  },
};
