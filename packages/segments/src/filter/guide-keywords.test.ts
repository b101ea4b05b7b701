/**
 * Every keyword of X-Ray's filter-expression guide ("Using filter expressions", AWS X-Ray
 * Developer Guide), one row each: the expression (the guide's example where it has one, its
 * names adapted to the traces), the traces it matches, and the guide's wording it follows.
 * docs/filter-keywords.md lists the same keywords with their status.
 */

import { describe, expect, it } from "vitest";
import { type RootCauseTraceName, rootCauseTraces } from "../test-support/root-cause-traces.ts";
import { type CompiledFilter, compileFilter, type FilterContext } from "./compiled-filter.ts";

function compile(source: string): CompiledFilter {
  const result = compileFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

const TRACES = rootCauseTraces();
const HIGH_RESPONSE_TIME = compile("responsetime > 0.5");
const group: FilterContext["group"] = (ref) =>
  ref === "high_response_time" ? HIGH_RESPONSE_TIME : undefined;

function matching(source: string): RootCauseTraceName[] {
  const filter = compile(source);
  return TRACES.filter(({ context }) => filter.matches({ ...context, group })).map(
    ({ name }) => name,
  );
}

/**
 * The traces (test-support/root-cause-traces.ts): `authFault` alice's POST to
 * /v2/login on web-frontend, which calls Auth, whose `deserialize` step throws (500);
 * `dynamoFault` orders-api's DynamoDB table `traces` fails (500); `slowTraces` a GET to
 * /v1/traces that waits 0.9 s of 1 s on a remote `traces` API (200); `clientError` a 400
 * from a `validate` step; `throttled` bob's 429 while a step is in progress; `calm` a
 * quick 200.
 */
const KEYWORDS: ReadonlyArray<
  [keyword: string, expression: string, matches: RootCauseTraceName[], guide: string]
> = [
  ["ok", "ok", ["slowTraces", "calm"], "ok – Response status code was 2XX Success"],
  [
    "ok (!)",
    "!ok",
    ["authFault", "dynamoFault", "clientError", "throttled"],
    "! – The expression is true if the keyword is false",
  ],
  [
    "ok (=)",
    "ok = false",
    ["authFault", "dynamoFault", "clientError", "throttled"],
    "=,!= – Compare the value of the keyword to the string true or false",
  ],
  [
    "error",
    "error",
    ["clientError", "throttled"],
    "error – Response status code was 4XX Client Error",
  ],
  [
    "throttle",
    "throttle",
    ["throttled"],
    "throttle – Response status code was 429 Too Many Requests",
  ],
  [
    "fault",
    "fault",
    ["authFault", "dynamoFault"],
    "fault – Response status code was 5XX Server Error",
  ],
  ["partial", "partial", ["throttled"], "partial – Request has incomplete segments"],
  [
    "inferred",
    "inferred",
    ["dynamoFault", "slowTraces"],
    "inferred – Request has inferred segments",
  ],
  [
    "first",
    'service("web-frontend") { first }',
    ["authFault", "slowTraces"],
    "first – Element is the first of an enumerated list",
  ],
  [
    "last",
    'rootcause.fault.entity { last and name = "deserialize" }',
    ["authFault"],
    "last – Element is the last of an enumerated list",
  ],
  [
    "remote",
    'rootcause.fault.entity { remote and name = "Auth" }',
    ["authFault"],
    "remote – Root cause entity is remote",
  ],
  [
    "root",
    'service("web-frontend") { root = true and fault = true }',
    ["authFault"],
    'requests that have a segment with the name "data-plane" as the root',
  ],
  [
    "responsetime",
    "responsetime > 0.5",
    ["authFault", "slowTraces"],
    "responsetime – Time that the server took to send a response",
  ],
  [
    "duration",
    "duration > 0.6 AND duration <= 1",
    ["authFault", "slowTraces"],
    "duration – Total request duration, including all downstream calls",
  ],
  [
    "http.status",
    "http.status != 200",
    ["authFault", "dynamoFault", "clientError", "throttled"],
    "response status is not 200 OK",
  ],
  [
    "index",
    "rootcause.fault.service { index > 0 }",
    ["authFault", "dynamoFault"],
    "index – Position of an element in an enumerated list",
  ],
  [
    "coverage",
    "rootcause.responsetime.entity { last and coverage > 0.8 }",
    ["slowTraces", "throttled"],
    "coverage – Decimal percentage of entity response time over root segment response time",
  ],
  ["http.url", 'http.url CONTAINS "/v2/"', ["authFault", "throttled"], "http.url – Request URL"],
  [
    "http.url (alone)",
    "http.url AND responsetime > 0.5",
    ["authFault", "slowTraces"],
    "Find traces where http url is set and response time is greater than 2 seconds",
  ],
  ["http.method", 'http.method = "POST"', ["authFault"], "http.method – Request method"],
  [
    "http.useragent",
    'http.useragent CONTAINS "Mozilla"',
    ["authFault"],
    "http.useragent – Request user agent string",
  ],
  [
    "http.clientip",
    'http.clientip = "10.0.0.1"',
    ["authFault"],
    "http.clientip – Requestor's IP address",
  ],
  ["user", 'user CONTAINS ""', ["authFault", "throttled"], "Find all traces with user IDs"],
  ["name", 'name = "Auth"', ["authFault"], "name – The name of a service or exception"],
  ["type", 'type = "AWS::ECS::Container"', ["authFault"], "type – Service type"],
  ["message", 'message CONTAINS "Access Denied"', ["authFault"], "message – Exception message"],
  [
    "availabilityzone",
    'availabilityzone = "us-east-1a"',
    ["authFault"],
    "availabilityzone – Value of the availabilityzone field on any segment in the trace",
  ],
  [
    "instance.id",
    'instance.id BEGINSWITH "i-0abc"',
    ["authFault"],
    "instance.id – Value of the instance ID field on any segment in the trace",
  ],
  [
    "resource.arn",
    'resource.arn ENDSWITH "loadbalancer/app/web"',
    ["authFault"],
    "resource.arn – Value of the resource ARN field on any segment in the trace",
  ],
  [
    "annotation.key",
    'annotation.gameid = "817DL6VO"',
    ["authFault"],
    "Requests with an annotation named gameid with string value",
  ],
  [
    "annotation.key (set)",
    "annotation.age",
    ["authFault", "slowTraces"],
    "Requests with an annotation named age set",
  ],
  [
    "annotation.key (not set)",
    "!annotation.age",
    ["dynamoFault", "clientError", "throttled", "calm"],
    "Requests without an annotation named age set",
  ],
  [
    "annotation.key (number)",
    "annotation.age > 29",
    ["authFault"],
    "Requests with annotation age with numerical value greater than 29",
  ],
  [
    "annotation.key (boolean)",
    "annotation.cached",
    ["slowTraces"],
    "If the keyword is of boolean type, it will evaluate to the boolean value",
  ],
  [
    "service()",
    'service("Auth") { fault }',
    ["authFault"],
    "Requests that included a call to api.example.com with a fault",
  ],
  [
    "service() (any)",
    "service() { fault }",
    ["authFault", "dynamoFault"],
    "Requests that caused a fault anywhere on your service map",
  ],
  [
    "service() (!)",
    'http.url BEGINSWITH "http://api.example.com/" AND http.url CONTAINS "/v2/" AND !service("Auth")',
    ["throttled"],
    "does not reach a service named api.example.com",
  ],
  [
    "edge()",
    'edge("web-frontend", "Auth") { fault }',
    ["authFault"],
    "Request where the service api.example.com made a call to backend.example.com that failed",
  ],
  [
    "id()",
    'service(id(name: "Auth", type: "AWS::ECS::Container")) { fault }',
    ["authFault"],
    "service filter with id function",
  ],
  [
    "id() (type only)",
    'service(id(type: "AWS::DynamoDB::Table")) { fault }',
    ["dynamoFault"],
    "Requests that include an error on a service with type",
  ],
  [
    "group.name",
    'group.name = "high_response_time" AND user = "alice"',
    ["authFault"],
    "Requests where traces meet the high_response_time group filter, and the user is named Alice",
  ],
  [
    "rootcause.fault.service",
    'rootcause.fault.service { name = "Auth" }',
    ["authFault"],
    "select traces with a fault root cause that includes a service named Auth",
  ],
  [
    "rootcause.responsetime.service",
    'rootcause.responsetime.service { last and type = "AWS::DynamoDB::Table" }',
    ["dynamoFault"],
    "response time root cause whose last service has a type of DynamoDB",
  ],
  [
    "rootcause.fault.exception",
    'rootcause.fault.exception { last and message = "Access Denied for account_id: 1234567890" }',
    ["authFault"],
    "fault root cause whose last exception has the message",
  ],
  [
    "rootcause.json",
    'rootcause.json = #[{ "Services": [{ "Name": "web-frontend", "EntityPath": [{ "Name": "web-frontend" }, { "Name": "Auth" }] }, { "Name": "Auth", "EntityPath": [{ "Name": "Auth" }, { "Name": "deserialize" }] }] }]',
    ["authFault"],
    "JSON with root cause entity: requests with matching root cause entities",
  ],
];

describe("every keyword of X-Ray's filter-expression guide", () => {
  it.each(KEYWORDS)("%s: %s matches %j (%s)", (_keyword, expression, expected) => {
    expect(matching(expression)).toEqual(expected);
  });
});
