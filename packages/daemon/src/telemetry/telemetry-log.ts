import {
  type EpochMillis,
  epochMillis,
  type TelemetryClient,
  type TelemetryRecordView,
  type TelemetryStats,
} from "@xray-sandbox/segments";

/** One `PutTelemetryRecords` call, checked. */
export interface TelemetryReport {
  readonly records: readonly TelemetryRecordView[];
  readonly hostname: string | undefined;
  readonly ec2InstanceId: string | undefined;
  readonly resourceArn: string | undefined;
}

export interface TelemetryBounds {
  readonly maxClients: number;
  readonly recordsPerClient: number;
}

/**
 * Sixteen clients of five records is plenty for a developer's machine (one X-Ray daemon
 * reports once a minute) and keeps the stats every live message carries small.
 */
export const DEFAULT_TELEMETRY_BOUNDS: TelemetryBounds = Object.freeze({
  maxClients: 16,
  recordsPerClient: 5,
});

interface ClientEntry {
  readonly hostname: string | null;
  readonly ec2InstanceId: string | null;
  readonly resourceArn: string | null;
  readonly firstReportAt: EpochMillis;
  lastReportAt: EpochMillis;
  calls: number;
  records: number;
  /** Newest first. */
  latest: TelemetryRecordView[];
}

/**
 * The telemetry clients reported: per client (its `Hostname`, `EC2InstanceId` and
 * `ResourceARN` together) the latest `recordsPerClient` records and its counts, for at most
 * `maxClients` clients; forgotten clients are counted.
 */
export class TelemetryLog {
  readonly bounds: TelemetryBounds;
  /** Insertion order is report order: the first entry reported least recently. */
  readonly #clients = new Map<string, ClientEntry>();
  #calls = 0;
  #records = 0;
  #evictedClients = 0;

  constructor(bounds: TelemetryBounds = DEFAULT_TELEMETRY_BOUNDS) {
    this.bounds = bounds;
  }

  record(report: TelemetryReport, receivedAt: EpochMillis = epochMillis(Date.now())): void {
    this.#calls++;
    this.#records += report.records.length;
    const identity = {
      hostname: report.hostname ?? null,
      ec2InstanceId: report.ec2InstanceId ?? null,
      resourceArn: report.resourceArn ?? null,
    };
    const key = JSON.stringify([identity.hostname, identity.ec2InstanceId, identity.resourceArn]);
    const client = this.#clients.get(key) ?? {
      ...identity,
      firstReportAt: receivedAt,
      lastReportAt: receivedAt,
      calls: 0,
      records: 0,
      latest: [],
    };
    this.#clients.delete(key);
    this.#clients.set(key, client);
    client.lastReportAt = receivedAt;
    client.calls++;
    client.records += report.records.length;
    // Newest first by Timestamp; of equal ones, the later arrival first (a stable sort).
    client.latest = [...report.records].reverse().concat(client.latest);
    client.latest.sort((a, b) => b.Timestamp - a.Timestamp);
    client.latest.length = Math.min(client.latest.length, this.bounds.recordsPerClient);
    for (const oldest of this.#clients.keys()) {
      if (this.#clients.size <= this.bounds.maxClients) break;
      this.#clients.delete(oldest);
      this.#evictedClients++;
    }
  }

  stats(): TelemetryStats {
    const clients: TelemetryClient[] = [...this.#clients.values()].reverse().map((client) => ({
      hostname: client.hostname,
      ec2InstanceId: client.ec2InstanceId,
      resourceArn: client.resourceArn,
      firstReportAt: client.firstReportAt,
      lastReportAt: client.lastReportAt,
      calls: client.calls,
      records: client.records,
      latest: [...client.latest],
    }));
    return {
      calls: this.#calls,
      records: this.#records,
      clients,
      bounds: { ...this.bounds, evictedClients: this.#evictedClients },
    };
  }
}
