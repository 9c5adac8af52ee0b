/**
 * The runtime shared by Huikuan's routing nodes: check the case fields a rule reads, send the
 * message unchanged to the rule's output, count per output on a throttled status badge.
 */
import { findRoutingProblem } from './domain/case-check';
import type { NodeAPI, NodeDefinition, NodeMessage, RuntimeNode } from './node-red';
import { refuseInput, statusBadge } from './node-support';
import { OutputTally, countsText } from './output-tally';
import type { StrategyCase } from './types';

/** A routing rule, built from a node's configuration. */
export interface SwitchRule {
  /** Case fields checked on every message before routing. */
  fields: ReadonlyArray<keyof StrategyCase>;
  /** Status badge label of each output, in port order. */
  labels: readonly string[];
  /** Status label of cases sent nowhere, shown once there are some. */
  unroutedLabel?: string;
  /** The output of a checked case: its index, -1 for none, or a problem naming the field. */
  route(strategyCase: StrategyCase): number | string;
}

export interface SwitchSpec<D extends NodeDefinition> {
  type: string;
  /** The rule of a configuration, or its problem: a key under `<type>.errors`. */
  configure(definition: D): SwitchRule | { problem: string };
}

function badgeText(rule: SwitchRule, counts: readonly number[]): string {
  const text = countsText(rule.labels, counts);
  const unrouted = counts[rule.labels.length] ?? 0;
  return unrouted > 0 ? `${text} · ${rule.unroutedLabel ?? '-'} ${unrouted}` : text;
}

/** Registers `spec.type` as a node that routes each case by `spec`'s rule. */
export function registerSwitchNode<D extends NodeDefinition>(
  RED: NodeAPI,
  spec: SwitchSpec<D>,
): void {
  const { type } = spec;

  function SwitchNode(this: RuntimeNode, definition: D): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const rule = spec.configure(definition);
    if ('problem' in rule) {
      refuseInput(node, RED._(`${type}.errors.${rule.problem}`), `${type}.status.invalid-config`);
      return;
    }
    const outputs = rule.labels.length;
    const tally = new OutputTally(outputs + 1, (counts) =>
      node.status(statusBadge.ok(badgeText(rule, counts))),
    );
    const fail = (problem: string): Error =>
      new Error(RED._(`${type}.errors.invalid-case`, { problem }));

    node.on('input', (msg, send, done) => {
      const problem = findRoutingProblem(msg.payload, rule.fields);
      if (problem !== null) {
        done(fail(problem));
        return;
      }

      const output = rule.route(msg.payload as StrategyCase);
      if (typeof output === 'string') {
        done(fail(output));
        return;
      }
      if (output >= 0) {
        const messages = new Array<NodeMessage | null>(outputs).fill(null);
        messages[output] = msg;
        send(messages);
      }
      tally.count(output >= 0 ? output : outputs);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType(type, SwitchNode);
}

/** Status labels from catalog keys `<type>.short.<output>`, in the runtime's language. */
export const shortLabels = (RED: NodeAPI, type: string, outputs: readonly string[]): string[] =>
  outputs.map((output) => RED._(`${type}.short.${output}`));
