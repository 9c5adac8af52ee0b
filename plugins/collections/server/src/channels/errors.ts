/** A send that can never succeed as planned (no address, opted out, bad template): no retry. */
export class PermanentDispatchError extends Error {
  override name = 'PermanentDispatchError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The provider may have taken the message: it was sent and no answer came (a timeout, a
 * connection lost while waiting), or some parts of a long SMS were accepted before a later one
 * failed. Never retried blindly: the action becomes `unconfirmed` for a person to check.
 */
export class UncertainDeliveryError extends Error {
  override name = 'UncertainDeliveryError';
}
