import { STATE_OUTPUTS, collectionState } from '../domain/collection-state';
import type { NodeAPI } from '../node-red';
import { registerSwitchNode, shortLabels } from '../switch-node';

/**
 * hk-state-switch: routes each case by the first state that applies: handed to an agency,
 * disputed, latest promise to pay broken, promise open, or none of these.
 */
export = function registerStateSwitch(RED: NodeAPI): void {
  const type = 'hk-state-switch';
  registerSwitchNode(RED, {
    type,
    configure: () => ({
      fields: ['disputedInvoices', 'history'],
      labels: shortLabels(RED, type, STATE_OUTPUTS),
      route: (strategyCase) => STATE_OUTPUTS.indexOf(collectionState(strategyCase)),
    }),
  });
};
