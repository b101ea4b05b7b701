import {
  type EpochMillis,
  type EpochSeconds,
  epochMillis,
  epochSeconds,
  millisToSeconds,
  type SamplingRuleRecord,
  type SamplingStatisticsBounds,
  type SamplingStatisticsDocument,
  type SamplingView,
  secondsToMillis,
} from "@xray-sandbox/segments";
import type { SamplingRuleDefinition } from "./sampling-rule.ts";
import { type RuleChange, type RuleRef, SamplingRuleSet } from "./sampling-rule-set.ts";
import { SamplingStatistics } from "./sampling-statistics.ts";

/** How long an SDK may use the reservoir quota it was given before asking again. */
export const RESERVOIR_QUOTA_TTL_SECONDS = 300;
/** Seconds between an SDK's statistics reports, as X-Ray asks of them. */
export const TARGETS_INTERVAL_SECONDS = 10;

/** `GetSamplingTargets`' reply, times in epoch seconds. */
export interface SamplingTargets {
  readonly SamplingTargetDocuments: readonly {
    readonly RuleName: string;
    readonly FixedRate: number;
    readonly ReservoirQuota: number;
    readonly ReservoirQuotaTTL: EpochSeconds;
    readonly Interval: number;
  }[];
  readonly LastRuleModification: EpochSeconds;
  readonly UnprocessedStatistics: readonly {
    readonly RuleName: string;
    readonly ErrorCode: string;
    readonly Message: string;
  }[];
}

export interface SamplingStateOptions {
  readonly rules?: readonly SamplingRuleDefinition[];
  readonly bounds?: SamplingStatisticsBounds;
  readonly now?: () => EpochMillis;
}

/**
 * Sampling answered locally: the rules SDKs fetch, the targets they ask for with their
 * statistics, and what they reported, for a learner to watch.
 */
export class SamplingState {
  readonly rules: SamplingRuleSet;
  readonly statistics: SamplingStatistics;
  readonly #now: () => EpochMillis;
  #lastRulesFetch: EpochMillis | null = null;
  #lastTargetsFetch: EpochMillis | null = null;

  constructor({
    rules = [],
    bounds,
    now = () => epochMillis(Date.now()),
  }: SamplingStateOptions = {}) {
    this.#now = now;
    this.rules = new SamplingRuleSet(rules, () => millisToSeconds(now()));
    this.statistics = new SamplingStatistics(bounds);
  }

  /** What `GetSamplingRules` serves; records the fetch. */
  fetchRules(): SamplingRuleRecord[] {
    this.#lastRulesFetch = this.#now();
    return this.rules.records();
  }

  /**
   * Records the statistics and answers with a target per reported rule: its fixed rate and
   * its whole reservoir as this client's quota (no other client competes for it here).
   */
  fetchTargets(documents: readonly SamplingStatisticsDocument[]): SamplingTargets {
    const now = this.#now();
    this.#lastTargetsFetch = now;
    const ttl = epochSeconds(Math.floor(millisToSeconds(now)) + RESERVOIR_QUOTA_TTL_SECONDS);
    const targets = new Map<string, SamplingTargets["SamplingTargetDocuments"][number]>();
    const unprocessed: SamplingTargets["UnprocessedStatistics"][number][] = [];
    for (const document of documents) {
      const record = this.rules.get(document.RuleName);
      if (record === undefined) {
        unprocessed.push({
          RuleName: document.RuleName,
          ErrorCode: "ResourceNotFoundException",
          Message: `no sampling rule ${JSON.stringify(document.RuleName)}`,
        });
        continue;
      }
      this.statistics.record(document, now);
      const rule = record.SamplingRule;
      targets.set(rule.RuleName, {
        RuleName: rule.RuleName,
        FixedRate: rule.FixedRate,
        ReservoirQuota: rule.ReservoirSize,
        ReservoirQuotaTTL: ttl,
        Interval: TARGETS_INTERVAL_SECONDS,
      });
    }
    return {
      SamplingTargetDocuments: [...targets.values()],
      LastRuleModification: this.rules.lastModification,
      UnprocessedStatistics: unprocessed,
    };
  }

  createRule(input: unknown): RuleChange {
    return this.rules.create(input);
  }

  updateRule(ref: RuleRef, changes: Readonly<Record<string, unknown>>): RuleChange {
    return this.rules.update(ref, changes);
  }

  deleteRule(ref: RuleRef): RuleChange {
    const deleted = this.rules.delete(ref);
    if (deleted.ok) this.statistics.forgetRule(deleted.record.SamplingRule.RuleName);
    return deleted;
  }

  view(): SamplingView {
    return {
      rules: this.rules.records().map((record) => {
        const { lastReportAt, ...totals } = this.statistics.ruleTotals(
          record.SamplingRule.RuleName,
        );
        return { ...record, totals: { ...totals, lastReportAt: isoOrNull(lastReportAt) } };
      }),
      clients: this.statistics.clients().map((client) => ({
        ...client,
        firstSeenAt: iso(client.firstSeenAt),
        lastSeenAt: iso(client.lastSeenAt),
      })),
      lastRulesFetch: isoOrNull(this.#lastRulesFetch),
      lastTargetsFetch: isoOrNull(this.#lastTargetsFetch),
      lastRuleModification: iso(secondsToMillis(this.rules.lastModification)),
      recentReports: this.statistics
        .recentReports()
        .map((report) => ({ ...report, receivedAt: iso(report.receivedAt) })),
      bounds: { ...this.statistics.bounds, evictedClients: this.statistics.evictedClients },
    };
  }
}

function iso(time: EpochMillis): string {
  return new Date(time).toISOString();
}

function isoOrNull(time: EpochMillis | null | undefined): string | null {
  return time === null || time === undefined ? null : iso(time);
}
