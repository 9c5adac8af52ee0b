import { findSourceRegistry } from '../bridge';
import type { NodeAPI, NodeDefinition, RuntimeNode } from '../node-red';
import { statusBadge } from '../node-support';
import type { CaseSource, StrategyCase } from '../types';

/**
 * hk-case-source: where the cases of a strategy run enter the flow. It registers with the
 * runtime's bridge, which sends each StrategyCase out as `msg.payload` (topic: the case id).
 */
export = function registerCaseSource(RED: NodeAPI): void {
  function emitCases(node: RuntimeNode, cases: readonly StrategyCase[]): number {
    for (const strategyCase of cases) {
      node.send({ topic: strategyCase.caseId, payload: structuredClone(strategyCase) });
    }
    node.status(statusBadge.ok(RED._('hk-case-source.status.emitted', { count: cases.length })));
    return cases.length;
  }

  function HkCaseSource(this: RuntimeNode, definition: NodeDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;
    const registry = findSourceRegistry(RED.settings);
    const source: CaseSource = {
      nodeId: node.id,
      flowId: node.z ?? '',
      emitCases: (cases) => emitCases(node, cases),
    };

    if (registry === null) {
      node.status(statusBadge.warning('hk-case-source.status.no-bridge'));
    } else {
      registry.registerSource(source);
      node.status(statusBadge.idle('hk-case-source.status.waiting'));
    }

    node.on('close', (_removed, done) => {
      registry?.unregisterSource(source);
      node.status({});
      done();
    });
  }

  RED.nodes.registerType('hk-case-source', HkCaseSource);
};
