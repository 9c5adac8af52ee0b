import type { NodeStatus, RuntimeNode } from './node-red';

/**
 * Status badges shared by the Huikuan nodes. Pass a message key of the node's catalog where
 * you can: the editor translates it into each user's language. Texts with values in them are
 * translated by the node (in the runtime's language).
 */
export const statusBadge = {
  ok: (text: string): NodeStatus => ({ fill: 'green', shape: 'dot', text }),
  idle: (text: string): NodeStatus => ({ fill: 'grey', shape: 'ring', text }),
  warning: (text: string): NodeStatus => ({ fill: 'yellow', shape: 'ring', text }),
  error: (text: string): NodeStatus => ({ fill: 'red', shape: 'ring', text }),
};

/**
 * Marks a node whose configuration is invalid: logs the translated message, shows a red ring
 * and makes every input fail with that message, so Catch nodes see it too.
 */
export function refuseInput(node: RuntimeNode, message: string, statusKey: string): void {
  node.error(message);
  node.status(statusBadge.error(statusKey));
  node.on('input', (_msg, _send, done) => done(new Error(message)));
}

export const toError = (err: unknown): Error =>
  err instanceof Error ? err : new Error(String(err));
