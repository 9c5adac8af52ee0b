import type { Core } from '@strapi/strapi';
import { loadConfig } from '@huikuan/config';
import { errors } from '@strapi/utils';

import { futureRunProblem, parseIsoDate } from '../domain/dates';
import type { DryRunOptions } from '../services/cycle.service';
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

/** The fields a dry-run request may have. */
const DRY_RUN_FIELDS = ['asOf', 'flow'];

/**
 * The body of a dry-run request: `asOf` and `flow` (a strategy by name, e.g. `dpd-ladder`),
 * both optional; any other field is refused rather than silently ignored.
 */
const dryRunOptionsOf = (strapi: Core.Strapi, body: unknown): DryRunOptions => {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw new errors.ValidationError('the body must be a JSON object / 请求内容应为 JSON 对象');
  }
  const fields = Object.keys(body ?? {});
  const unknown = fields.filter((field) => !DRY_RUN_FIELDS.includes(field));
  if (unknown.length > 0) {
    throw new errors.ValidationError(
      `未知字段 / unknown field(s) ${unknown.join(', ')}: a dry run takes ${DRY_RUN_FIELDS.join(' and ')}`,
    );
  }
  const asOf = asOfOf(body);
  const flow = (body as { flow?: unknown } | undefined)?.flow;
  if (flow === undefined || flow === null || flow === '') return { asOf };
  return { asOf, flowFile: getService(strapi, 'strategy').flowFileNamed(flow) };
};

/** Errors whose message tells the caller what to change: answered 400. */
const REFUSALS = [
  'BackdatedRunError',
  'PolicyError',
  'StrategyPolicyError',
  'StrategyFlowError',
  'UnknownFlowError',
  'UnknownExperimentError',
];

/**
 * What the caller can act on becomes a 400 with its message: a day before one already run, an
 * invalid policy, a flow without a case source, an unknown strategy or experiment, a flow
 * that did not finish (a node still busy after the run's timeout).
 */
const refuseKnown = (error: unknown): never => {
  const name = (error as Error).name;
  if (REFUSALS.includes(name)) {
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
    const future = asOf === undefined ? null : futureRunProblem(asOf);
    if (future !== null) throw new errors.ValidationError(future);
    try {
      ctx.body = { data: await getService(strapi, 'cycle').run({ asOf }) };
    } catch (error) {
      refuseKnown(error);
    }
  },

  /**
   * POST /collections/strategy/dry-run {asOf?, flow?}: what the deployed flow (or the strategy
   * named `flow`) would plan; stores and sends nothing.
   */
  async dryRun(ctx: any) {
    try {
      const options = dryRunOptionsOf(strapi, ctx.request.body);
      ctx.body = { data: await getService(strapi, 'cycle').dryRun(options) };
    } catch (error) {
      refuseKnown(error);
    }
  },

  /** POST /collections/actions/:documentId/outcome: what came of a call, visit or letter task. */
  async recordTaskOutcome(ctx: any) {
    const documentId = String(ctx.params.documentId);
    const action = await strapi.db
      .query('api::action.action')
      .findOne({ where: { documentId }, select: ['id'] });
    if (!action) throw new errors.NotFoundError(`没有该催收动作 / no action ${documentId}`);

    const validated = validateTaskOutcome(ctx.request.body, loadConfig().defaultTimeZone);
    if ('errors' in validated) {
      throw new errors.ValidationError('the outcome is invalid / 任务结果有误', {
        errors: validated.errors,
      });
    }
    try {
      ctx.body = {
        data: await getService(strapi, 'tasks').recordOutcome(documentId, validated.input),
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
    const asOf = asOfOf(query);
    try {
      ctx.body = {
        data: await getService(strapi, 'strategy').compareExperiments({ asOf, experiment }),
      };
    } catch (error) {
      refuseKnown(error);
    }
  },
});

export default strategyController;
