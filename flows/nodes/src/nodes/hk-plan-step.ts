import { findStrategyBridge } from '../bridge';
import { parseStepConfig, planStep, type RawStepConfig } from '../domain/step-plan';
import { findCaseProblem } from '../domain/strategy-case';
import type { NodeAPI, NodeDefinition, RuntimeNode } from '../node-red';
import { refuseInput, statusBadge, toError } from '../node-support';
import type { StrategyCase } from '../types';

type PlanStepDefinition = NodeDefinition & RawStepConfig;

/**
 * hk-plan-step: plans one collection action for the case in `msg.payload`, hands the
 * StepPlan to the runtime's bridge and passes the message on with `msg.plan`.
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
    const origin = { flowId: node.z ?? '', nodeId: node.id };

    node.on('input', (msg, send, done) => {
      const problem = findCaseProblem(msg.payload, ['caseId', 'preferredChannel', 'reachable']);
      if (problem !== null) {
        done(new Error(RED._('hk-plan-step.errors.invalid-case', { problem })));
        return;
      }

      const plan = planStep(config, msg.payload as StrategyCase, origin);
      try {
        bridge?.planStep(plan);
      } catch (err) {
        done(toError(err));
        return;
      }

      node.status(
        bridge === null
          ? statusBadge.warning('hk-plan-step.status.no-bridge')
          : statusBadge.ok(`hk-plan-step.channel.${plan.channel}`),
      );
      msg.plan = plan;
      send(msg);
      done();
    });
  }

  RED.nodes.registerType('hk-plan-step', HkPlanStep);
};
