import { findDryRunner, findSourceRegistry } from '../bridge';
import { parseDryRunRequest } from '../domain/dry-run';
import type {
  AdminHandler,
  AdminResponse,
  NodeAPI,
  NodeDefinition,
  RuntimeNode,
} from '../node-red';
import { refuseInput, statusBadge, toError } from '../node-support';
import { parseQuadrantFilter } from '../domain/quadrant-filter';
import type { CaseSource, DryRunOptions, StrategyCase } from '../types';

const NODE_TYPE = 'hk-case-source';

type CaseSourceDefinition = NodeDefinition & { quadrants?: unknown };
/** The editor's dry-run button: POST {httpAdminRoot}/hk-case-source/:id/dry-run. */
const DRY_RUN_PATH = `/${NODE_TYPE}/:id/dry-run`;
/** Like the inject node's button: users with write access to the flows may press it. */
const DRY_RUN_PERMISSION = `${NODE_TYPE}.write`;

/** Why a dry run was refused; also its message key under `errors`. */
type DryRunRefusal =
  'not-deployed' | 'not-in-flows' | 'as-of-invalid' | 'flows-invalid' | 'no-dry-runner';

/**
 * hk-case-source: where the cases of a strategy run enter the flow. It registers with the
 * runtime's bridge, which sends each StrategyCase out as `msg.payload` (topic: the case id).
 */
export = function registerCaseSource(RED: NodeAPI): void {
  function emitCases(
    node: RuntimeNode,
    cases: readonly StrategyCase[],
    quadrants: ReadonlySet<string> | null,
    tally: { run: number },
    firstOfRun: boolean,
  ): number {
    if (firstOfRun) tally.run = 0;
    let sent = 0;
    for (const strategyCase of cases) {
      // A tab for one segment only takes its cases: the others are never copied.
      if (quadrants !== null && !quadrants.has(strategyCase.quadrant ?? '')) continue;
      node.send({ topic: strategyCase.caseId, payload: structuredClone(strategyCase) });
      sent += 1;
    }
    tally.run += sent;
    node.status(statusBadge.ok(RED._('hk-case-source.status.emitted', { count: tally.run })));
    return sent;
  }

  function HkCaseSource(this: RuntimeNode, definition: CaseSourceDefinition): void {
    RED.nodes.createNode(this, definition);
    const node = this;
    const registry = findSourceRegistry(RED.settings);
    const filter = parseQuadrantFilter(definition.quadrants);
    if (filter.problem !== undefined) {
      refuseInput(
        node,
        RED._('hk-case-source.errors.quadrants-invalid'),
        'hk-case-source.status.invalid-config',
      );
      return;
    }
    const quadrants = filter.quadrants;
    const tally = { run: 0 };
    const source: CaseSource = {
      nodeId: node.id,
      flowId: node.z ?? '',
      emitCases: (cases, options) =>
        emitCases(node, cases, quadrants, tally, options?.firstOfRun ?? true),
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

  /** Answers with `{ code, message }`: the editor shows `code` in the user's language. */
  const refuse = (res: AdminResponse, status: number, code: DryRunRefusal): void => {
    res.status(status).json({ code, message: RED._(`hk-case-source.errors.${code}`) });
  };

  /** Where the button's node is: deployed, or (when the editor sent its flows) in those. */
  const findButtonNode = (
    id: string,
    flows: ReadonlyArray<Record<string, unknown>> | undefined,
  ): { found: boolean; deployed: RuntimeNode | null } => {
    const deployed = RED.nodes.getNode(id) ?? null;
    const isSource = deployed !== null && deployed.type === NODE_TYPE;
    if (flows === undefined) return { found: isSource, deployed: isSource ? deployed : null };
    const inFlows = flows.some((node) => node.id === id && node.type === NODE_TYPE);
    return { found: inFlows, deployed: isSource ? deployed : null };
  };

  /**
   * Answers the dry-run button: 200 with the DryRunSummary, 400 for a bad as-of date or flow
   * list, 404 if `id` is not a case source (deployed, or in the flows sent), 503 without a dry
   * runner, 500 if the dry run fails. With `flows`, those are tried instead of the deployed
   * flows, and nothing is deployed.
   */
  const dryRun: AdminHandler = (req, res) => {
    const request = parseDryRunRequest(req.body);
    if (request.problem !== undefined) {
      refuse(res, 400, request.problem);
      return;
    }
    const { found, deployed } = findButtonNode(req.params.id ?? '', request.flows);
    if (!found) {
      refuse(res, 404, request.flows === undefined ? 'not-deployed' : 'not-in-flows');
      return;
    }
    const runner = findDryRunner(RED.settings);
    if (runner === null) {
      refuse(res, 503, 'no-dry-runner');
      return;
    }

    const options: DryRunOptions = {};
    if (request.asOf !== undefined) options.asOf = request.asOf;
    if (request.flows !== undefined) options.flows = request.flows;
    void (async () => {
      try {
        res.status(200).json(await runner.dryRun(options));
      } catch (err) {
        const { message } = toError(err);
        deployed?.error(RED._('hk-case-source.errors.dry-run-failed', { message }));
        res.status(500).json({ code: 'dry-run-failed', message });
      }
    })();
  };

  RED.nodes.registerType(NODE_TYPE, HkCaseSource);
  RED.httpAdmin.post(DRY_RUN_PATH, RED.auth.needsPermission(DRY_RUN_PERMISSION), dryRun);
};
