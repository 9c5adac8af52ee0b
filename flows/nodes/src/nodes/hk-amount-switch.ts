import {
  AmountBrackets,
  amountField,
  caseAmount,
  parseAmountConfig,
  shortAmountLabels,
} from '../domain/amount-brackets';
import type { NodeAPI, NodeDefinition } from '../node-red';
import { registerSwitchNode } from '../switch-node';

interface AmountSwitchDefinition extends NodeDefinition {
  /** Ascending lower bounds in major currency units, e.g. [0, 10000, 100000]. */
  bounds?: unknown;
  /** 'overdue' (default) or 'open'. */
  amount?: unknown;
}

const CURRENCY_PROBLEM = 'currency must be a three-letter ISO 4217 code';

/**
 * hk-amount-switch: sends each case to the output of its amount bracket, the highest one whose
 * lower bound (in major units of the case's currency) is at most the overdue or open amount.
 * Cases below the first bound go nowhere.
 */
export = function registerAmountSwitch(RED: NodeAPI): void {
  const type = 'hk-amount-switch';
  registerSwitchNode<AmountSwitchDefinition>(RED, {
    type,
    configure: (definition) => {
      const parsed = parseAmountConfig(definition);
      if (parsed.problem !== undefined) return { problem: parsed.problem };
      const { amount, bounds } = parsed.config;
      const brackets = new AmountBrackets(bounds);
      return {
        fields: [amountField(amount), 'currency'],
        labels: shortAmountLabels(bounds),
        unroutedLabel: RED._(`${type}.short.below-first`),
        route: (strategyCase) =>
          brackets.indexOf(caseAmount(strategyCase, amount), strategyCase.currency) ??
          CURRENCY_PROBLEM,
      };
    },
  });
};
