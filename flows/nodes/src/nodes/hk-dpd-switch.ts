import { bracketIndex, bracketLabels, parseBounds } from '../domain/dpd-brackets';
import { findCaseProblem } from '../domain/strategy-case';
import type { NodeAPI, NodeDefinition, NodeMessage, RuntimeNode } from '../node-red';
import { refuseInput, statusBadge } from '../node-support';
import type { StrategyCase } from '../types';

interface DpdSwitchDefinition extends NodeDefinition {
  /** Ascending lower bounds of the brackets, e.g. [0, 3, 7, 30, 60]. */
  bounds?: unknown;
}

/**
 * hk-dpd-switch: sends each case to the output of its days-past-due bracket, the highest one
 * whose lower bound is at most `maxDaysPastDue`. Cases below the first bound go nowhere.
 */
export = function registerDpdSwitch(RED: NodeAPI): void {
  function HkDpdSwitch(this: RuntimeNode, definition: DpdSwitchDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseBounds(definition.bounds);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-dpd-switch.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-dpd-switch.status.invalid-config');
      return;
    }
    const { bounds } = parsed;
    const labels = bracketLabels(bounds);

    node.on('input', (msg, send, done) => {
      const problem = findCaseProblem(msg.payload, ['maxDaysPastDue']);
      if (problem !== null) {
        done(new Error(RED._('hk-dpd-switch.errors.invalid-case', { problem })));
        return;
      }

      const index = bracketIndex(bounds, (msg.payload as StrategyCase).maxDaysPastDue);
      if (index < 0) {
        node.status(statusBadge.idle('hk-dpd-switch.status.below-first'));
        done();
        return;
      }

      const outputs: Array<NodeMessage | null> = bounds.map(() => null);
      outputs[index] = msg;
      send(outputs);
      node.status(statusBadge.ok(labels[index] ?? ''));
      done();
    });
  }

  RED.nodes.registerType('hk-dpd-switch', HkDpdSwitch);
};
