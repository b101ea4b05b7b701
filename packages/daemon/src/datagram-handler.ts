import {
  type EpochMillis,
  epochMillis,
  parseDocumentText,
  scanDatagram,
  type TraceStore,
  type ValidationWarning,
} from "@xray-sandbox/segments";
import type { Logger } from "./logger.ts";
import type { RejectionLog } from "./rejection-log.ts";

export interface DatagramCounts {
  /** Every datagram handed to the handler; always `accepted + rejected`. */
  readonly received: number;
  readonly accepted: number;
  /** Not stored, for any reason, including `internal-error`. */
  readonly rejected: number;
  readonly bytesReceived: number;
  /**
   * Throws caught while handling a datagram. One that was neither stored nor rejected yet
   * is counted in `rejected` under the reason `internal-error`.
   */
  readonly internalErrors: number;
}

export interface DatagramHandlerDeps {
  readonly store: Pick<TraceStore, "ingest">;
  readonly rejections: RejectionLog;
  readonly logger: Logger;
  readonly now?: () => EpochMillis;
}

const NEWLINE = 0x0a;
/** Distinct internal-error kinds logged; beyond this they are only counted. */
const MAX_LOGGED_ERROR_KINDS = 100;

/**
 * Takes one datagram from parsing to the store or the rejection log. Synchronous, never
 * throws: whatever goes wrong is counted and shows up in the rejection log.
 */
export class DatagramHandler {
  readonly #store: Pick<TraceStore, "ingest">;
  readonly #rejections: RejectionLog;
  readonly #logger: Logger;
  readonly #now: () => EpochMillis;
  readonly #loggedErrorKinds = new Set<string>();
  #received = 0;
  #accepted = 0;
  #rejected = 0;
  #bytesReceived = 0;
  #internalErrors = 0;

  constructor({
    store,
    rejections,
    logger,
    now = () => epochMillis(Date.now()),
  }: DatagramHandlerDeps) {
    this.#store = store;
    this.#rejections = rejections;
    this.#logger = logger;
    this.#now = now;
  }

  /**
   * `address`/`port`: the sender, as `dgram` reports it. `receivedAt`: now, unless the
   * document was received earlier (an imported record keeps its original time).
   */
  handle(
    bytes: Uint8Array,
    address: string,
    port: number,
    receivedAt: EpochMillis = this.#now(),
  ): void {
    this.#received++;
    this.#bytesReceived += bytes.byteLength;
    let counted = false;
    try {
      // The scan checks the datagram as parseDatagram would without building the document;
      // what reads a document parses it then, and validateDocument() gives its warnings.
      const result = scanDatagram(bytes);
      if (result.ok) {
        const bodyBytes = bytes.byteLength - (bytes.indexOf(NEWLINE) + 1);
        this.#store.ingest(result.index, result.raw, bodyBytes, receivedAt);
        this.#accepted++;
        counted = true;
        if (this.#logger.isLevelEnabled("debug")) {
          this.#logger.debug(
            {
              from: senderOf(address, port),
              id: result.index.id,
              warnings: warningsOf(result.raw),
            },
            "datagram accepted",
          );
        }
      } else {
        const { reason, message } = result.rejection;
        const from = senderOf(address, port);
        this.#rejections.record({ receivedAt, from, bytes, reason, message });
        this.#rejected++;
        counted = true;
        if (this.#logger.isLevelEnabled("debug")) {
          this.#logger.debug(
            { from, reason, size: bytes.byteLength },
            `datagram rejected: ${message}`,
          );
        }
      }
    } catch (error) {
      this.#internalError(error, counted, bytes, address, port, receivedAt);
    }
  }

  counts(): DatagramCounts {
    return {
      received: this.#received,
      accepted: this.#accepted,
      rejected: this.#rejected,
      bytesReceived: this.#bytesReceived,
      internalErrors: this.#internalErrors,
    };
  }

  #internalError(
    error: unknown,
    counted: boolean,
    bytes: Uint8Array,
    address: string,
    port: number,
    receivedAt: EpochMillis,
  ): void {
    this.#internalErrors++;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      if (!counted) {
        this.#rejected++;
        this.#rejections.record({
          receivedAt,
          from: senderOf(address, port),
          bytes,
          reason: "internal-error",
          message,
        });
      }
      const kind = message.slice(0, 200);
      if (
        !this.#loggedErrorKinds.has(kind) &&
        this.#loggedErrorKinds.size < MAX_LOGGED_ERROR_KINDS
      ) {
        this.#loggedErrorKinds.add(kind);
        this.#logger.error(
          { err: error },
          `internal error while handling a datagram (further ones like it are only counted): ${message}`,
        );
      }
    } catch {
      // The rejection log or the logger failed too; the datagram is already counted.
    }
  }
}

/** `ip:port`; port 0 marks a datagram that did not come over UDP, shown by its label alone. */
function senderOf(address: string, port: number): string {
  if (port === 0) return address;
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Schema warnings, for the debug log only: the receive path does not parse documents. */
function warningsOf(raw: string): readonly ValidationWarning[] {
  const parsed = parseDocumentText(raw);
  return parsed.ok ? parsed.warnings : [];
}
