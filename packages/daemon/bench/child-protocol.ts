/** Messages between the benchmark and its sender and baseline-receiver processes (over IPC). */

export interface PoolSummary {
  readonly targetBytes: number;
  readonly traces: number;
  readonly datagrams: number;
  readonly meanBytes: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

export interface SendRequest {
  readonly type: "send";
  readonly host: string;
  readonly port: number;
  readonly sizeBytes: number;
  /** Datagrams per second. */
  readonly rate: number;
  readonly seconds: number;
}

export interface SendReport {
  readonly type: "sent";
  /** Datagrams the kernel accepted. */
  readonly sent: number;
  /** `send` calls that failed (e.g. ENOBUFS); not counted in `sent`. */
  readonly sendErrors: number;
  /** The rate the sender aimed for times the window: what it would have sent at full speed. */
  readonly planned: number;
  readonly elapsedSeconds: number;
  /** `sent / elapsedSeconds`. */
  readonly achievedRate: number;
  /** Traces whose datagrams were all sent. */
  readonly traces: number;
  readonly cpuMicros: number;
}

export type SenderCommand =
  | { readonly type: "prepare"; readonly sizes: readonly number[] }
  | SendRequest;

export type SenderMessage =
  | { readonly type: "prepared"; readonly pools: readonly PoolSummary[] }
  | SendReport
  | { readonly type: "failed"; readonly message: string };

export interface ReceiverCounters {
  readonly type: "counters";
  readonly received: number;
  readonly bytes: number;
  readonly cpuMicros: number;
  readonly rssBytes: number;
}

export type ReceiverCommand = { readonly type: "read" };

export type ReceiverMessage =
  | {
      readonly type: "listening";
      readonly host: string;
      readonly port: number;
      readonly receiveBufferBytes: number;
    }
  | ReceiverCounters
  | { readonly type: "failed"; readonly message: string };
