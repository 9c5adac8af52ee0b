import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { EmbeddedRed } from './node-red-embedded';

/** Reads the flow file and returns the sha256 of its content; fails clearly on bad JSON. */
export function hashFlowFile(flowFile: string): string {
  let content: string;
  try {
    content = fs.readFileSync(flowFile, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the strategy flow file ${flowFile}: ${(err as Error).message}`);
  }
  let flow: unknown;
  try {
    flow = JSON.parse(content);
  } catch {
    // The parser's message quotes the file; say where the file is, not what it holds.
    throw new Error(`The strategy flow file ${flowFile} is not valid JSON`);
  }
  const isNode = (node: unknown): boolean =>
    typeof node === 'object' &&
    node !== null &&
    typeof (node as Record<string, unknown>).id === 'string' &&
    typeof (node as Record<string, unknown>).type === 'string';
  if (!Array.isArray(flow) || !flow.every(isNode)) {
    throw new Error(
      `The strategy flow file ${flowFile} is not a Node-RED flow: expected an array of nodes, ` +
        'each with an id and a type',
    );
  }
  return createHash('sha256').update(content).digest('hex');
}

export interface FlowVersion {
  current(): string;
  /** Re-hash the file whenever a deploy restarts the flows (until unfollow). */
  follow(): void;
  unfollow(): void;
}

/** The flow file's version: hashed at start and again after every deploy. */
export function trackFlowVersion(RED: EmbeddedRed, flowFile: string, initial: string): FlowVersion {
  let current = initial;
  const refresh = (): void => {
    try {
      current = hashFlowFile(flowFile);
    } catch (err) {
      RED.log.error(`Kept the previous flow version: ${(err as Error).message}`);
    }
  };
  return {
    current: () => current,
    follow: () => {
      RED.events.on('flows:started', refresh);
    },
    unfollow: () => {
      RED.events.off('flows:started', refresh);
    },
  };
}
