import {
  OFFENDER_OUTPUTS,
  findBrokenPromisesProblem,
  offenderOutput,
  parseOffenderConfig,
  type RawOffenderConfig,
} from '../domain/offender';
import type { NodeAPI, NodeDefinition } from '../node-red';
import { registerSwitchNode, shortLabels } from '../switch-node';

type OffenderSwitchDefinition = NodeDefinition & RawOffenderConfig;

/**
 * hk-offender-switch: routes first-time offenders to output 1 and repeated or long-overdue
 * ones (earlier cases, broken promises or many days past due) to output 2.
 */
export = function registerOffenderSwitch(RED: NodeAPI): void {
  const type = 'hk-offender-switch';
  registerSwitchNode<OffenderSwitchDefinition>(RED, {
    type,
    configure: (definition) => {
      const parsed = parseOffenderConfig(definition);
      if (parsed.problem !== undefined) return { problem: parsed.problem };
      const { config } = parsed;
      return {
        fields: ['maxDaysPastDue', 'history'],
        labels: shortLabels(RED, type, OFFENDER_OUTPUTS),
        route: (strategyCase) =>
          findBrokenPromisesProblem(strategyCase) ??
          OFFENDER_OUTPUTS.indexOf(offenderOutput(config, strategyCase)),
      };
    },
  });
};
