import { findStrategyBridge } from '../bridge';
import { findRoutingProblem } from '../domain/case-check';
import {
  decideOffer,
  parseOfferConfig,
  type OfferConfig,
  type RawOfferConfig,
} from '../domain/offer';
import { findStepRecordsProblem } from '../domain/step-records';
import type { NodeAPI, NodeDefinition, RuntimeNode } from '../node-red';
import { refuseInput } from '../node-support';
import { applyDecision, planContext, planningTally } from '../plan-support';
import type { StrategyCase } from '../types';

type OfferDefinition = NodeDefinition & RawOfferConfig;

const SLOT = { planned: 0, 'already-planned': 1, frozen: 2, 'nothing-due': 3 } as const;

function findInputProblem(config: OfferConfig, payload: unknown): string | null {
  const fields: Array<keyof StrategyCase> = [
    'caseId',
    'asOf',
    'overdueAmountMinor',
    'currency',
    'history',
  ];
  if (config.channel === 'reminder') fields.push('preferredChannel', 'reachable');
  return (
    findRoutingProblem(payload, fields) ??
    findStepRecordsProblem((payload as StrategyCase).history, [config.stepKey], false)
  );
}

/**
 * hk-offer: proposes an instalment plan or an extension of the case's overdue amount, hands the
 * offer to the runtime's bridge and passes the message on with `msg.plan`.
 */
export = function registerOffer(RED: NodeAPI): void {
  function HkOffer(this: RuntimeNode, definition: OfferDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseOfferConfig(definition);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-offer.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-offer.status.invalid-config');
      return;
    }
    const { config } = parsed;
    const bridge = findStrategyBridge(RED.settings);
    const tally = planningTally(node, {
      labels: [
        RED._(`hk-offer.type.${config.schedule.type}`),
        RED._('hk-offer.status.already-planned'),
        RED._('hk-offer.status.frozen'),
        RED._('hk-offer.status.nothing-due'),
      ],
      noBridge: bridge === null ? RED._('hk-offer.status.no-bridge') : null,
    });

    node.on('input', (msg, send, done) => {
      const problem = findInputProblem(config, msg.payload);
      if (problem !== null) {
        done(new Error(RED._('hk-offer.errors.invalid-case', { problem })));
        return;
      }

      const decision = decideOffer(config, msg.payload as StrategyCase, planContext(node, msg));
      if (!applyDecision(bridge, decision, msg, done)) return;

      tally.count(SLOT[decision.outcome]);
      send(msg);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType('hk-offer', HkOffer);
};
