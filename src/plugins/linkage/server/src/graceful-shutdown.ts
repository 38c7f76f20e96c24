// SIGTERM and SIGINT drain the HTTP server before Strapi stops (docs/adr/018-graceful-shutdown.md).
// Strapi's own handler calls strapi.destroy() at once: the admin's permission providers are cleared
// while requests still run, then every connection is destroyed, in-flight requests with it. The
// plugin replaces it: no new connection is accepted, idle keep-alive connections are closed, the
// requests in flight finish (within the grace), then strapi.destroy() (whose plugin step waits for
// the writes' after-commit work) and exit 0.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';

/** The name of the listener `createStrapi` adds for each signal (@strapi/core utils/signals). */
export const STRAPI_SIGNAL_LISTENER = 'terminateStrapi';
/** The name of the plugin's listener that replaces it. */
export const LINKAGE_SIGNAL_LISTENER = 'drainThenStop';
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How often the drain looks whether the last request has finished. */
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the requests in flight; once draining, each response closes its connection. */
function trackRequests(server: Server) {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    if (draining && !response.headersSent) response.setHeader('Connection', 'close');
    response.on('close', () => {
      inFlight.delete(response);
      // Its connection is idle now: closed, so that it holds neither the drain nor the exit.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    count: () => inFlight.size,
    startDraining() {
      draining = true;
      for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    },
  };
}

/**
 * Stops accepting connections and waits until the requests in flight have finished, at most
 * `graceMs`; returns how many were still running then (Strapi's destroy cuts them).
 */
async function drain(server: Server, requests: ReturnType<typeof trackRequests>, graceMs: number): Promise<number> {
  if (!server.listening) return requests.count();
  requests.startDraining();
  // Not awaited: its callback waits for every connection, and the grace bounds the wait instead.
  server.close();
  server.closeIdleConnections();
  const deadline = Date.now() + graceMs;
  while (requests.count() > 0 && Date.now() < deadline) await sleep(POLL_MS);
  return requests.count();
}

/** Replaces Strapi's signal handler with the draining one (at register, before the server listens). */
export function installGracefulShutdown(strapi: Core.Strapi): void {
  const server = strapi.server.httpServer;
  const requests = trackRequests(server);
  let stopping = false;
  // Named as LINKAGE_SIGNAL_LISTENER says: the self-check finds it by that name on a second boot.
  const drainThenStop = (signal: string) => {
    // Strapi notes that signals can arrive twice (npm forwards its own): the first one counts.
    if (stopping) return;
    stopping = true;
    const shutdownGraceMs = Number(strapi.config.get('plugin::linkage.shutdownGraceMs', 25_000));
    strapi.log.info(`[linkage] ${signal}: accepting no new connections; waiting up to ${shutdownGraceMs} ms for ${requests.count()} request(s) in flight`);
    void (async () => {
      const cut = await drain(server, requests, shutdownGraceMs);
      if (cut > 0) strapi.log.warn(`[linkage] ${cut} request(s) still running after ${shutdownGraceMs} ms (LINKAGE_SHUTDOWN_GRACE_MS): their connections are closed`);
      await strapi.destroy();
    })().then(
      () => process.exit(0),
      (error: Error) => {
        strapi.log.error(`[linkage] shutdown failed: ${error.message}`);
        process.exit(1);
      }
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    // Strapi's, and an earlier instance's of this process (tests boot several): this instance's replaces them.
    for (const listener of process.listeners(signal)) {
      if (listener.name === STRAPI_SIGNAL_LISTENER || listener.name === LINKAGE_SIGNAL_LISTENER) process.removeListener(signal, listener);
    }
    process.on(signal, drainThenStop);
  }
}
