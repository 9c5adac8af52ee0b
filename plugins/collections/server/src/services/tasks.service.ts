import type { Core } from '@strapi/strapi';

import { createActionStore } from '../repositories/action-store';
import { createActivityStore } from '../repositories/activity-store';
import { logEvent } from '../utils/log';
import { modelTable } from '../utils/model';
import { getService } from '../utils/services';
import type { TaskOutcomeInput } from '../validation/task-outcome';

/** The action is not an open collector task (planned, sent, cancelled, or no such action). */
export class TaskNotOpenError extends Error {
  override name = 'TaskNotOpenError';
}

/** The case's currency for a promise: what the open task's case is collecting. */
const caseCurrency = async (strapi: Core.Strapi, caseId: number): Promise<string | null> => {
  const cases = modelTable(strapi, 'api::collection-case.collection-case');
  const row = await strapi.db.connection(cases.table).where({ id: caseId }).first();
  return (row?.[cases.column('currency')] as string | undefined) ?? null;
};

/** A debtor's answer; a call that reached nobody is the collector's attempt. */
const directionOf = (outcome: TaskOutcomeInput['outcome']): 'inbound' | 'outbound' =>
  outcome === 'no_answer' || outcome === 'wrong_number' ? 'outbound' : 'inbound';

/**
 * The collector's worklist: what came of a call, visit or letter task. The outcome is written
 * as an activity of the task's case (a promise with its date and amount) and the debtor's
 * strategy runs again at once, so a promise holds the case and a refusal moves it on.
 */
const tasksService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async recordOutcome(documentId: string, input: TaskOutcomeInput) {
    const db = strapi.db.connection;
    const actions = createActionStore(strapi);
    const table = modelTable(strapi, 'api::action.action');
    const row = await db(table.table).where({ document_id: documentId }).first('id');
    const action = row ? await actions.findById(db, Number(row.id)) : null;
    if (!action) throw new TaskNotOpenError(`no action ${documentId} / 没有该催收动作`);
    if (action.status !== 'task_open') {
      throw new TaskNotOpenError(
        `action ${documentId} is ${action.status}, not an open task: only an open call, visit or ` +
          'letter task takes an outcome / 只有待办任务才能登记结果',
      );
    }

    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
    const recorded = await createActivityStore(strapi).record(db, {
      activityKey: `task:${documentId}:${occurredAt.toISOString()}:${input.outcome}`,
      occurredAt,
      channel: action.channel,
      outcome: input.outcome,
      direction: directionOf(input.outcome),
      summary: input.note ?? `${action.channel} task ${action.stepKey}: ${input.outcome}`,
      promiseDate: input.promiseDate ?? null,
      promiseAmountMinor: input.promiseAmountMinor ?? null,
      promiseCurrency:
        input.outcome === 'promised' ? await caseCurrency(strapi, action.caseId) : null,
      debtorId: action.debtorId,
      caseId: action.caseId,
      actionId: action.id,
    });
    // The task is done once the debtor was reached or the number found wrong; a call nobody
    // answered stays on the worklist for another try.
    if (input.outcome !== 'no_answer') {
      await db(table.table)
        .where({ id: action.id, [table.column('dispatchStatus')]: 'task_open' })
        .update({ [table.column('dispatchStatus')]: 'completed', updated_at: new Date() });
    }
    logEvent(strapi, 'info', 'task.outcome.recorded', {
      action: documentId,
      key: action.idempotencyKey,
      outcome: input.outcome,
      duplicate: !recorded,
    });
    const reevaluated = await getService(strapi, 'cycle').reevaluate([action.debtorId]);
    return { recorded, outcome: input.outcome, reevaluated };
  },
});

export default tasksService;
