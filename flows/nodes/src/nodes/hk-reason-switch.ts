import { REASON_OUTPUTS, reasonOutput } from '../domain/case-segments';
import type { NodeAPI } from '../node-red';
import { registerSwitchNode, shortLabels } from '../switch-node';

/**
 * hk-reason-switch: routes each case by why the account is overdue: cash flow, oversight,
 * dispute, wilful or unknown (also when the case has no reason yet).
 */
export = function registerReasonSwitch(RED: NodeAPI): void {
  const type = 'hk-reason-switch';
  registerSwitchNode(RED, {
    type,
    configure: () => ({
      fields: ['reason'],
      labels: shortLabels(RED, type, REASON_OUTPUTS),
      route: (strategyCase) => REASON_OUTPUTS.indexOf(reasonOutput(strategyCase)),
    }),
  });
};
