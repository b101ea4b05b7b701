import {
  type EpochMillis,
  epochMillis,
  epochSeconds,
  type SamplingStatisticsDocument,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { SamplingState } from "./sampling-state.ts";

function clock(start = 1_750_000_000_000) {
  let now = start;
  return {
    now: (): EpochMillis => epochMillis(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

const skip = { RuleName: "skip", Priority: 1, FixedRate: 0, ReservoirSize: 0, URLPath: "/skip*" };

function statistics(fields: Partial<SamplingStatisticsDocument> = {}): SamplingStatisticsDocument {
  return {
    RuleName: "Default",
    ClientID: "a".repeat(24),
    RequestCount: 3,
    SampledCount: 2,
    BorrowCount: 1,
    Timestamp: epochSeconds(1_750_000_000),
    ...fields,
  };
}

describe("SamplingState rules", () => {
  it("serves Default alone unless told otherwise, sampling everything", () => {
    const [rule, ...others] = new SamplingState().fetchRules();
    expect(others).toEqual([]);
    expect(rule?.SamplingRule).toMatchObject({
      RuleName: "Default",
      RuleARN: "arn:aws:xray:local:000000000000:sampling-rule/Default",
      Priority: 10_000,
      FixedRate: 1,
      Version: 1,
      ResourceARN: "*",
      Attributes: {},
    });
    expect(rule?.SamplingRule.ReservoirSize).toBeGreaterThanOrEqual(1000);
  });

  it("orders rules by priority, then name, as SDKs apply them", () => {
    const state = new SamplingState();
    for (const [name, priority] of [
      ["b", 5],
      ["a", 5],
      ["first", 1],
    ] as const) {
      expect(state.createRule({ RuleName: name, Priority: priority, FixedRate: 1 }).ok).toBe(true);
    }
    expect(state.fetchRules().map((record) => record.SamplingRule.RuleName)).toEqual([
      "first",
      "a",
      "b",
      "Default",
    ]);
  });

  it("refuses a second rule of the same name, and deleting Default", () => {
    const state = new SamplingState({ rules: [] });
    state.createRule(skip);
    expect(state.createRule(skip)).toEqual({
      ok: false,
      error: { kind: "invalid", message: 'a sampling rule named "skip" already exists' },
    });
    expect(state.deleteRule({ RuleName: "Default" })).toMatchObject({ ok: false });
    expect(state.deleteRule({ RuleName: "nope" })).toMatchObject({
      ok: false,
      error: { kind: "not-found" },
    });
  });

  it("stops at X-Ray's limit of 25 rules besides Default", () => {
    const state = new SamplingState();
    for (let i = 0; i < 25; i++) {
      expect(state.createRule({ RuleName: `r${i}`, Priority: 1, FixedRate: 1 }).ok).toBe(true);
    }
    expect(state.createRule({ RuleName: "one-more", Priority: 1, FixedRate: 1 })).toMatchObject({
      ok: false,
      error: { kind: "limit" },
    });
  });

  it("moves LastRuleModification on every change, so SDKs refetch", () => {
    const time = clock();
    const state = new SamplingState({ now: time.now });
    const before = state.fetchTargets([]).LastRuleModification;
    time.advance(5000);
    state.createRule(skip);
    const created = state.fetchTargets([]).LastRuleModification;
    expect(created).toBe(before + 5);
    time.advance(1000);
    const updated = state.updateRule(
      { RuleARN: state.rules.get("skip")?.SamplingRule.RuleARN },
      {
        FixedRate: 0.5,
      },
    );
    expect(updated).toMatchObject({ ok: true, record: { SamplingRule: { FixedRate: 0.5 } } });
    expect(state.fetchTargets([]).LastRuleModification).toBe(created + 1);
  });
});

describe("SamplingState targets", () => {
  it("answers each reported rule with its rate, its reservoir and a quota a few minutes long", () => {
    const time = clock();
    const state = new SamplingState({ now: time.now });
    state.createRule(skip);
    const reply = state.fetchTargets([statistics(), statistics({ RuleName: "skip" })]);
    const nowSeconds = 1_750_000_000;
    expect(reply.SamplingTargetDocuments).toEqual([
      {
        RuleName: "Default",
        FixedRate: 1,
        ReservoirQuota: state.rules.get("Default")?.SamplingRule.ReservoirSize,
        ReservoirQuotaTTL: nowSeconds + 300,
        Interval: 10,
      },
      {
        RuleName: "skip",
        FixedRate: 0,
        ReservoirQuota: 0,
        ReservoirQuotaTTL: nowSeconds + 300,
        Interval: 10,
      },
    ]);
    expect(typeof reply.LastRuleModification).toBe("number");
    expect(reply.UnprocessedStatistics).toEqual([]);
  });

  it("reports statistics for a rule it does not have as unprocessed", () => {
    const reply = new SamplingState().fetchTargets([statistics({ RuleName: "gone" })]);
    expect(reply.SamplingTargetDocuments).toEqual([]);
    expect(reply.UnprocessedStatistics).toEqual([
      {
        RuleName: "gone",
        ErrorCode: "ResourceNotFoundException",
        Message: 'no sampling rule "gone"',
      },
    ]);
  });
});

describe("SamplingState view", () => {
  it("adds up what clients reported, per rule and per client, and when rules were fetched", () => {
    const time = clock(Date.parse("2025-06-01T12:00:00Z"));
    const state = new SamplingState({ now: time.now });
    expect(state.view()).toMatchObject({ lastRulesFetch: null, lastTargetsFetch: null });
    state.fetchRules();
    time.advance(10_000);
    state.fetchTargets([statistics(), statistics({ ClientID: "b".repeat(24), RequestCount: 5 })]);

    const view = state.view();
    expect(view.lastRulesFetch).toBe("2025-06-01T12:00:00.000Z");
    expect(view.lastTargetsFetch).toBe("2025-06-01T12:00:10.000Z");
    expect(view.rules[0]?.totals).toEqual({
      requestCount: 8,
      sampledCount: 4,
      borrowCount: 2,
      reports: 2,
      lastReportAt: "2025-06-01T12:00:10.000Z",
    });
    expect(
      view.clients.map((client) => [client.clientId[0], client.rules.Default?.requestCount]),
    ).toEqual([
      ["b", 5],
      ["a", 3],
    ]);
    expect(view.recentReports).toHaveLength(2);
  });

  it("forgets the client that reported least recently beyond its bound, and counts it", () => {
    const state = new SamplingState({ bounds: { maxClients: 2, maxRecentReports: 3 } });
    for (const id of ["a", "b", "a", "c"]) state.fetchTargets([statistics({ ClientID: id })]);
    const view = state.view();
    expect(view.clients.map((client) => client.clientId)).toEqual(["c", "a"]);
    expect(view.bounds).toEqual({ maxClients: 2, maxRecentReports: 3, evictedClients: 1 });
    expect(view.recentReports.map((report) => report.ClientID)).toEqual(["c", "a", "b"]);
    expect(view.rules[0]?.totals.requestCount).toBe(12);
  });

  it("drops a deleted rule's totals", () => {
    const state = new SamplingState({ rules: [] });
    state.createRule(skip);
    state.fetchTargets([statistics({ RuleName: "skip" })]);
    state.deleteRule({ RuleName: "skip" });
    state.createRule(skip);
    expect(state.view().rules[0]?.totals.requestCount).toBe(0);
    expect(state.view().clients[0]?.rules).toEqual({});
  });
});
