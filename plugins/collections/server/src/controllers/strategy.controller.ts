import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { parseIsoDate } from '../domain/dates';
import { TaskNotOpenError } from '../services/tasks.service';
import { getService } from '../utils/services';
import { validateTaskOutcome } from '../validation/task-outcome';

/** The optional `asOf` of a request body or query, checked. */
const asOfOf = (source: unknown): string | undefined => {
  const value = (source as { asOf?: unknown } | undefined)?.asOf;
  if (value === undefined || value === null || value === '') return undefined;
  try {
    parseIsoDate(String(value), 'asOf');
  } catch {
    throw new errors.ValidationError('asOf must be a date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD');
  }
  return String(value);
};

/**
 * What the caller can act on becomes a 400 with its message: a day before one already run, an
 * invalid policy, a flow that did not finish (a node still busy after the run's timeout).
 */
const refuseKnown = (error: unknown): never => {
  const name = (error as Error).name;
  if (['BackdatedRunError', 'PolicyError', 'StrategyPolicyError'].includes(name)) {
    throw new errors.ValidationError((error as Error).message);
  }
  if (name === 'RunTimeoutError') {
    throw new errors.ApplicationError(
      `${(error as Error).message}: check the flows for a node that never finishes a message ` +
        '/ 策略流程未在时限内完成，请检查是否有节点未处理完消息',
    );
  }
  throw error;
};

const strategyController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /collections/cycles {asOf?}: runs the day's collection cycle now (API token). */
  async runCycle(ctx: any) {
    const asOf = asOfOf(ctx.request.body);
    try {
      ctx.body = { data: await getService(strapi, 'cycle').run({ asOf }) };
    } catch (error) {
      refuseKnown(error);
    }
  },

  /** POST /collections/strategy/dry-run {asOf?}: what the deployed flow would plan; stores nothing. */
  async dryRun(ctx: any) {
    const asOf = asOfOf(ctx.request.body);
    try {
      ctx.body = { data: await getService(strapi, 'cycle').dryRun({ asOf }) };
    } catch (error) {
      refuseKnown(error);
    }
  },

  /** POST /collections/actions/:documentId/outcome: what came of a call, visit or letter task. */
  async recordTaskOutcome(ctx: any) {
    const validated = validateTaskOutcome(ctx.request.body);
    if ('errors' in validated) {
      throw new errors.ValidationError('the outcome is invalid / 任务结果有误', {
        errors: validated.errors,
      });
    }
    try {
      ctx.body = {
        data: await getService(strapi, 'tasks').recordOutcome(
          String(ctx.params.documentId),
          validated.input,
        ),
      };
    } catch (error) {
      if (error instanceof TaskNotOpenError) throw new errors.ValidationError(error.message);
      refuseKnown(error);
    }
  },

  /** GET /collections/strategy/experiments?asOf=&experiment=: champion/challenger per branch. */
  async experiments(ctx: any) {
    const query = (ctx.request.query ?? {}) as Record<string, unknown>;
    const experiment = typeof query.experiment === 'string' ? query.experiment : undefined;
    ctx.body = {
      data: await getService(strapi, 'strategy').compareExperiments({
        asOf: asOfOf(query),
        experiment,
      }),
    };
  },
});

export default strategyController;
