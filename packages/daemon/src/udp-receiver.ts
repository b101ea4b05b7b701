import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIP } from "node:net";
import { type HostPort, MIB } from "./config.ts";
import { bindFailure } from "./errors.ts";
import { formatBytes } from "./format-bytes.ts";
import type { Logger } from "./logger.ts";

/** What the receiver asks the kernel for; Linux grants at most `net.core.rmem_max` (doubled). */
export const REQUESTED_RECEIVE_BUFFER_BYTES = 8 * MIB;
/** Below this, a burst of segments from a busy service can overflow the kernel queue. */
export const LOW_RECEIVE_BUFFER_BYTES = 1 * MIB;

export interface UdpReceiver {
  /** As bound: a requested port 0 is replaced by the port the system picked. */
  readonly address: HostPort;
  /** The receive buffer the kernel granted. */
  readonly receiveBufferBytes: number;
  close(): Promise<void>;
}

export interface UdpReceiverOptions {
  readonly bind: HostPort;
  readonly onDatagram: (bytes: Buffer, address: string, port: number) => void;
  readonly logger: Logger;
}

/** Binds the segment socket; rejects with `AddressInUseError` / `BindError` when it cannot. */
export async function startUdpReceiver({
  bind,
  onDatagram,
  logger,
}: UdpReceiverOptions): Promise<UdpReceiver> {
  const socket = createSocket({ type: isIP(bind.host) === 6 ? "udp6" : "udp4" });
  await bindSocket(socket, bind);

  socket.on("error", (error) => {
    logger.error({ err: error }, `UDP socket error (still listening): ${error.message}`);
  });
  socket.on("message", (bytes: Buffer, from: RemoteInfo) => {
    onDatagram(bytes, from.address, from.port);
  });

  const receiveBufferBytes = raiseReceiveBuffer(socket, logger);
  const { address, port } = socket.address();
  let closed: Promise<void> | undefined;
  return {
    address: { host: address, port },
    receiveBufferBytes,
    close() {
      closed ??= new Promise((resolve) => socket.close(() => resolve()));
      return closed;
    },
  };
}

function bindSocket(socket: Socket, { host, port }: HostPort): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      socket.off("listening", onListening);
      try {
        socket.close();
      } catch {
        // Never bound, so nothing to release.
      }
      reject(bindFailure("udp", host, port, error));
    };
    const onListening = () => {
      socket.off("error", onError);
      resolve();
    };
    socket.once("error", onError);
    socket.once("listening", onListening);
    socket.bind({ address: host, port, exclusive: true });
  });
}

function raiseReceiveBuffer(socket: Socket, logger: Logger): number {
  try {
    socket.setRecvBufferSize(REQUESTED_RECEIVE_BUFFER_BYTES);
  } catch (error) {
    logger.warn({ err: error }, "could not raise the UDP receive buffer");
  }
  const granted = socket.getRecvBufferSize();
  if (granted < LOW_RECEIVE_BUFFER_BYTES) {
    logger.warn(
      `the UDP receive buffer is only ${formatBytes(granted)}: bursts of segments may be dropped by the kernel. ` +
        `Raise the limit with: ${raiseLimitCommand()}`,
    );
  }
  return granted;
}

function raiseLimitCommand(): string {
  const bytes = REQUESTED_RECEIVE_BUFFER_BYTES;
  return process.platform === "darwin"
    ? `sudo sysctl -w kern.ipc.maxsockbuf=${bytes * 2}`
    : `sudo sysctl -w net.core.rmem_max=${bytes}`;
}
