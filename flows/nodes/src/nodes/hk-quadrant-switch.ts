import { QUADRANT_OUTPUTS, quadrantOutput } from '../domain/case-segments';
import type { NodeAPI } from '../node-red';
import { registerSwitchNode, shortLabels } from '../switch-node';

/**
 * hk-quadrant-switch: routes each case by its ability x willingness quadrant to HH, HL, LH or
 * LL, and a case the scoring has not reached to "unscored".
 */
export = function registerQuadrantSwitch(RED: NodeAPI): void {
  const type = 'hk-quadrant-switch';
  registerSwitchNode(RED, {
    type,
    configure: () => ({
      fields: ['quadrant'],
      labels: shortLabels(RED, type, QUADRANT_OUTPUTS),
      route: (strategyCase) => QUADRANT_OUTPUTS.indexOf(quadrantOutput(strategyCase)),
    }),
  });
};
