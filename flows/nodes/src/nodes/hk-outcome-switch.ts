import { OUTCOME_OUTPUTS, findLastOutcomeProblem, lastOutcome } from '../domain/collection-state';
import type { NodeAPI } from '../node-red';
import { registerSwitchNode, shortLabels } from '../switch-node';

/**
 * hk-outcome-switch: routes each case by what its last action brought: no action yet, no
 * answer, refused, promised, paid, or any other outcome.
 */
export = function registerOutcomeSwitch(RED: NodeAPI): void {
  const type = 'hk-outcome-switch';
  registerSwitchNode(RED, {
    type,
    configure: () => ({
      fields: ['history'],
      labels: shortLabels(RED, type, OUTCOME_OUTPUTS),
      route: ({ history }) =>
        findLastOutcomeProblem(history) ?? OUTCOME_OUTPUTS.indexOf(lastOutcome(history)),
    }),
  });
};
