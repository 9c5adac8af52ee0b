import { PermanentDispatchError } from '../../../errors';
import type { ChannelAdapter, Delivery, OutboundMessage } from '../../../types';
import { SmsProviderError } from '../../provider-http';
import {
  startContractServer,
  type ContractServer,
  type ReceivedRequest,
  type RecordedResponse,
} from './contract-server';

/** One recorded exchange of a contract file: what was sent, asked, answered and made of it. */
export interface ContractInteraction {
  name: string;
  message: unknown;
  request: unknown;
  response: RecordedResponse;
  outcome: unknown;
}

/** What the adapter must make of the answer: a delivery, or a permanent or transient failure. */
interface RecordedOutcome {
  delivery?: unknown;
  permanent?: string;
  transient?: string;
}

const expectOutcome = async (sending: Promise<Delivery>, outcome: RecordedOutcome) => {
  if (outcome.delivery) {
    await expect(sending).resolves.toEqual(outcome.delivery);
  } else if (outcome.permanent) {
    await expect(sending).rejects.toThrow(PermanentDispatchError);
    await expect(sending).rejects.toMatchObject({ code: outcome.permanent });
  } else {
    await expect(sending).rejects.toThrow(SmsProviderError);
    await expect(sending).rejects.toMatchObject({ providerCode: outcome.transient });
  }
};

/**
 * Adds to the current describe block a contract server on 127.0.0.1 and one
 * test per recorded interaction: the adapter, pointed at that server, must send
 * the recorded request (as `checkAgainst` judges it) and make the recorded
 * outcome of the recorded answer.
 */
export const itFollowsEachInteraction = <I extends ContractInteraction>(
  interactions: I[],
  checkAgainst: (recorded: I['request']) => (received: ReceivedRequest) => string[],
  channelFor: (endpoint: string, interaction: I) => ChannelAdapter,
): void => {
  let server: ContractServer;

  beforeAll(async () => {
    server = await startContractServer();
  });
  afterAll(() => server.close());

  it.each(interactions.map((interaction) => [interaction.name, interaction] as const))(
    '%s',
    async (_, interaction) => {
      server.expect(checkAgainst(interaction.request), interaction.response);
      const channel = channelFor(server.endpoint, interaction);
      const sending = channel.send(interaction.message as OutboundMessage);
      await sending.catch(() => undefined);
      expect(server.exchanges.at(-1)?.differences).toEqual([]);
      await expectOutcome(sending, interaction.outcome as RecordedOutcome);
    },
  );
};
