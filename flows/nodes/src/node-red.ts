/**
 * The small part of Node-RED 4's runtime node API that Huikuan's nodes use. Written here
 * instead of relying on @types/node-red, which still describes Node-RED 1.3.
 */

export type StatusFill = 'red' | 'green' | 'yellow' | 'blue' | 'grey';

/** A node status badge; `{}` clears it. */
export interface NodeStatus {
  fill?: StatusFill;
  shape?: 'ring' | 'dot';
  text?: string;
}

export interface NodeMessage {
  _msgid?: string;
  topic?: string;
  payload?: unknown;
  [property: string]: unknown;
}

/** One message for output 0, or one entry (message, list of messages or null) per output. */
export type NodeOutput = NodeMessage | Array<NodeMessage | NodeMessage[] | null>;

export type SendFunction = (output: NodeOutput) => void;
export type DoneFunction = (err?: Error) => void;
export type InputHandler = (msg: NodeMessage, send: SendFunction, done: DoneFunction) => void;
export type CloseHandler = (removed: boolean, done: () => void) => void;

/** The properties every node configuration carries; node types add their own. */
export interface NodeDefinition {
  id: string;
  type: string;
  z?: string;
  name?: string;
}

/** The node object (`this`) inside a node constructor. */
export interface RuntimeNode {
  readonly id: string;
  readonly type: string;
  readonly z?: string;
  name?: string;
  on(event: 'input', handler: InputHandler): void;
  on(event: 'close', handler: CloseHandler): void;
  send(output: NodeOutput): void;
  status(status: NodeStatus): void;
  error(message: string | Error, msg?: NodeMessage): void;
  warn(message: string): void;
  log(message: string): void;
}

export type NodeConstructor<D extends NodeDefinition> = (this: RuntimeNode, definition: D) => void;

/** The parts of an Express request that admin endpoints read. */
export interface AdminRequest {
  params: Record<string, string | undefined>;
  /** Parsed JSON (or form) body; the admin app runs a body parser. */
  body?: unknown;
}

/** The parts of an Express response that admin endpoints use. */
export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): void;
}

export type AdminHandler = (
  req: AdminRequest,
  res: AdminResponse,
  next: (err?: unknown) => void,
) => void;

export interface AdminApp {
  get(path: string, ...handlers: AdminHandler[]): void;
  post(path: string, ...handlers: AdminHandler[]): void;
}

/** The `RED` object handed to a node module. */
export interface NodeAPI {
  nodes: {
    createNode(node: RuntimeNode, definition: NodeDefinition): void;
    registerType<D extends NodeDefinition>(type: string, constructor: NodeConstructor<D>): void;
    /** A deployed node by id; null or undefined when there is none. */
    getNode(id: string): RuntimeNode | null | undefined;
  };
  /** The Express app of the admin API, for endpoints the editor calls (e.g. a node's button). */
  httpAdmin: AdminApp;
  auth: {
    /** Middleware that lets a request through only with `permission`, e.g. 'inject.write'. */
    needsPermission(permission: string): AdminHandler;
  };
  /** Runtime settings; custom keys of the embedding settings object appear here too. */
  settings: Record<string, unknown>;
  /** Translates a key of the calling node's message catalog. */
  _(key: string, substitutions?: Record<string, string | number>): string;
}
