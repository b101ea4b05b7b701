import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { summarizeTrace } from "../summarize-trace.ts";
import {
  contextOf,
  FILTER_TRACE_IDS,
  type FilterTraceName,
  filterTraces,
} from "../test-support/filter-traces.ts";
import { multiServiceDocuments, tracesFromDatagrams } from "../test-support/multi-service.ts";
import { type CompiledFilter, compileFilter, type FilterContext } from "./compiled-filter.ts";
import { MAX_FILTER_TERMS } from "./parser.ts";

function compile(source: string): CompiledFilter {
  const result = compileFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

const TRACES = filterTraces();

function matching(source: string, group?: FilterContext["group"]): FilterTraceName[] {
  const filter = compile(source);
  return TRACES.filter(({ context }) => filter.matches({ ...context, group })).map(
    ({ name }) => name,
  );
}

const ALL: FilterTraceName[] = ["checkout", "orders", "crash"];

describe("trace-level keywords", () => {
  it.each<[string, FilterTraceName[]]>([
    ["ok", ["checkout"]],
    ["!ok", ["orders", "crash"]],
    ["ok = true", ["checkout"]],
    ["ok = false", ["orders", "crash"]],
    ["ok != true", ["orders", "crash"]],
    ["ok != false", ["checkout"]],
    ["error", ["orders"]],
    ["error = false", ["checkout", "crash"]],
    ["throttle", ["orders"]],
    ["!throttle", ["checkout", "crash"]],
    ["fault", ["crash"]],
    ["fault != true", ["checkout", "orders"]],
    ["partial", ["orders", "crash"]],
    ["partial = false", ["checkout"]],
    ["inferred", ["checkout"]],
    ["!inferred", ["orders", "crash"]],
    ["remote", ["checkout"]],
    ["remote = false", ["orders", "crash"]],
    ["responsetime", ALL],
    ["responsetime > 1", ["checkout"]],
    ["responsetime >= 0.5", ["checkout", "crash"]],
    ["responsetime < 0.5", ["orders"]],
    ["responsetime <= 0.5", ["orders", "crash"]],
    ["responsetime = 0.25", ["orders"]],
    ["responsetime != 0.25", ["checkout", "crash"]],
    ["duration > 1.5", ["checkout"]],
    ["duration >= 0.25 AND duration <= 0.5", ["orders", "crash"]],
    ["duration = 2", ["checkout"]],
    ["duration != 2", ["orders", "crash"]],
    ["duration < 0.3", ["orders"]],
    ["duration <= 1.5", ["orders", "crash"]],
    ["http.status = 429", ["orders"]],
    ["http.status != 200", ["orders", "crash"]],
    ["http.status < 300", ["checkout"]],
    ["http.status <= 429", ["checkout", "orders"]],
    ["http.status > 200", ["orders", "crash"]],
    ["http.status >= 500", ["crash"]],
    ["http.url", ALL],
    ['http.url = "http://api.internal/v2/orders"', ["orders"]],
    ['http.url != "http://api.internal/v2/orders"', ["checkout", "crash"]],
    ['http.url CONTAINS "/v2/"', ["orders"]],
    ['http.url BEGINSWITH "https://"', ["checkout"]],
    ['http.url ENDSWITH "/error"', ["crash"]],
    ['http.method = "POST"', ["orders"]],
    ['http.method != "POST"', ["checkout", "crash"]],
    ['http.method CONTAINS "E"', ["checkout", "crash"]],
    ['http.method BEGINSWITH "P"', ["orders"]],
    ['http.method ENDSWITH "T"', ALL],
    ["http.useragent", ALL],
    ['http.useragent = ""', ["crash"]],
    ['http.useragent != ""', ["checkout", "orders"]],
    ['http.useragent CONTAINS "Mozilla"', ["checkout"]],
    ['http.useragent BEGINSWITH "curl/"', ["orders"]],
    ['http.useragent ENDSWITH ")"', ["checkout"]],
    ["http.clientip", ["checkout", "orders"]],
    ['http.clientip = "10.0.0.1"', ["checkout"]],
    ['http.clientip != "10.0.0.1"', ["orders"]],
    ['http.clientip CONTAINS ".168."', ["orders"]],
    ['http.clientip BEGINSWITH "10."', ["checkout"]],
    ['http.clientip ENDSWITH ".20"', ["orders"]],
    ["user", ["checkout", "crash"]],
    ['user CONTAINS ""', ["checkout", "crash"]],
    ['user = "bob"', ["checkout"]],
    ['user != "alice"', ["crash"]],
    ['user BEGINSWITH "car"', ["crash"]],
    ['user ENDSWITH "ce"', ["checkout"]],
    ['name = "api"', ["checkout"]],
    ['name != "web"', ["orders", "crash"]],
    ['name CONTAINS "-"', ["crash"]],
    ['name BEGINSWITH "ord"', ["orders"]],
    ['name ENDSWITH "eb"', ["checkout"]],
    ['type = "AWS::EC2::Instance"', ["checkout"]],
    ['type = "service"', ["checkout", "crash"]],
    ['type != "service"', ["orders"]],
    ['type CONTAINS "ECS"', ["orders"]],
    ['type BEGINSWITH "AWS::"', ["checkout", "orders"]],
    ['type ENDSWITH "Instance"', ["checkout"]],
    ["message", ["checkout", "crash"]],
    ['message = "boom"', ["crash"]],
    ['message != "boom"', ["checkout"]],
    ['message CONTAINS "declined"', ["checkout"]],
    ['message BEGINSWITH "card"', ["checkout"]],
    ['message ENDSWITH "oom"', ["crash"]],
    ["availabilityzone", ["checkout", "orders"]],
    ['availabilityzone = "eu-west-1a"', ["checkout"]],
    ['availabilityzone != "eu-west-1a"', ["orders"]],
    ['availabilityzone CONTAINS "west"', ["checkout", "orders"]],
    ['availabilityzone BEGINSWITH "eu-"', ["checkout", "orders"]],
    ['availabilityzone ENDSWITH "b"', ["orders"]],
    ["instance.id", ["checkout"]],
    ['instance.id = "i-0abc"', ["checkout"]],
    ['instance.id != "i-0abc"', []],
    ['instance.id != "i-9999"', ["checkout"]],
    ['instance.id CONTAINS "0ab"', ["checkout"]],
    ['instance.id BEGINSWITH "i-"', ["checkout"]],
    ['instance.id ENDSWITH "abc"', ["checkout"]],
    ["resource.arn", ["checkout"]],
    ['resource.arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"', ["checkout"]],
    ['resource.arn != "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"', []],
    ['resource.arn CONTAINS ":instance/"', ["checkout"]],
    ['resource.arn BEGINSWITH "arn:aws:ec2:"', ["checkout"]],
    ['resource.arn ENDSWITH "/i-0abc"', ["checkout"]],
  ])("%s", (source, expected) => {
    expect(matching(source)).toEqual(expected);
  });

  it("reads flags from the entry point, not from downstream calls the user never saw", () => {
    expect(matching("fault")).not.toContain("checkout");
    expect(matching("service() { fault }")).toContain("checkout");
  });
});

describe("annotations", () => {
  it.each<[string, FilterTraceName[]]>([
    ["annotation.account", ["checkout", "orders"]],
    ["!annotation.account", ["crash"]],
    ['annotation.account = "12345"', ["checkout"]],
    ["annotation.account = 12345", ["orders"]],
    ['annotation.account != "999"', ["checkout"]],
    ['annotation.account != "12345"', []],
    ['annotation.account CONTAINS "234"', ["checkout"]],
    ['annotation.account BEGINSWITH "12"', ["checkout"]],
    ['annotation.account ENDSWITH "45"', ["checkout"]],
    ["annotation.retries > 1", ["checkout"]],
    ["annotation.retries >= 0", ["checkout", "orders"]],
    ["annotation.retries < 3", ["orders"]],
    ["annotation.retries <= 3", ["checkout", "orders"]],
    ["annotation.retries != 3", ["orders"]],
    ["annotation.premium", ["checkout"]],
    ["annotation.premium = true", ["checkout"]],
    ["annotation.premium != false", ["checkout"]],
    ["annotation.premium = false", []],
    ["annotation.cached", []],
    ["!annotation.cached", ["checkout", "orders", "crash"]],
    ["annotation.cached = false", ["orders"]],
    ['annotation.premium = "true"', []],
    ["annotation.Account", []],
    ["annotation.constructor", []],
  ])("%s", (source, expected) => {
    expect(matching(source)).toEqual(expected);
  });
});

describe("combining", () => {
  it.each<[string, FilterTraceName[]]>([
    ["error OR ok AND fault", ["orders"]],
    ["(error OR ok) AND fault", []],
    ["fault OR ok AND !partial", ["checkout", "crash"]],
    ["!ok AND fault", ["crash"]],
    ["!ok OR ok", ALL],
    ["!(ok OR error)", ["crash"]],
    ["!!ok", ["checkout"]],
    ["ok !partial duration < 3", ["checkout"]],
    ["ok and !partial And duration < 3", ["checkout"]],
    ['http.method = "GET" or error', ALL],
    ['RESPONSETIME > 1 AND Http.Status = 200 AND http.url contains "cart"', ["checkout"]],
    ["OK = TRUE", ["checkout"]],
    ['user = "bob" AND user = "alice"', ["checkout"]],
    ["", ALL],
    ["  \n\t ", ALL],
  ])("%s", (source, expected) => {
    expect(matching(source)).toEqual(expected);
  });

  it("handles the longest flat chain allowed", () => {
    const long = Array.from({ length: MAX_FILTER_TERMS }, () => "ok").join(" AND ");
    expect(matching(long)).toEqual(["checkout"]);
  });
});

describe("trace ids", () => {
  it.each<[string, FilterTraceName[]]>([
    [FILTER_TRACE_IDS.orders, ["orders"]],
    [FILTER_TRACE_IDS.orders.toUpperCase(), ["orders"]],
    [`${FILTER_TRACE_IDS.checkout} OR ${FILTER_TRACE_IDS.crash}`, ["checkout", "crash"]],
    [`${FILTER_TRACE_IDS.checkout} AND fault`, []],
    ["1-00000000-000000000000000000000000", []],
  ])("%s", (source, expected) => {
    expect(matching(source)).toEqual(expected);
  });
});

describe("groups", () => {
  const groups = new Map<string, CompiledFilter>();
  const resolve: FilterContext["group"] = (ref, by) =>
    groups.get(by === "arn" ? `arn:${ref}` : ref);
  groups.set("slow", compile("responsetime > 1"));
  groups.set("arn:arn:aws:xray:eu-west-1:123456789012:group/slow/ABC", compile("responsetime > 1"));
  groups.set("self", compile('group.name = "self" OR fault'));
  groups.set("ping", compile('group.name = "pong" OR error'));
  groups.set("pong", compile('group.name = "ping" OR fault'));
  groups.set("nested", compile('group.name = "slow" AND user = "bob"'));

  it.each<[string, FilterTraceName[]]>([
    ['group.name = "slow"', ["checkout"]],
    ['group.name != "slow"', ["orders", "crash"]],
    ['group.name = "slow" AND user = "bob"', ["checkout"]],
    ['group.name = "nested" OR throttle', ["checkout", "orders"]],
    ['group.arn = "arn:aws:xray:eu-west-1:123456789012:group/slow/ABC"', ["checkout"]],
    ['group.name = "missing"', []],
    ['group.name != "missing"', []],
    ['group.name = "self"', ["crash"]],
    ['group.name = "ping"', ["orders", "crash"]],
    ['group.name = "pong"', ["orders", "crash"]],
  ])("%s", (source, expected) => {
    expect(matching(source, resolve)).toEqual(expected);
  });

  it("matches nothing when the context has no groups", () => {
    expect(matching('group.name = "slow"')).toEqual([]);
  });

  it("stops a group that refers to itself when evaluated directly", () => {
    const self = groups.get("self");
    const results = TRACES.map(({ context }) => self?.matches({ ...context, group: resolve }));
    expect(results).toEqual([false, false, true]);
  });

  it("stops when the resolver compiles a fresh filter for every lookup", () => {
    const fresh: FilterContext["group"] = () => compile('group.name = "again" OR throttle');
    expect(matching('group.name = "again"', fresh)).toEqual(["orders"]);
  });
});

describe("service() and edge()", () => {
  const scenarios = {
    calm: multiServiceDocuments({ seq: 1, start: 1795687000 }),
    paymentsDown: multiServiceDocuments({ seq: 2, start: 1795687010, payments: "5xx" }),
    throttled: multiServiceDocuments({ seq: 3, start: 1795687020, backend: "429" }),
    slowDatabase: multiServiceDocuments({
      seq: 4,
      start: 1795687030,
      dynamo: "4xx",
      latency: { sql: 0.5, backend: 0.6, frontend: 0.7 },
    }),
  };
  type Scenario = keyof typeof scenarios;
  const contexts = Object.entries(scenarios).map(([name, documents]) => ({
    name: name as Scenario,
    context: contextOf(documents),
  }));
  const every: Scenario[] = ["calm", "paymentsDown", "throttled", "slowDatabase"];

  function scenariosMatching(source: string): Scenario[] {
    const filter = compile(source);
    return contexts.filter(({ context }) => filter.matches(context)).map(({ name }) => name);
  }

  it.each<[string, Scenario[]]>([
    ['service("orders-api")', every],
    ['service("nope")', []],
    ['!service("nope")', every],
    ['!service("orders-api")', []],
    ["service()", every],
    ["fault", []],
    ["service() { fault }", ["paymentsDown"]],
    ['service("payments.example.com") { fault }', ["paymentsDown"]],
    ['service("orders-api") { fault }', []],
    ['service("orders-api") { throttle AND error }', ["throttled"]],
    ['service("orders-api") { ok }', ["calm", "paymentsDown", "slowDatabase"]],
    ['service("orders-api") { !ok }', ["throttled"]],
    ['service("orders-api") { http.status = 429 }', ["throttled"]],
    ['service("web-frontend") { http.clientip = "10.0.0.1" }', every],
    ['service() { http.url CONTAINS "payments" AND http.status >= 500 }', ["paymentsDown"]],
    ['service(id(name: "orders", type: "AWS::DynamoDB::Table")) { error }', ["slowDatabase"]],
    ['service(id(name: "orders", type: "AWS::ECS::Container"))', []],
    ['service(id(type: "AWS::ECS::Container")) { responsetime > 0.5 }', ["slowDatabase"]],
    ['service("orders@db.internal") { responsetime > 0.1 }', ["slowDatabase"]],
    ['service("orders@db.internal") { duration <= 0.1 }', ["calm", "paymentsDown", "throttled"]],
    ['service() { name = "orders" AND error }', ["slowDatabase"]],
    ['service() { type = "remote" AND fault }', ["paymentsDown"]],
    ['service("web-frontend") { root }', every],
    ['service("orders-api") { root }', []],
    ['service("orders-api") { inferred }', []],
    ["service() { inferred AND fault }", ["paymentsDown"]],
    ['service("web-frontend") { first AND index = 0 }', every],
    ['service("web-frontend") { last }', []],
    ['service("orders-api") { coverage > 0.5 }', every],
    ['service("orders@db.internal") { coverage > 0.5 }', ["slowDatabase"]],
    ['edge("web-frontend", "orders-api")', every],
    ['edge("orders-api", "web-frontend")', []],
    ['edge("orders-api", "payments.example.com") { fault }', ["paymentsDown"]],
    ['edge("web-frontend", "orders-api") { throttle }', ["throttled"]],
    [
      'edge(id(name: "orders-api", type: "AWS::ECS::Container"), id(type: "AWS::DynamoDB::Table")) { error }',
      ["slowDatabase"],
    ],
    ['edge("web-frontend", "orders-api") { root }', every],
    ['edge("orders-api", "orders") { root }', []],
    ['edge("orders-api", "orders@db.internal") { responsetime > 0.1 }', ["slowDatabase"]],
    [
      '!edge("orders-api", "payments.example.com") { fault } AND !throttle',
      ["calm", "slowDatabase"],
    ],
  ])("%s", (source, expected) => {
    expect(scenariosMatching(source)).toEqual(expected);
  });
});

describe("real SDK traces (run1-basic)", () => {
  const traces = tracesFromDatagrams(loadFixtureRun("run1-basic").map((d) => d.bytes)).map(
    (trace) => ({ trace, summary: summarizeTrace(trace) }),
  );

  function urls(source: string): string[] {
    const filter = compile(source);
    return traces
      .filter((context) => filter.matches(context))
      .map(({ summary }) => new URL(summary.http?.url ?? "http://x/?").pathname)
      .sort();
  }

  it.each<[string, string[]]>([
    ["fault", ["/error", "/outgoing-fail", "/outgoing-refused"]],
    ['service("127.0.0.1") { fault } AND fault', ["/outgoing-fail", "/outgoing-refused"]],
    ['ok AND service() { message = "flaky failed" }', ["/async-fail"]],
    ["throttle", ["/throttle"]],
    ["error AND !throttle", ["/notfound"]],
    ['annotation.userId = "u-42" AND annotation.score > 9', ["/user", "/user"]],
    ['edge("sample-express", "127.0.0.1") { fault }', ["/outgoing-fail", "/outgoing-refused"]],
    ['service() { message CONTAINS "ECONNREFUSED" }', ["/outgoing-refused"]],
  ])("%s", (source, expected) => {
    expect(urls(source)).toEqual(expected);
  });
});
