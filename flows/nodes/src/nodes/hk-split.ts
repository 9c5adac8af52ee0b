import { findStrategyBridge } from '../bridge';
import { findRoutingProblem } from '../domain/case-check';
import { createSplitter, parseSplitConfig } from '../domain/split';
import type { NodeAPI, NodeDefinition, NodeMessage, RuntimeNode } from '../node-red';
import { refuseInput, statusBadge, toError } from '../node-support';
import { OutputTally, countsText } from '../output-tally';
import type { BranchAssignment, StrategyCase } from '../types';

interface SplitDefinition extends NodeDefinition {
  /** Stable experiment name; part of the hash, so node ids may change. */
  experiment?: unknown;
  /** [{ name, share }], one output each, in order. */
  branches?: unknown;
  /** The node ids each output is wired to. */
  wires?: unknown;
}

/** Per output: true when nothing is wired to it. */
const unwiredOutputs = (wires: unknown, outputs: number): boolean[] =>
  Array.from({ length: outputs }, (_, index) => {
    const port = Array.isArray(wires) ? (wires[index] as unknown) : undefined;
    return !Array.isArray(port) || port.length === 0;
  });

/**
 * hk-split: champion/challenger. Sends each case down one branch, chosen by a stable hash of
 * experiment and case id, records the choice in `msg.branches` and tells the bridge.
 */
export = function registerSplit(RED: NodeAPI): void {
  function HkSplit(this: RuntimeNode, definition: SplitDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;

    const parsed = parseSplitConfig(definition);
    if (parsed.problem !== undefined) {
      const message = RED._(`hk-split.errors.${parsed.problem}`);
      refuseInput(node, message, 'hk-split.status.invalid-config');
      return;
    }
    const { experiment, branches } = parsed.config;
    const names = branches.map(({ name }) => name);
    const branchOf = createSplitter(parsed.config);
    const bridge = findStrategyBridge(RED.settings);
    const tally = new OutputTally(branches.length, (counts) =>
      node.status(statusBadge.ok(countsText(names, counts))),
    );
    const unwired = unwiredOutputs(definition.wires, branches.length);
    const unwiredNames = names.filter((_, index) => unwired[index]);
    if (unwiredNames.length > 0) {
      node.status(
        statusBadge.warning(
          RED._('hk-split.status.unwired', { branches: unwiredNames.join(', ') }),
        ),
      );
    }

    node.on('input', (msg, send, done) => {
      const problem = findRoutingProblem(msg.payload, ['caseId']);
      if (problem !== null) {
        done(new Error(RED._('hk-split.errors.invalid-case', { problem })));
        return;
      }
      if (msg.branches !== undefined && !Array.isArray(msg.branches)) {
        done(new Error(RED._('hk-split.errors.branches-not-array')));
        return;
      }

      const { caseId } = msg.payload as StrategyCase;
      const index = branchOf(caseId);
      // A case sent down an output with no wire would get no plan and no one would know.
      if (unwired[index]) {
        const where = {
          branch: names[index] as string,
          output: index + 1,
          node: node.name || node.id,
        };
        done(new Error(RED._('hk-split.errors.branch-unwired', where)));
        return;
      }
      const assignment: BranchAssignment = {
        experiment,
        branch: names[index] as string,
        nodeId: node.id,
      };
      try {
        bridge?.assignBranch?.(caseId, assignment);
      } catch (err) {
        done(toError(err));
        return;
      }

      msg.branches = [...((msg.branches as BranchAssignment[] | undefined) ?? []), assignment];
      const outputs = new Array<NodeMessage | null>(branches.length).fill(null);
      outputs[index] = msg;
      send(outputs);
      tally.count(index);
      done();
    });

    node.on('close', (_removed, done) => {
      tally.stop();
      done();
    });
  }

  RED.nodes.registerType('hk-split', HkSplit);
};
