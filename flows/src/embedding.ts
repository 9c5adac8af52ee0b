/** Starting and stopping the embedded Node-RED (see the steps in startStrategyRuntime). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { flowWriteGuard, jsonErrors } from './admin-guard';
import { removeDeliveryHooks } from './delivery-hooks';
import type { EmbeddedRed } from './node-red-embedded';

const FLOWS_START_TIMEOUT_MS = 30_000;

export interface EditorAddress {
  host: string;
  port: number;
}

/**
 * RED.init, with the editor and admin API mounted at '/' of a new server unless headless.
 * Deploys are checked before Node-RED sees them, and errors are answered as JSON.
 */
export function initNodeRed(
  RED: EmbeddedRed,
  settings: Record<string, unknown>,
  editor: EditorAddress | false | undefined,
): http.Server | null {
  if (!editor) {
    RED.init(settings);
    return null;
  }
  const app = express();
  const server = http.createServer(app);
  RED.init(server, settings);
  app.use('/', flowWriteGuard(RED));
  app.use('/', RED.httpAdmin);
  app.use(jsonErrors(RED));
  return server;
}

export interface FlowsWait {
  promise: Promise<void>;
  cancel(): void;
}

/** Resolves when the deployed flows have started; rejects when Node-RED will not start them. */
export function waitForFlows(RED: EmbeddedRed): FlowsWait {
  let cancel = (): void => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        settle(new Error(`The strategy flows did not start within ${FLOWS_START_TIMEOUT_MS} ms`)),
      FLOWS_START_TIMEOUT_MS,
    );
    const onStarted = (): void => settle();
    const onRuntimeEvent = (event: { id?: string; payload?: Record<string, unknown> }): void => {
      const error = event.id === 'runtime-state' ? event.payload?.error : undefined;
      if (error === undefined) return;
      const types = Array.isArray(event.payload?.types)
        ? ` (${event.payload.types.join(', ')})`
        : '';
      settle(new Error(`Node-RED did not start the strategy flows: ${String(error)}${types}`));
    };
    const settle = (err?: Error): void => {
      clearTimeout(timer);
      RED.events.off('flows:started', onStarted);
      RED.events.off('runtime-event', onRuntimeEvent);
      if (err) reject(err);
      else resolve();
    };
    cancel = () => settle(new Error('cancelled'));
    RED.events.on('flows:started', onStarted);
    RED.events.on('runtime-event', onRuntimeEvent);
  });
  promise.catch(() => undefined);
  return { promise, cancel };
}

export function listen(server: http.Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}/`);
    });
  });
}

export async function shutdown(RED: EmbeddedRed, server: http.Server | null): Promise<void> {
  try {
    await RED.stop();
  } finally {
    removeDeliveryHooks(RED);
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
