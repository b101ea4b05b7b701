/** Errors the daemon raises on start-up or misuse. `code` is stable: match on it, not on the message. */

export type DaemonErrorCode =
  | "ADDRESS_IN_USE"
  | "BIND_FAILED"
  | "INVALID_CONFIG"
  | "DATA_DIR_UNUSABLE";

export type Transport = "udp" | "tcp";

export abstract class DaemonError extends Error {
  abstract readonly code: DaemonErrorCode;
}

function formatEndpoint(transport: Transport, host: string, port: number): string {
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return `${transport === "udp" ? "UDP" : "TCP"} ${shownHost}:${port}`;
}

function flagFor(transport: Transport): string {
  return transport === "udp" ? "--bind" : "--bind-tcp";
}

export class AddressInUseError extends DaemonError {
  readonly code = "ADDRESS_IN_USE";
  override readonly name = "AddressInUseError";
  readonly transport: Transport;
  readonly host: string;
  readonly port: number;

  constructor(transport: Transport, host: string, port: number) {
    super(
      `${formatEndpoint(transport, host, port)} is already in use; pick another with ${flagFor(transport)} HOST:PORT`,
    );
    this.transport = transport;
    this.host = host;
    this.port = port;
  }
}

/** Binding failed for another reason: address not on this machine, permission denied, unknown host. */
export class BindError extends DaemonError {
  readonly code = "BIND_FAILED";
  override readonly name = "BindError";
  readonly transport: Transport;
  readonly host: string;
  readonly port: number;
  /** The system error code, e.g. `EADDRNOTAVAIL`, `EACCES`, `ENOTFOUND`. */
  readonly systemCode: string | undefined;

  constructor(transport: Transport, host: string, port: number, cause: unknown) {
    const systemCode = systemErrorCode(cause);
    super(
      `cannot listen on ${formatEndpoint(transport, host, port)}: ${describeBindFailure(systemCode, cause)}`,
      { cause },
    );
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.systemCode = systemCode;
  }
}

export class InvalidConfigError extends DaemonError {
  readonly code = "INVALID_CONFIG";
  override readonly name = "InvalidConfigError";
  /** The setting at fault, as the user wrote it (`--bind`, `maxTraces`, ...). */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.setting = setting;
  }
}

/**
 * The data directory cannot be used: written by a newer version, held by another running
 * daemon, or not readable/writable.
 */
export class DataDirError extends DaemonError {
  readonly code = "DATA_DIR_UNUSABLE";
  override readonly name = "DataDirError";
  readonly dataDir: string;

  constructor(dataDir: string, message: string, options?: { cause?: unknown }) {
    super(`data dir ${dataDir}: ${message}`, options);
    this.dataDir = dataDir;
  }
}

export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const { code } = error;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function describeBindFailure(systemCode: string | undefined, cause: unknown): string {
  switch (systemCode) {
    case "EADDRNOTAVAIL":
      return "that address does not belong to this machine";
    case "EACCES":
      return "permission denied (ports below 1024 need privileges)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

/** Turns a socket's bind/listen error into the daemon's error type. */
export function bindFailure(
  transport: Transport,
  host: string,
  port: number,
  cause: unknown,
): AddressInUseError | BindError {
  return systemErrorCode(cause) === "EADDRINUSE"
    ? new AddressInUseError(transport, host, port)
    : new BindError(transport, host, port, cause);
}
