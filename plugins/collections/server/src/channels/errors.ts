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
