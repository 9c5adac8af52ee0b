/**
 * Feeds the DeliveryTracker from Node-RED's messaging hooks (RED.hooks, Node-RED >= 2.0):
 *
 * - `preDeliver`: the router has found the node a message goes to: a delivery starts;
 * - `onComplete`: the node called done() or done(err): the delivery finished;
 * - `postReceive`: the node's input handlers returned. Nodes whose handlers take no `done`
 *   argument (the core switch and filter nodes in 4.1 are like that) never complete a message,
 *   so their deliveries finish here;
 * - node.error(err, msg), wrapped per node on its first delivery, finishes the delivery of a
 *   node that reports an error instead of calling done(err); Node-RED also reports errors
 *   thrown by input handlers this way.
 */
import type { DeliveryTracker } from './delivery-tracker';
import type { EmbeddedRed, HookNode, MessageRef } from './node-red-embedded';

const HOOK_LABEL = 'huikuan-runtime';

type InputCallback = (...args: never[]) => unknown;

/**
 * True when none of the node's input handlers takes a `done` callback, or it has none.
 * Unknown (the internal fields missing) counts as false: the delivery then waits for done().
 */
function finishesWithoutDone(node: HookNode): boolean {
  const takesNoDone = (callback: InputCallback): boolean => callback.length < 3;
  const { _inputCallback: single, _inputCallbacks: many } = node;
  if (typeof single === 'function') return takesNoDone(single);
  if (Array.isArray(many)) return many.every(takesNoDone);
  return single === null && (many === null || many === undefined);
}

const msgIdOf = (msg: unknown): string | undefined =>
  typeof msg === 'object' && msg !== null ? (msg as MessageRef)._msgid : undefined;

export function installDeliveryHooks(RED: EmbeddedRed, tracker: DeliveryTracker): void {
  const watched = new WeakSet<HookNode>();
  const watchErrors = (node: HookNode): void => {
    if (watched.has(node)) return;
    watched.add(node);
    const reportError = node.error;
    node.error = function (this: HookNode, logMessage: unknown, msg?: unknown): void {
      if (typeof msg === 'object' && msg !== null) tracker.failed(node.id, msgIdOf(msg));
      reportError.call(this, logMessage, msg);
    };
  };

  RED.hooks.add(`preDeliver.${HOOK_LABEL}`, (event) => {
    if (!tracker.active) return;
    if (event.destination.node !== undefined) watchErrors(event.destination.node);
    tracker.delivered(event.destination.id, event.msg._msgid);
  });
  RED.hooks.add(`postReceive.${HOOK_LABEL}`, (event) => {
    const node = event.destination.node;
    if (tracker.active && node !== undefined && finishesWithoutDone(node)) {
      tracker.completed(event.destination.id, event.msg._msgid, false);
    }
  });
  RED.hooks.add(`onComplete.${HOOK_LABEL}`, (event) => {
    const failed = event.error !== undefined && event.error !== null;
    tracker.completed(event.node.id, event.msg._msgid, failed);
  });
}

export function removeDeliveryHooks(RED: EmbeddedRed): void {
  RED.hooks.remove(`*.${HOOK_LABEL}`);
}
