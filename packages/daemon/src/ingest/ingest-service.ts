import {
  type CheckedFields,
  checkDocumentObject,
  checkFiledFields,
  type DocumentIndex,
  type DocumentOrigin,
  type DocumentText,
  type EpochMillis,
  epochMillis,
  type FiledFields,
  keepShapeOf,
  parseDocumentText,
  type ScanResult,
  type SourceSpan,
  scanDatagram,
  scanDocumentText,
  type TextWriter,
  type TopLevelDocument,
  TraceStore,
  type ValidationWarning,
} from "@xray-sandbox/segments";
import { type Logger, silentLogger } from "../logger.ts";
import { type DatagramRejectionReason, RejectionLog } from "../rejection-log.ts";
import { type DocumentOutcome, documentOutcome } from "./ingest-outcome.ts";
import {
  type ApiSource,
  type DatagramSource,
  describeSource,
  type ImportSource,
  type IngestSource,
  type OtlpSource,
  originOf,
} from "./ingest-source.ts";

export interface IngestCounts {
  /** Every datagram or document handed to the service; always `accepted + rejected`. */
  readonly received: number;
  /** Valid documents, whether the store changed, already held them, or (unsampled OTLP spans) was not asked to keep them. */
  readonly accepted: number;
  /** Not stored, for any reason, including `internal-error`. */
  readonly rejected: number;
  readonly bytesReceived: number;
  /**
   * Throws caught while handling a document. One that was neither stored nor rejected yet
   * is counted in `rejected` under the reason `internal-error`.
   */
  readonly internalErrors: number;
}

export interface IngestServiceDeps {
  readonly store: Pick<TraceStore, "ingest">;
  readonly rejections: Pick<RejectionLog, "record">;
  readonly logger: Logger;
  readonly now?: () => EpochMillis;
}

const NEWLINE = 0x0a;
/** Distinct internal-error kinds logged; beyond this they are only counted. */
const MAX_LOGGED_ERROR_KINDS = 100;
const encoder = new TextEncoder();

/**
 * The one way into the store, for every source: UDP (scanned here or in the receive
 * worker), PutTraceSegments, import and `ingestDatagram`. Each call checks, counts, stores
 * or records the rejection, and returns what became of the document. Synchronous, never
 * throws: whatever goes wrong is counted and shows up in the rejection log.
 */
