import { describe, expect, it } from "vitest";
import { type RootCauseTraceName, rootCauseTraces } from "../test-support/root-cause-traces.ts";
import { type CompiledFilter, compileFilter } from "./compiled-filter.ts";
import { parseFilter } from "./parser.ts";

function compile(source: string): CompiledFilter {
  const result = compileFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

const TRACES = rootCauseTraces();

function matching(source: string): RootCauseTraceName[] {
  const filter = compile(source);
  return TRACES.filter(({ context }) => filter.matches(context)).map(({ name }) => name);
}

const EVERY: RootCauseTraceName[] = [
  "authFault",
  "dynamoFault",
  "slowTraces",
  "clientError",
  "throttled",
  "calm",
];

/**
 * [expression, traces it matches, why: the X-Ray guide's wording, or the sandbox's rule]. The
 * traces (test-support/root-cause-traces.ts): `authFault` web-frontend → Auth, whose
 * `deserialize` step throws; `dynamoFault` orders-api's call to the DynamoDB table `traces`
 * fails; `slowTraces` 0.9 s of 1 s in a remote `traces` call; `clientError` a 400 from a
 * `validate` step; `calm` a quick 200.
 */
const TABLE: ReadonlyArray<[string, RootCauseTraceName[], string]> = [
  [
    'rootcause.fault.service { name = "Auth" }',
    ["authFault"],
    'guide: "select traces with a fault root cause that includes a service named Auth"',
  ],
  [
    'rootcause.fault.entity { last and name = "deserialize" }',
    ["authFault"],
    'guide: "last enumerated fault trace has error name deserialize"',
  ],
  [
    'rootcause.responsetime.entity { remote and coverage > 0.7 and name = "traces" }',
    ["slowTraces"],
    'guide: "requests with remote segments where coverage is greater than 0.7 and the service name is traces"',
  ],
  [
    'rootcause.fault.service { inferred and name = "traces" and type = "AWS::DynamoDB::Table" }',
    ["dynamoFault"],
    'guide: "requests with inferred segments where the service type is AWS:DynamoDB" (the sandbox types a table AWS::DynamoDB::Table, as the service graph does)',
  ],
  [
    'rootcause.fault.service { inferred and type BEGINSWITH "AWS::DynamoDB" }',
    ["dynamoFault"],
    "string operators apply to a root-cause service's type",
  ],
  [
    "rootcause.fault.service { index > 5 }",
    [],
    'guide: "enumerated list entity that has an index greater than 5"',
  ],
  [
    "rootcause.fault.service { index > 0 }",
    ["authFault", "dynamoFault"],
    "index is the position of the service on the root cause's path, from 0",
  ],
  [
    "rootcause.responsetime.entity { last and coverage > 0.8 }",
    ["slowTraces", "throttled"],
    'guide: "requests where the last entity that has coverage greater than 0.8" (throttled: no finished child, so the entry point is the last entity)',
  ],
  [
    'rootcause.responsetime.service { last and type = "AWS::DynamoDB::Table" }',
    ["dynamoFault"],
    'guide: "response time root cause whose last service has a type of DynamoDB"',
  ],
  [
    'rootcause.fault.exception { last and message = "Access Denied for account_id: 1234567890" }',
    ["authFault"],
    'guide: "fault root cause whose last exception has the message access denied for account_id: 1234567890"',
  ],
  [
    'rootcause.fault.exception { name = "InternalServerError" }',
    ["dynamoFault"],
    "name is the exception's type (X-Ray's RootCauseException Name)",
  ],
  [
    'rootcause.error.exception { message CONTAINS "positive" }',
    ["clientError"],
    "error root causes come from nodes flagged error or throttle",
  ],
  [
    'rootcause.error.entity { last and name = "validate" }',
    ["clientError"],
    "the last entity is the node where the error originated",
  ],
  [
    'rootcause.error.service { name = "orders-api" }',
    ["clientError", "throttled"],
    "error and fault root causes are kept apart",
  ],
  [
    "rootcause.fault.service",
    ["authFault", "dynamoFault"],
    'guide: complex keywords with no operator are "true if the keyword is set": the trace has a fault root cause',
  ],
  [
    "!rootcause.fault.service",
    ["slowTraces", "clientError", "throttled", "calm"],
    'guide: "! – true if the keyword is not set"',
  ],
  ["rootcause.error.entity", ["clientError", "throttled"], "the trace has an error root cause"],
  [
    "rootcause.fault.exception",
    ["authFault", "dynamoFault"],
    "some fault root cause carries an exception",
  ],
  [
    "rootcause.responsetime.service",
    EVERY,
    "every trace whose entry point took time has a response-time root cause",
  ],
  [
    "rootcause.responsetime.entity { first and coverage = 1 }",
    EVERY,
    "the first entity is the entry point, which covers all of its own time",
  ],
  [
    'rootcause.fault.entity { remote and name = "Auth" }',
    ["authFault"],
    'guide: "remote – Root cause entity is remote" (a call in namespace remote or aws)',
  ],
  [
    'rootcause.fault.service { name = "Auth" } AND !rootcause.responsetime.entity { coverage > 0.9 AND !first }',
    ["authFault"],
    "root-cause keywords combine with AND, OR and ! like any term",
  ],
  [
    'rootcause.fault.service { name = "Auth" } OR rootcause.error.service { name = "orders-api" }',
    ["authFault", "clientError", "throttled"],
    "OR between root-cause keywords",
  ],
  [
    'rootcause.json = #[{ "Services": [ { "Name": "web-frontend", "EntityPath": [{ "Name": "web-frontend" }, { "Name": "Auth" }] }, { "Name": "Auth", "EntityPath": [{ "Name": "Auth" }, { "Name": "deserialize" }] } ] }]',
    ["authFault"],
    'guide: "JSON with root cause entity: requests with matching root cause entities"',
  ],
  [
    'rootcause.json = #{ "ClientImpacting": true, "Services": [{ "Name": "orders-api" }] }',
    ["clientError", "throttled", "calm"],
    "an object alone is one pattern; an array lists as many elements as the root cause has",
  ],
  [
    'rootcause.json = #[{ "Services": [{ "Name": "orders-api" }, { "Name": "traces", "Inferred": true }] }]',
    ["dynamoFault"],
    "fields not written are not compared",
  ],
  [
    'rootcause.json != #[{ "Services": [{ "Name": "orders-api" }] }]',
    ["authFault", "dynamoFault", "slowTraces"],
    "!= is the opposite (dynamoFault's root causes pass through two services, not one)",
  ],
  ["rootcause.json", EVERY, "the trace has some root cause, of any kind"],
];

describe("rootcause.* keywords", () => {
  it.each(TABLE)("%s matches %j (%s)", (source, expected) => {
    expect(matching(source)).toEqual(expected);
  });

  it("is case-insensitive in its keywords, like every word of the language", () => {
    expect(matching('RootCause.Fault.Service { NAME = "Auth" }')).toEqual(["authFault"]);
  });
});

describe("rootcause.* errors", () => {
  it.each<[string, string]>([
    [
      'rootcause.fault.service = "Auth"',
      '`rootcause.fault.service` takes a filter in braces, not a comparison: rootcause.fault.service { name = "x" }',
    ],
    [
      "rootcause.responsetime.exception { last }",
      "response-time root causes carry no exceptions: use rootcause.fault.exception or rootcause.error.exception",
    ],
    [
      "rootcause.fault",
      "unknown keyword `rootcause.fault`: root-cause keywords are rootcause.fault, rootcause.error or rootcause.responsetime followed by .service, .entity or .exception, and rootcause.json",
    ],
    [
      'rootcause.fault.service { http.url = "x" }',
      "`http.url` does not apply inside rootcause.KIND.service { }: there, use inferred, first, last, index, name, type",
    ],
    [
      "rootcause.fault.service { coverage > 0.5 }",
      "`coverage` does not apply inside rootcause.KIND.service { }: there, use inferred, first, last, index, name, type",
    ],
    [
      'rootcause.fault.exception { type = "x" }',
      "`type` does not apply inside rootcause.KIND.exception { }: there, use first, last, index, name, message",
    ],
    [
      'rootcause.fault.service { service("x") }',
      "service() applies to whole traces and cannot be used inside the braces of a root-cause keyword",
    ],
    [
      'service("x") { rootcause.fault.service }',
      "`rootcause.fault.service` applies to whole traces and cannot be used inside service() { } or edge() { }",
    ],
    [
      "coverage > 0.5",
      "`coverage` applies to a service, an edge or a root cause: use it inside service() { }, edge() { } or rootcause.KIND.entity { }",
    ],
    [
      "rootcause.fault.service { inferred and name = traces }",
      "expected a string in double quotes after '=', found `traces`",
    ],
    [
      'rootcause.json = "x"',
      'expected a JSON root cause after \'=\', like #[{ "Services": [{ "Name": "api" }] }], found `"x"`',
    ],
    [
      "rootcause.json = #[1]",
      'rootcause.json compares with a root cause object or an array of them: #[{ "Services": [...] }]',
    ],
    ['rootcause.json = #[{ "a": }]', "not valid JSON after `#`"],
    ['rootcause.json = #[{ "a": 1 }', "unterminated JSON value: no closing ]"],
    ["rootcause.json = #x", "expected a JSON array or object after `#`"],
    [
      `rootcause.json = #${"[".repeat(101)}${"]".repeat(101)}`,
      "the JSON value nests more than 100 levels deep",
    ],
    ["json", '`json` is written `rootcause.json`: rootcause.json = #[{ "Services": [...] }]'],
  ])("%s is refused: %s", (source, message) => {
    const result = parseFilter(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });
});
