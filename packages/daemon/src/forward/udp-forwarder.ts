import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";
import type { ForwardStats } from "@xray-sandbox/segments";
import { formatHostPort } from "../address.ts";
import type { HostPort } from "../config.ts";
import { systemErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";

export interface Forwarder {
  /** Fire and forget: never blocks, never throws. */
  send(bytes: Uint8Array): void;
  stats(): ForwardStats;
  close(): Promise<void>;
}

export interface ForwarderOptions {
  readonly target: HostPort;
  readonly logger: Logger;
  /** Sends waiting for the system at once; beyond this datagrams are dropped and counted. */
  readonly maxInFlight?: number;
  /** How long to wait before resolving the target's name again after it failed. */
  readonly reconnectMs?: number;
}

export const DEFAULT_MAX_IN_FLIGHT = 1024;
const DEFAULT_RECONNECT_MS = 5000;

/**
 * Tees datagrams, unchanged, to another X-Ray daemon (or an OTel collector's awsxray
 * receiver). The socket is connected once, so the target's name is resolved once, not per
 * datagram; when that fails, sends count as failed and it is retried. Resolves after the
 * first attempt, whether it worked or not: a target that is not up yet never stops a start.
 */
export async function startForwarder({
  target,
  logger,
  maxInFlight = DEFAULT_MAX_IN_FLIGHT,
  reconnectMs = DEFAULT_RECONNECT_MS,
}: ForwarderOptions): Promise<Forwarder> {
  const targetText = `udp:${formatHostPort(target)}`;
  let socket: Socket | undefined;
  let connected = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  let inFlight = 0;
  let lastError: string | null = null;
  const loggedCodes = new Set<string>();

  const logOnce = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    lastError = message;
    const code = systemErrorCode(error) ?? message;
    if (!loggedCodes.has(code)) {
      loggedCodes.add(code);
      logger.warn(
        { err: error, target: targetText },
        `forwarding to ${targetText} failed (ingest goes on; further failures like this are only counted): ${message}`,
      );
    }
  };
  const noteFailure = (error: unknown) => {
    failed++;
    logOnce(error);
  };

  /** Resolves once this attempt has connected or failed (and scheduled the next one). */
  const connect = (): Promise<void> =>
    new Promise((resolve) => {
      const next = createSocket({ type: isIP(target.host) === 6 ? "udp6" : "udp4" });
      socket = next;
      next.on("error", (error) => {
        if (connected) noteFailure(error);
      });
      next.connect(target.port, target.host, (error?: Error) => {
        if (closed) return resolve();
        if (error) {
          logOnce(error);
          try {
            next.close();
          } catch {
            // Never connected: nothing to release.
          }
          retry = setTimeout(() => void connect(), reconnectMs);
          retry.unref();
        } else {
          connected = true;
        }
        resolve();
      });
    });
  await connect();

  return {
    send(bytes) {
      if (!connected || socket === undefined) {
        failed++;
        return;
      }
      if (inFlight >= maxInFlight) {
        dropped++;
        return;
      }
      inFlight++;
      try {
        socket.send(bytes, (error) => {
          inFlight--;
          if (error) noteFailure(error);
          else sent++;
        });
      } catch (error) {
        inFlight--;
        noteFailure(error);
      }
    },
    stats: () => ({
      target: targetText,
      protocol: "udp",
      unit: "datagrams",
      sent,
      failed,
      retried: 0,
      dropped,
      queued: inFlight,
      maxQueued: maxInFlight,
      inFlight,
      lastError,
    }),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      clearTimeout(retry);
      const open = socket;
      connected = false;
      socket = undefined;
      if (open === undefined) return Promise.resolve();
      return new Promise((resolve) => {
        try {
          open.close(() => resolve());
        } catch {
          resolve();
        }
      });
    },
  };
}
