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

/**
 * A message of a run that has passed through this many nodes is in a loop of wires: it is
 * stopped and reported, so a bad flow cannot spin the process. Real strategies take a few
 * dozen hops.
 */
export const MAX_HOPS = 500;

const caseOf = (msg: MessageRef): string | null =>
  typeof msg.topic === 'string' ? msg.topic : null;

const messageOf = (value: unknown): string =>
  value instanceof Error ? value.message : typeof value === 'string' ? value : String(value);

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

const nameOf = (node: HookNode | undefined): string | null =>
  typeof node?.name === 'string' && node.name.trim() !== '' ? node.name : null;

const msgIdOf = (msg: unknown): string | undefined =>
  typeof msg === 'object' && msg !== null ? (msg as MessageRef)._msgid : undefined;

export function installDeliveryHooks(RED: EmbeddedRed, tracker: DeliveryTracker): void {
  const watched = new WeakSet<HookNode>();
  const watchErrors = (node: HookNode): void => {
    if (watched.has(node)) return;
    watched.add(node);
    const reportError = node.error;
    node.error = function (this: HookNode, logMessage: unknown, msg?: unknown): void {
      if (typeof msg === 'object' && msg !== null) {
        tracker.recordFailure(
          {
            nodeId: node.id,
            nodeName: nameOf(node),
            caseId: caseOf(msg as MessageRef),
            message: messageOf(logMessage),
          },
          msgIdOf(msg),
        );
        tracker.failed(node.id, msgIdOf(msg));
      }
      reportError.call(this, logMessage, msg);
    };
  };

  RED.hooks.add(`preDeliver.${HOOK_LABEL}`, (event) => {
    const hops = (event.msg._hkHops ?? 0) + 1;
    event.msg._hkHops = hops;
    if (hops > MAX_HOPS) {
      tracker.recordFailure(
        {
          nodeId: event.destination.id,
          nodeName: nameOf(event.destination.node),
          caseId: caseOf(event.msg),
          message:
            `stopped after ${MAX_HOPS} nodes: a loop of wires / ` +
            `消息经过 ${MAX_HOPS} 个节点后被停止：流程中有环路`,
        },
        event.msg._msgid,
      );
      return false;
    }
    if (!tracker.active) return true;
    if (event.destination.node !== undefined) watchErrors(event.destination.node);
    tracker.delivered(event.destination.id, event.msg._msgid);
    return true;
  });
  RED.hooks.add(`postReceive.${HOOK_LABEL}`, (event) => {
    const node = event.destination.node;
    if (tracker.active && node !== undefined && finishesWithoutDone(node)) {
      tracker.completed(event.destination.id, event.msg._msgid, false);
    }
  });
  RED.hooks.add(`onComplete.${HOOK_LABEL}`, (event) => {
    const failed = event.error !== undefined && event.error !== null;
    if (failed) {
      tracker.recordFailure(
        {
          nodeId: event.node.id,
          nodeName: nameOf(event.node.node),
          caseId: caseOf(event.msg),
          message: messageOf(event.error),
        },
        event.msg._msgid,
      );
    }
    tracker.completed(event.node.id, event.msg._msgid, failed);
  });
}

export function removeDeliveryHooks(RED: EmbeddedRed): void {
  RED.hooks.remove(`*.${HOOK_LABEL}`);
}
