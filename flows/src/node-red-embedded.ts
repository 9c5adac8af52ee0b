/**
 * The part of Node-RED 4's embedding API (`require('node-red')`) that the strategy runtime
 * uses, typed here because the node-red package ships no type declarations.
 */
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';

export interface MessageRef {
  _msgid?: string;
  topic?: unknown;
  payload?: unknown;
  /** How many nodes the message has passed through in the run (the loop guard). */
  _hkHops?: number;
}

/**
 * The node object a hook event points at: only what the runtime touches. The two input
 * callback fields are Node-RED internals (Node.js in @node-red/runtime 4.x): the one or many
 * input handlers of the node, null when it has none.
 */
export interface HookNode {
  id: string;
  /** The name the analyst gave the node in the editor, if any. */
  name?: string;
  error(logMessage: unknown, msg?: unknown): void;
  _inputCallback?: ((...args: never[]) => unknown) | null;
  _inputCallbacks?: Array<(...args: never[]) => unknown> | null;
}

/** Passed to `preDeliver` hooks: the router has found the node a message goes to. */
export interface SendEvent {
  msg: MessageRef;
  source: { id: string };
  destination: { id: string; node?: HookNode };
}

/** Passed to `postReceive` hooks: the node's input handlers have been called. */
export interface ReceiveEvent {
  msg: MessageRef;
  destination: { id: string; node?: HookNode };
}

/** Passed to `onComplete` hooks: a node called done() for a message. */
export interface CompleteEvent {
  msg: MessageRef;
  error?: unknown;
  node: { id: string; node?: HookNode };
}

export interface RedHooks {
  /** A preDeliver handler that returns false stops the delivery. */
  add(
    hookId: 'preDeliver' | `preDeliver.${string}`,
    handler: (event: SendEvent) => void | boolean,
  ): void;
  add(
    hookId: 'postReceive' | `postReceive.${string}`,
    handler: (event: ReceiveEvent) => void,
  ): void;
  add(hookId: 'onComplete' | `onComplete.${string}`, handler: (event: CompleteEvent) => void): void;
  /** Removes the handlers of a label: `'*.label'` removes all of them. */
  remove(hookId: string): void;
}

export interface RedLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface EmbeddedRed {
  /** The admin API's permission check, for our own routes on the editor server. */
  readonly auth: { needsPermission(permission: string): RequestHandler };
  /** The node registry: a type's constructor, undefined when the runtime has no such type. */
  readonly nodes: { getType(type: string): unknown };
  /** Both forms exist: with an HTTP server for the editor, or settings alone (headless). */
  init(server: Server, settings: Record<string, unknown>): void;
  init(settings: Record<string, unknown>): void;
  /** Resolves once the runtime is up; the flows start a little later ('flows:started'). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The editor and admin API; only there when httpAdminRoot is not false. */
  readonly httpAdmin: RequestHandler;
  readonly hooks: RedHooks;
  readonly events: EventEmitter;
  readonly log: RedLog;
}

/** Loads Node-RED. Its modules keep process-wide state: see startStrategyRuntime. */
export const loadNodeRed = (): EmbeddedRed => require('node-red') as EmbeddedRed;
