import { requestJson } from "../api/http.ts";

/**
 * `GET /api/sampling`, as the viewer reads it. The daemon's sampling view is not part of the
 * shared contract in `@xray-sandbox/segments`, so its shape is restated here.
 */
export interface SamplingRule {
  readonly RuleName: string;
  readonly Priority: number;
  readonly FixedRate: number;
  readonly ReservoirSize: number;
  readonly ServiceName: string;
  readonly ServiceType: string;
  readonly Host: string;
  readonly HTTPMethod: string;
  readonly URLPath: string;
  readonly ResourceARN: string;
  readonly Attributes: Readonly<Record<string, string>>;
}

export interface SamplingCounts {
  readonly requestCount: number;
  readonly sampledCount: number;
  readonly borrowCount: number;
}

export interface SamplingRuleView {
  readonly SamplingRule: SamplingRule;
  readonly totals: SamplingCounts & {
    readonly reports: number;
    /** ISO 8601. */
    readonly lastReportAt: string | null;
  };
}

export interface SamplingClient {
  readonly clientId: string;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly reports: number;
  readonly rules: Readonly<Record<string, SamplingCounts>>;
}

export interface SamplingReport {
  readonly RuleName: string;
  readonly ClientID: string;
  readonly RequestCount: number;
  readonly SampledCount: number;
  readonly BorrowCount: number;
  readonly receivedAt: string;
}

export interface SamplingView {
  readonly rules: readonly SamplingRuleView[];
  readonly clients: readonly SamplingClient[];
  readonly lastRulesFetch: string | null;
  readonly lastTargetsFetch: string | null;
  readonly recentReports: readonly SamplingReport[];
}

export async function fetchSampling(signal: AbortSignal): Promise<SamplingView> {
  const body = await requestJson<Partial<SamplingView> | undefined>("/api/sampling", { signal });
  return {
    rules: Array.isArray(body?.rules) ? body.rules : [],
    clients: Array.isArray(body?.clients) ? body.clients : [],
    lastRulesFetch: body?.lastRulesFetch ?? null,
    lastTargetsFetch: body?.lastTargetsFetch ?? null,
    recentReports: Array.isArray(body?.recentReports) ? body.recentReports : [],
  };
}