export class IngestService {
  readonly #store: Pick<TraceStore, "ingest">;
  readonly #rejections: Pick<RejectionLog, "record">;
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
  }: IngestServiceDeps) {
    this.#store = store;
    this.#rejections = rejections;
    this.#logger = logger;
    this.#now = now;
  }

  /**
   * One datagram: the header line, `\n`, one document. `receivedAt`: now, unless it was
   * received earlier.
   */
  datagram(
    bytes: Uint8Array,
    source: DatagramSource,
    receivedAt: EpochMillis = this.#now(),
  ): DocumentOutcome {
    this.#received++;
    this.#bytesReceived += bytes.byteLength;
    let result: ScanResult;
    try {
      // The scan checks the datagram as parseDatagram would without building the document;
      // what reads a document parses it then, and validateDocument() gives its warnings.
      result = scanDatagram(bytes);
    } catch (error) {
      return this.#internalError(error, () => bytes, source, receivedAt);
    }
    if (!result.ok) {
      const { reason, message } = result.rejection;
      return this.#reject(() => bytes, reason, message, source, receivedAt);
    }
    const bodyBytes = bytes.byteLength - (bytes.indexOf(NEWLINE) + 1);
    return this.#accept(result.index, result.raw, bodyBytes, () => bytes, source, receivedAt);
  }

  /**
   * One document's JSON text, without a header (an API call's, an import file's, a span's).
   * `span`: the OpenTelemetry span it was translated from, kept as its origin for the viewer.
   */
  document(
    text: string,
    source: ApiSource | ImportSource | OtlpSource,
    receivedAt: EpochMillis = this.#now(),
    span?: SourceSpan,
  ): DocumentOutcome {
    return this.#text(
      text,
      () => scanDocumentText(text),
      source,
      receivedAt,
      span === undefined ? undefined : originOf(source, span),
    );
  }

  /**
   * A document the OTLP translator built: `document` the object, `text` its JSON
   * (`JSON.stringify(document)`), `origin` the translator's (with the span it came from).
   * Checked, counted, stored or rejected as `document(text)` would be, with the same outcomes
   * and reasons, but the verdict is read from the object (`checkDocumentObject`) instead of
   * scanning the text the translator just wrote.
   */
  translated(
    document: TopLevelDocument,
    text: string,
    source: OtlpSource,
    receivedAt: EpochMillis,
    origin: DocumentOrigin,
  ): DocumentOutcome {
    return this.#text(text, () => checkDocumentObject(document, text), source, receivedAt, origin);
  }

  /**
   * A document the OTLP translator filed without writing it (`fileTraceRequest`): `fields`
   * what it is filed by, `text` what writes its text when first read (`TextWriter`),
   * `wireBytes` the size of the span it comes from, which is what is counted for it (bytes
   * received, and the store's byte bounds) since its text is not known yet. The verdict is
   * `checkFiledFields`: the same reasons and messages as `translated()`, whose size limit
   * and `cause` checks the translator vouches for on this path. With debug logging on, the
   * text is written at once (the log shows the document's schema warnings).
   */
  filed(
    fields: FiledFields,
    text: TextWriter,
    wireBytes: number,
    source: OtlpSource,
    receivedAt: EpochMillis,
    origin: DocumentOrigin,
  ): DocumentOutcome {
    this.#received++;
    this.#bytesReceived += wireBytes;
    let result: CheckedFields;
    try {
      result = checkFiledFields(fields);
    } catch (error) {
      return this.#internalError(error, () => encoder.encode(text.write()), source, receivedAt);
    }
    if (!result.ok) {
      const { reason, message } = result.rejection;
      return this.#reject(() => encoder.encode(text.write()), reason, message, source, receivedAt);
    }
    return this.#accept(
      result.index,
      this.#logger.isLevelEnabled("debug") ? text.write() : text,
      wireBytes,
      () => encoder.encode(text.write()),
      source,
      receivedAt,
      origin,
    );
  }

  /**
   * A datagram the receive worker has already scanned and accepted: `raw` is its document,
   * `bodyBytes` that document's size, `datagramBytes` the whole datagram's.
   */
  scanned(
    index: DocumentIndex,
    raw: string,
    bodyBytes: number,
    datagramBytes: number,
    source: DatagramSource,
    receivedAt: EpochMillis,
  ): DocumentOutcome {
    this.#received++;
    this.#bytesReceived += datagramBytes;
    return this.#accept(index, raw, bodyBytes, () => encoder.encode(raw), source, receivedAt);
  }

  /** A payload already checked elsewhere (the receive worker, an OTLP decoder) and refused. */
  refused(
    bytes: Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    source: IngestSource,
    receivedAt: EpochMillis,
  ): DocumentOutcome {
    this.#received++;
    this.#bytesReceived += bytes.byteLength;
    return this.#reject(() => bytes, reason, message, source, receivedAt);
  }

  /**
   * A valid payload that is counted but not stored: unsampled (`T1U`) spans, which are kept
   * only when asked.
   */
  acknowledged(bytes: Uint8Array): void {
    this.#received++;
    this.#accepted++;
    this.#bytesReceived += bytes.byteLength;
  }

  counts(): IngestCounts {
    return {
      received: this.#received,
      accepted: this.#accepted,
      rejected: this.#rejected,
      bytesReceived: this.#bytesReceived,
      internalErrors: this.#internalErrors,
    };
  }

  /** A document's text, checked by `check` (a scan of the text, or of the object it was written from). */
  #text(
    text: string,
    check: () => ScanResult,
    source: ApiSource | ImportSource | OtlpSource,
    receivedAt: EpochMillis,
    origin: DocumentOrigin | undefined,
  ): DocumentOutcome {
    const bytes = Buffer.byteLength(text);
    this.#received++;
    this.#bytesReceived += bytes;
    const encoded = () => encoder.encode(text);
    let result: ScanResult;
    try {
      result = check();
    } catch (error) {
      return this.#internalError(error, encoded, source, receivedAt);
    }
    if (!result.ok) {
      const { reason, message } = result.rejection;
      return this.#reject(encoded, reason, message, source, receivedAt);
    }
    return this.#accept(result.index, result.raw, bytes, encoded, source, receivedAt, origin);
  }

  /** `origin`: how it arrived, when that is more than its source says (a translated span). */
  #accept(
    index: DocumentIndex,
    raw: DocumentText,
    bodyBytes: number,
    bytes: () => Uint8Array,
    source: IngestSource,
    receivedAt: EpochMillis,
    origin?: DocumentOrigin,
  ): DocumentOutcome {
    let outcome: DocumentOutcome;
    try {
      outcome = documentOutcome(
        index.id,
        this.#store.ingest(index, raw, bodyBytes, receivedAt, origin ?? originOf(source)),
      );
    } catch (error) {
      return this.#internalError(error, bytes, source, receivedAt);
    }
    this.#accepted++;
    if (this.#logger.isLevelEnabled("debug")) {
      this.#logger.debug(
        {
          from: describeSource(source),
          id: index.id,
          status: outcome.status,
          warnings: typeof raw === "string" ? warningsOf(raw) : [],
        },
        "document accepted",
      );
    }
    return outcome;
  }

  #reject(
    bytes: () => Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    source: IngestSource,
    receivedAt: EpochMillis,
  ): DocumentOutcome {
    this.#rejected++;
    const from = describeSource(source);
    try {
      const payload = bytes();
      this.#rejections.record({ receivedAt, from, bytes: payload, reason, message });
      if (this.#logger.isLevelEnabled("debug")) {
        this.#logger.debug({ from, reason, size: payload.byteLength }, `rejected: ${message}`);
      }
    } catch (error) {
      this.#internalErrors++;
      this.#logError(error);
    }
    return { status: "rejected", reason, message };
  }

  #internalError(
    error: unknown,
    bytes: () => Uint8Array,
    source: IngestSource,
    receivedAt: EpochMillis,
  ): DocumentOutcome {
    this.#internalErrors++;
    const message = this.#logError(error);
    this.#rejected++;
    try {
      this.#rejections.record({
        receivedAt,
        from: describeSource(source),
        bytes: bytes(),
        reason: "internal-error",
        message,
      });
    } catch {
      // The rejection log failed too; the document is counted all the same.
    }
    return { status: "rejected", reason: "internal-error", message };
  }

  /** Logs each kind of failure once; returns its message. */
  #logError(error: unknown): string {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      const kind = message.slice(0, 200);
      if (
        !this.#loggedErrorKinds.has(kind) &&
        this.#loggedErrorKinds.size < MAX_LOGGED_ERROR_KINDS
      ) {
        this.#loggedErrorKinds.add(kind);
        this.#logger.error(
          { err: error },
          `internal error while ingesting a document (further ones like it are only counted): ${message}`,
        );
      }
    } catch {
      // The logger failed; the error is counted.
    }
    return message;
  }
}

/** Schema warnings, for the debug log only: the receive path does not parse documents. */
function warningsOf(raw: string): readonly ValidationWarning[] {
  const parsed = parseDocumentText(raw);
  return parsed.ok ? parsed.warnings : [];
}

/**
 * A service (with its store and rejection log), kept so that their hidden classes outlive a
 * full collection that finds none alive (a process that makes a new service, as tests and
 * benchmarks do) and the ingest code compiled against them stays compiled (`keepShapeOf`).
 */
export const KEPT_INGEST_SERVICE = keepShapeOf(
  new IngestService({
    store: new TraceStore({ maxTraces: 1, maxBytes: 1024 }),
    rejections: new RejectionLog(1),
    logger: silentLogger(),
  }),
);
