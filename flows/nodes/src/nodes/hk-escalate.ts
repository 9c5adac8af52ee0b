import { findStrategyBridge } from '../bridge';
import { findRoutingProblem } from '../domain/case-check';
import {
  decideEscalation,
  parseEscalationConfig,
  type RawEscalationConfig,
} from '../domain/escalation';
import { findStepRecordsProblem } from '../domain/step-records';
import type { AdminHandler, NodeAPI, NodeDefinition, RuntimeNode } from '../node-red';
import { refuseInput, toError } from '../node-support';
import { applyDecision, holidayDataWarner, planContext, planningTally } from '../plan-support';
import type { StrategyCase } from '../types';

type EscalateDefinition = NodeDefinition & RawEscalationConfig;

const SLOT = { planned: 0, 'already-planned': 1, frozen: 2, estimated: 3 } as const;

const TYPE = 'hk-escalate';
/** The admin endpoint's permission, named `<type>.read` as Node-RED's core nodes name theirs. */
const READ_PERMISSION = `${TYPE}.read`;

/**
 * GET /hk-escalate/agencies: the agencies a case can be handed to, for the editor's select, as
 * `[{ code, name }]`; 503 when the runtime has no agency list or it cannot be read.
 */
function listAgencies(RED: NodeAPI): AdminHandler {
  return (_req, res) => {
    const bridge = findStrategyBridge(RED.settings);
    const list = bridge?.listAgencies;
    if (typeof list !== 'function') {
      res.status(503).json({ error: 'no-agency-list' });
      return;
    }

    Promise.resolve()
      .then(() => list.call(bridge))
      .then(
        (agencies) => res.json(agencies.map(({ code, name }) => ({ code, name }))),
        (err: unknown) => {
          res.status(503).json({ error: 'agency-list-failed', message: toError(err).message });
        },
      );
  };
}

/**
 * hk-escalate: plans a field visit, a legal review, an agency hand-off or a write-off proposal
 * for the case, hands it to the runtime's bridge and passes the message on with `msg.plan`.
 */
export = function registerEscalate(RED: NodeAPI): void {
  RED.httpAdmin.get(
    `/${TYPE}/agencies`,
    RED.auth.needsPermission(READ_PERMISSION),
    listAgencies(RED),
  );

  function HkEscalate(this: RuntimeNode, definition: EscalateDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseEscalationConfig(definition);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-escalate.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-escalate.status.invalid-config');
      return;
    }
    const { config } = parsed;
    const bridge = findStrategyBridge(RED.settings);
    const warnHolidayData = holidayDataWarner(node, (year) =>
      RED._('hk-escalate.warnings.no-holiday-data', { year }),
    );
    const tally = planningTally(node, {
      labels: [
        RED._(`hk-escalate.type.${config.type}`),
        RED._('hk-escalate.status.already-planned'),
        RED._('hk-escalate.status.frozen'),
      ],
      noBridge: bridge === null ? RED._('hk-escalate.status.no-bridge') : null,
      estimated: RED._('hk-escalate.status.estimated'),
    });

    node.on('input', (msg, send, done) => {
      const problem =
        findRoutingProblem(msg.payload, ['caseId', 'asOf', 'history']) ??
        findStepRecordsProblem((msg.payload as StrategyCase).history, [config.stepKey], false);
      if (problem !== null) {
        done(new Error(RED._('hk-escalate.errors.invalid-case', { problem })));
        return;
      }

      const strategyCase = msg.payload as StrategyCase;
      const decision = decideEscalation(config, strategyCase, planContext(node, msg));
      const noteEstimated = (year: number | null): void => {
        warnHolidayData(year);
        if (year !== null) tally.count(SLOT.estimated);
      };
      if (!applyDecision(bridge, decision, msg, done, noteEstimated)) return;

      tally.count(SLOT[decision.outcome]);
      send(msg);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType('hk-escalate', HkEscalate);
};
