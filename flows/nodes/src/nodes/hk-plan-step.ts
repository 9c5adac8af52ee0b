import { findStrategyBridge } from '../bridge';
import { findRoutingProblem } from '../domain/case-check';
import {
  decideStep,
  parseStepConfig,
  type RawStepConfig,
  type StepConfig,
} from '../domain/step-plan';
import { findStepRecordsProblem } from '../domain/step-records';
import type { NodeAPI, NodeDefinition, RuntimeNode } from '../node-red';
import { refuseInput } from '../node-support';
import { applyDecision, holidayDataWarner, planContext, planningTally } from '../plan-support';
import type { StrategyCase } from '../types';

type PlanStepDefinition = NodeDefinition & RawStepConfig;

/** Tally slots: what became of the messages (estimated also counts among planned). */
const SLOT = { planned: 0, 'already-planned': 1, waiting: 2, frozen: 3, estimated: 4 } as const;

/** The first problem of the payload with the fields `config` reads, or null. */
function findInputProblem(config: StepConfig, payload: unknown): string | null {
  const fields: Array<keyof StrategyCase> = [
    'caseId',
    'asOf',
    'preferredChannel',
    'reachable',
    'history',
  ];
  if (config.anchor === 'due') fields.push('maxDaysPastDue');
  const stepKeys =
    config.afterStep === null ? [config.stepKey] : [config.stepKey, config.afterStep];
  const readsLastAction = config.anchor === 'previous' && config.afterStep === null;
  return (
    findRoutingProblem(payload, fields) ??
    findStepRecordsProblem((payload as StrategyCase).history, stepKeys, readsLastAction)
  );
}

/**
 * hk-plan-step: plans one collection action for the case in `msg.payload`, due a number of days
 * after its anchor, hands the StepPlan to the runtime's bridge and passes the message on with
 * `msg.plan` (output 1). A case whose anchor step is not there yet leaves by output 2.
 */
export = function registerPlanStep(RED: NodeAPI): void {
  function HkPlanStep(this: RuntimeNode, definition: PlanStepDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseStepConfig(definition);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-plan-step.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-plan-step.status.invalid-config');
      return;
    }
    const { config } = parsed;
    const bridge = findStrategyBridge(RED.settings);
    const warnHolidayData = holidayDataWarner(node, (year) =>
      RED._('hk-plan-step.warnings.no-holiday-data', { year }),
    );
    const tally = planningTally(node, {
      labels: [
        RED._('hk-plan-step.status.planned'),
        RED._('hk-plan-step.status.already-planned'),
        RED._('hk-plan-step.status.waiting'),
        RED._('hk-plan-step.status.frozen'),
      ],
      noBridge: bridge === null ? RED._('hk-plan-step.status.no-bridge') : null,
      estimated: RED._('hk-plan-step.status.estimated'),
    });

    node.on('input', (msg, send, done) => {
      const problem = findInputProblem(config, msg.payload);
      if (problem !== null) {
        done(new Error(RED._('hk-plan-step.errors.invalid-case', { problem })));
        return;
      }

      const decision = decideStep(config, msg.payload as StrategyCase, planContext(node, msg));
      const noteEstimated = (year: number | null): void => {
        warnHolidayData(year);
        if (year !== null) tally.count(SLOT.estimated);
      };
      if (!applyDecision(bridge, decision, msg, done, noteEstimated)) return;

      tally.count(SLOT[decision.outcome]);
      send(decision.outcome === 'waiting' ? [null, msg] : [msg, null]);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType('hk-plan-step', HkPlanStep);
};
