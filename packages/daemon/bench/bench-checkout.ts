/**
 * The daemon and store the OTLP benches run: this checkout's, or, with `CHECKOUT=<another
 * checkout's root>`, that one's (loaded from its sources), for a before and after on the same
 * inputs; and a fresh in-process ingest service and store made of them, which is what every
 * source shares past its socket.
 */

import type { sourceSpanOf, TraceStore, translateTraceRequest } from "@xray-sandbox/segments";
import type { IngestService } from "../src/ingest/ingest-service.ts";
import type { silentLogger } from "../src/logger.ts";
import type { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";
import type { OtlpIntake } from "../src/otlp/otlp-intake.ts";
import type { RejectionLog } from "../src/rejection-log.ts";
import { TRANSLATE } from "./otlp-bench-spans.ts";

/** What `freshIngest` makes a service of. */
export interface IngestModules {
  readonly TraceStore: typeof TraceStore;
  readonly IngestService: typeof IngestService;
  readonly RejectionLog: typeof RejectionLog;
  readonly silentLogger: typeof silentLogger;
  readonly OtlpIntake: typeof OtlpIntake;
}

export interface CheckoutModules extends IngestModules {
  /** The checkout's root folder. */
  readonly root: string;
  readonly sourceSpanOf: typeof sourceSpanOf;
  readonly translateTraceRequest: typeof translateTraceRequest;
  readonly decodeProtobufRequest: typeof decodeProtobufRequest;
}

/** The modules of the checkout `CHECKOUT` names, or of this one. */
export async function checkoutModules(): Promise<CheckoutModules> {
  const root = process.env.CHECKOUT ?? new URL("../../..", import.meta.url).pathname;
  const from = async <T>(path: string): Promise<T> => (await import(`${root}/${path}`)) as T;
  const [segments, ingest, logger, decode, intake, rejections] = await Promise.all([
    from<typeof import("@xray-sandbox/segments")>("packages/segments/src/index.ts"),
    from<typeof import("../src/ingest/ingest-service.ts")>(
      "packages/daemon/src/ingest/ingest-service.ts",
    ),
    from<typeof import("../src/logger.ts")>("packages/daemon/src/logger.ts"),
    from<typeof import("../src/otlp/decode-protobuf.ts")>(
      "packages/daemon/src/otlp/decode-protobuf.ts",
    ),
    from<typeof import("../src/otlp/otlp-intake.ts")>("packages/daemon/src/otlp/otlp-intake.ts"),
    from<typeof import("../src/rejection-log.ts")>("packages/daemon/src/rejection-log.ts"),
  ]);
  return {
    root,
    TraceStore: segments.TraceStore,
    sourceSpanOf: segments.sourceSpanOf,
    translateTraceRequest: segments.translateTraceRequest,
    IngestService: ingest.IngestService,
    silentLogger: logger.silentLogger,
    decodeProtobufRequest: decode.decodeProtobufRequest,
    OtlpIntake: intake.OtlpIntake,
    RejectionLog: rejections.RejectionLog,
  };
}

/** A fresh store, with an ingest service and an OTLP intake in front of it, bounded by nothing. */
export function freshIngest(modules: IngestModules) {
  const store = new modules.TraceStore({ maxTraces: 10_000_000, maxBytes: 8 * 1024 ** 3 });
  const ingest = new modules.IngestService({
    store,
    rejections: new modules.RejectionLog(10),
    logger: modules.silentLogger(),
  });
  const intake = new modules.OtlpIntake({ ingest, translate: TRANSLATE, keepUnsampled: false });
  return { store, ingest, intake };
}
