import { findStrategyBridge } from '../bridge';
import { findRoutingProblem } from '../domain/case-check';
import { findStepRecordsProblem } from '../domain/step-records';
import {
  decideWait,
  parseWaitConfig,
  planHold,
  type RawWaitConfig,
  type WaitConfig,
} from '../domain/wait';
import type { NodeAPI, NodeDefinition, NodeMessage, RuntimeNode } from '../node-red';
import { refuseInput, toError } from '../node-support';
import {
  handOver,
  holidayDataWarner,
  markSentBack,
  planContext,
  plannedDue,
  planningTally,
  wasSentBackBy,
  withoutPlan,
} from '../plan-support';
import type { StrategyCase } from '../types';

type WaitDefinition = NodeDefinition & RawWaitConfig;

/** Tally slots; the first four are also the outputs of those outcomes. */
const SLOT = {
  'no-response': 0,
  responded: 1,
  promised: 2,
  'promise-broken': 3,
  waiting: 4,
  estimated: 5,
} as const;

function findInputProblem(config: WaitConfig, payload: unknown): string | null {
  const stepKeys = config.afterStep === null ? [] : [config.afterStep];
  return (
    findRoutingProblem(payload, ['caseId', 'asOf', 'history']) ??
    findStepRecordsProblem((payload as StrategyCase).history, stepKeys, config.afterStep === null)
  );
}

/**
 * hk-wait: waits a number of days after a step for the debtor to respond. Sends the case on by
 * output 1 (no response), 2 (responded), 3 (open promise: held until its date) or 4 (promise
 * broken: back to an earlier step); while it still waits it plans a hold and sends nothing.
 */
export = function registerWait(RED: NodeAPI): void {
  function HkWait(this: RuntimeNode, definition: WaitDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseWaitConfig(definition);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-wait.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-wait.status.invalid-config');
      return;
    }
    const { config } = parsed;
    const bridge = findStrategyBridge(RED.settings);
    const warnHolidayData = holidayDataWarner(node, (year) =>
      RED._('hk-wait.warnings.no-holiday-data', { year }),
    );
    const tally = planningTally(
      node,
      {
        labels: [
          RED._('hk-wait.status.no-response'),
          RED._('hk-wait.status.responded'),
          RED._('hk-wait.status.promised'),
          RED._('hk-wait.status.promise-broken'),
          RED._('hk-wait.status.waiting'),
        ],
        noBridge: bridge === null ? RED._('hk-wait.status.no-bridge') : null,
        estimated: RED._('hk-wait.status.estimated'),
      },
      SLOT.estimated,
    );

    node.on('input', (msg, send, done) => {
      const problem = findInputProblem(config, msg.payload);
      if (problem !== null) {
        done(new Error(RED._('hk-wait.errors.invalid-case', { problem })));
        return;
      }

      const strategyCase = msg.payload as StrategyCase;
      const decision = decideWait(
        config,
        strategyCase,
        wasSentBackBy(msg, node.id),
        plannedDue(msg),
      );
      withoutPlan(msg);
      if (decision.outcome === 'promised' || decision.outcome === 'waiting') {
        const context = planContext(node, msg);
        const reason = decision.outcome === 'promised' ? 'promise' : 'wait';
        try {
          if (!context.plannedSteps.includes(config.stepKey)) {
            handOver(bridge, planHold(config, strategyCase, reason, decision.until, context), msg);
          }
        } catch (err) {
          done(toError(err));
          return;
        }
      }

      if (decision.outcome === 'waiting') {
        warnHolidayData(decision.estimatedYear);
        if (decision.estimatedYear !== null) tally.count(SLOT.estimated);
        tally.count(SLOT.waiting);
        done();
        return;
      }
      if (decision.outcome === 'promise-broken') markSentBack(msg, node.id);
      const outputs: Array<NodeMessage | null> = [null, null, null, null];
      outputs[SLOT[decision.outcome]] = msg;
      tally.count(SLOT[decision.outcome]);
      send(outputs);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType('hk-wait', HkWait);
};
