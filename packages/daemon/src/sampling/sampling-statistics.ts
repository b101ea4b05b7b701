import type {
  EpochMillis,
  SamplingCounts,
  SamplingStatisticsBounds,
  SamplingStatisticsDocument,
} from "@xray-sandbox/segments";

export interface RuleTotals extends SamplingCounts {
  /** Statistics documents received for the rule. */
  readonly reports: number;
  readonly lastReportAt: EpochMillis | undefined;
}

export interface ClientTotals {
  readonly clientId: string;
  readonly firstSeenAt: EpochMillis;
  readonly lastSeenAt: EpochMillis;
  readonly reports: number;
  readonly rules: Readonly<Record<string, SamplingCounts>>;
}

export interface ReceivedReport extends SamplingStatisticsDocument {
  readonly receivedAt: EpochMillis;
}

export const DEFAULT_STATISTICS_BOUNDS: SamplingStatisticsBounds = Object.freeze({
  maxClients: 100,
  maxRecentReports: 50,
});

interface MutableCounts {
  requestCount: number;
  sampledCount: number;
  borrowCount: number;
}

interface ClientEntry {
  readonly clientId: string;
  readonly firstSeenAt: EpochMillis;
  lastSeenAt: EpochMillis;
  reports: number;
  readonly rules: Map<string, MutableCounts>;
}

interface RuleEntry extends MutableCounts {
  reports: number;
  lastReportAt: EpochMillis | undefined;
}

/**
 * What SDKs report about their sampling decisions. Bounded: totals per rule (one entry per
 * rule that exists), totals per client and rule for at most `maxClients` clients, and the
 * last `maxRecentReports` documents; evicted clients are counted.
 */
export class SamplingStatistics {
  readonly bounds: SamplingStatisticsBounds;
  /** Insertion order is report order: the first entry reported least recently. */
  readonly #clients = new Map<string, ClientEntry>();
  readonly #rules = new Map<string, RuleEntry>();
  readonly #recent: ReceivedReport[] = [];
  #evictedClients = 0;

  constructor(bounds: SamplingStatisticsBounds = DEFAULT_STATISTICS_BOUNDS) {
    this.bounds = bounds;
  }

  record(document: SamplingStatisticsDocument, receivedAt: EpochMillis): void {
    const rule = this.#rules.get(document.RuleName) ?? newRuleEntry();
    this.#rules.set(document.RuleName, rule);
    add(rule, document);
    rule.reports++;
    rule.lastReportAt = receivedAt;

    const client = this.#clients.get(document.ClientID) ?? {
      clientId: document.ClientID,
      firstSeenAt: receivedAt,
      lastSeenAt: receivedAt,
      reports: 0,
      rules: new Map<string, MutableCounts>(),
    };
    this.#clients.delete(document.ClientID);
    this.#clients.set(document.ClientID, client);
    client.lastSeenAt = receivedAt;
    client.reports++;
    const counts = client.rules.get(document.RuleName) ?? zeroCounts();
    client.rules.set(document.RuleName, counts);
    add(counts, document);
    this.#evictClients();

    this.#recent.unshift({ ...document, receivedAt });
    this.#recent.length = Math.min(this.#recent.length, this.bounds.maxRecentReports);
  }

  /** A deleted rule's totals go with it; a rule created later with its name starts at zero. */
  forgetRule(name: string): void {
    this.#rules.delete(name);
    for (const client of this.#clients.values()) client.rules.delete(name);
  }

  ruleTotals(name: string): RuleTotals {
    const entry = this.#rules.get(name);
    return entry === undefined
      ? { ...zeroCounts(), reports: 0, lastReportAt: undefined }
      : { ...entry };
  }

  /** Most recently reporting first. */
  clients(): ClientTotals[] {
    return [...this.#clients.values()].reverse().map((client) => ({
      clientId: client.clientId,
      firstSeenAt: client.firstSeenAt,
      lastSeenAt: client.lastSeenAt,
      reports: client.reports,
      rules: Object.fromEntries([...client.rules].map(([name, counts]) => [name, { ...counts }])),
    }));
  }

  /** Newest first. */
  recentReports(): readonly ReceivedReport[] {
    return [...this.#recent];
  }

  get evictedClients(): number {
    return this.#evictedClients;
  }

  #evictClients(): void {
    for (const id of this.#clients.keys()) {
      if (this.#clients.size <= this.bounds.maxClients) return;
      this.#clients.delete(id);
      this.#evictedClients++;
    }
  }
}

function add(into: MutableCounts, document: SamplingStatisticsDocument): void {
  into.requestCount += document.RequestCount;
  into.sampledCount += document.SampledCount;
  into.borrowCount += document.BorrowCount;
}

function zeroCounts(): MutableCounts {
  return { requestCount: 0, sampledCount: 0, borrowCount: 0 };
}

function newRuleEntry(): RuleEntry {
  return { ...zeroCounts(), reports: 0, lastReportAt: undefined };
}
