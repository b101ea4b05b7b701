import type { TraceStore } from "@xray-sandbox/segments";
import type { FilterScans } from "../filter-scans.ts";
import type { GroupRegistry } from "../groups/group-registry.ts";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import type { SamplingState } from "../sampling/sampling-state.ts";
import type { TelemetryLog } from "../telemetry/telemetry-log.ts";
import type { XRayAccountState } from "./account-state.ts";
import type { Checked } from "./request-fields.ts";
import type { RootCauseCounts } from "./root-cause-counts.ts";
import { invalidRequest } from "./xray-api-error.ts";

/** What the X-Ray operations read and change. */
export interface XRayApiDeps {
  readonly store: TraceStore;
  readonly groups: GroupRegistry;
  /** Runs filters over the store in slices (GetTraceSummaries, GetServiceGraph of a group). */
  readonly filterScans: FilterScans;
  readonly sampling: SamplingState;
  /** The daemon's ingest path for one `PutTraceSegments` document: checked, counted, stored. */
  readonly putDocument: (document: string) => DocumentOutcome;
  /** Where `PutTelemetryRecords` reports go. */
  readonly telemetry: Pick<TelemetryLog, "record">;
  /** Encryption, indexing, destination, tags, policies, retrievals (kept, not enforced). */
  readonly account: XRayAccountState;
  /** Trace summaries per `GetTraceSummaries` page: 100, as X-Ray. */
  readonly pageSize: number;
  /** Works out each `GetTraceSummaries` entry's root causes and counts them. */
  readonly rootCauses: RootCauseCounts;
}

/**
 * One operation: its restJson1 path, a checker for its request body, and what it does.
 * `run` throws `XRayApiError` for requests X-Ray would refuse.
 */
export interface XRayOperation {
  /** e.g. `GetTraceSummaries`. */
  readonly name: string;
  /** e.g. `/TraceSummaries`. */
  readonly path: string;
  /** `signal`: the caller went away (a long operation may stop early; its answer is not read). */
  handle(body: unknown, deps: XRayApiDeps, signal?: AbortSignal): Promise<object>;
}

export interface OperationDefinition<Input> {
  readonly name: string;
  readonly path: string;
  readonly read: (body: unknown) => Checked<Input>;
  readonly run: (input: Input, deps: XRayApiDeps, signal?: AbortSignal) => object | Promise<object>;
}

/** Pairs a checker with its operation so that the table of operations needs no generics. */
export function defineOperation<Input>(definition: OperationDefinition<Input>): XRayOperation {
  return {
    name: definition.name,
    path: definition.path,
    async handle(body, deps, signal) {
      const input = definition.read(body);
      if (!input.ok) throw invalidRequest(input.message);
      return await definition.run(input.value, deps, signal);
    },
  };
}
