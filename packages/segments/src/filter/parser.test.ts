import { describe, expect, it } from "vitest";
import type { FilterNode } from "./ast.ts";
import { MAX_FILTER_CHARS, MAX_FILTER_TERMS, MAX_NESTING, parseFilter } from "./parser.ts";

function ast(source: string): FilterNode {
  const result = parseFilter(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

/** The tree without spans, to compare shapes. */
function shape(node: FilterNode): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === "span" ? undefined : value)));
}

const ok = { kind: "keyword", keyword: "ok" };
const error = { kind: "keyword", keyword: "error" };
const fault = { kind: "keyword", keyword: "fault" };

describe("parseFilter: structure", () => {
  it.each<[string, unknown]>([
    ["", { kind: "all" }],
    [" \r\n\t ", { kind: "all" }],
    ["ok", ok],
    [
      "ok OR error AND fault",
      { kind: "or", operands: [ok, { kind: "and", operands: [error, fault] }] },
    ],
    [
      "ok AND error OR fault",
      { kind: "or", operands: [{ kind: "and", operands: [ok, error] }, fault] },
    ],
    ["ok OR error OR fault", { kind: "or", operands: [ok, error, fault] }],
    [
      "(ok OR error) AND fault",
      { kind: "and", operands: [{ kind: "or", operands: [ok, error] }, fault] },
    ],
    ["!ok AND error", { kind: "and", operands: [{ kind: "not", operand: ok }, error] }],
    ["!(ok OR error)", { kind: "not", operand: { kind: "or", operands: [ok, error] } }],
    ["!!ok", { kind: "not", operand: { kind: "not", operand: ok } }],
    ["ok !error fault", { kind: "and", operands: [ok, { kind: "not", operand: error }, fault] }],
    [
      "ok and error or fault",
      { kind: "or", operands: [{ kind: "and", operands: [ok, error] }, fault] },
    ],
    ["OK = TRUE", { ...ok, comparison: { type: "boolean", operator: "=", value: true } }],
    ["ok != False", { ...ok, comparison: { type: "boolean", operator: "!=", value: false } }],
    [
      "responseTime >= 2.5",
      {
        kind: "keyword",
        keyword: "responsetime",
        comparison: { type: "number", operator: ">=", value: 2.5 },
      },
    ],
    [
      "HTTP.STATUS<500",
      {
        kind: "keyword",
        keyword: "http.status",
        comparison: { type: "number", operator: "<", value: 500 },
      },
    ],
    [
      'http.url contains "/api/"',
      {
        kind: "keyword",
        keyword: "http.url",
        comparison: { type: "string", operator: "CONTAINS", value: "/api/" },
      },
    ],
    [
      'user BeginsWith "a" AND user endswith "z"',
      {
        kind: "and",
        operands: [
          {
            kind: "keyword",
            keyword: "user",
            comparison: { type: "string", operator: "BEGINSWITH", value: "a" },
          },
          {
            kind: "keyword",
            keyword: "user",
            comparison: { type: "string", operator: "ENDSWITH", value: "z" },
          },
        ],
      },
    ],
    ["http.url", { kind: "keyword", keyword: "http.url" }],
    [
      'http.url = "a \\"b\\" \\\\ c ) AND d"',
      {
        kind: "keyword",
        keyword: "http.url",
        comparison: { type: "string", operator: "=", value: 'a "b" \\ c ) AND d' },
      },
    ],
    [
      'name = "日本 ✓"',
      {
        kind: "keyword",
        keyword: "name",
        comparison: { type: "string", operator: "=", value: "日本 ✓" },
      },
    ],
    [
      'name = ""',
      {
        kind: "keyword",
        keyword: "name",
        comparison: { type: "string", operator: "=", value: "" },
      },
    ],
    ["Annotation.UserId", { kind: "annotation", key: "UserId" }],
    [
      "annotation.delta < -1.5",
      {
        kind: "annotation",
        key: "delta",
        comparison: { type: "number", operator: "<", value: -1.5 },
      },
    ],
    [
      "annotation.big >= 1e3",
      {
        kind: "annotation",
        key: "big",
        comparison: { type: "number", operator: ">=", value: 1000 },
      },
    ],
    [
      "annotation.flag = true",
      {
        kind: "annotation",
        key: "flag",
        comparison: { type: "boolean", operator: "=", value: true },
      },
    ],
    [
      'annotation.id = "42"',
      { kind: "annotation", key: "id", comparison: { type: "string", operator: "=", value: "42" } },
    ],
    ["service()", { kind: "service" }],
    ['service("api")', { kind: "service", target: { name: "api" } }],
    ['!service("api")', { kind: "not", operand: { kind: "service", target: { name: "api" } } }],
    ["service() { fault }", { kind: "service", body: fault }],
    [
      'Service(Id(Type: "AWS::Lambda::Function")) { error OR fault }',
      {
        kind: "service",
        target: { type: "AWS::Lambda::Function" },
        body: { kind: "or", operands: [error, fault] },
      },
    ],
    ['service(id(type: "T", name: "n"))', { kind: "service", target: { name: "n", type: "T" } }],
    ['edge("a", "b")', { kind: "edge", from: { name: "a" }, to: { name: "b" } }],
    [
      'edge(id(name: "a", type: "A"), id(name: "b", type: "B")) { fault }',
      { kind: "edge", from: { name: "a", type: "A" }, to: { name: "b", type: "B" }, body: fault },
    ],
    ['group.name = "slow"', { kind: "group", by: "name", operator: "=", value: "slow" }],
    ['GROUP.ARN != "arn:x"', { kind: "group", by: "arn", operator: "!=", value: "arn:x" }],
    [
      "1-5759e988-bd862e3fe1be46a994272793",
      { kind: "trace-id", id: "1-5759e988-bd862e3fe1be46a994272793" },
    ],
    [
      "1-5759e988-bd862e3fe1be46a994272793 OR 1-5759e988-bd862e3fe1be46a994272795",
      {
        kind: "or",
        operands: [
          { kind: "trace-id", id: "1-5759e988-bd862e3fe1be46a994272793" },
          { kind: "trace-id", id: "1-5759e988-bd862e3fe1be46a994272795" },
        ],
      },
    ],
  ])("%s", (source, expected) => {
    expect(shape(ast(source))).toEqual(expected);
  });

  it("records where each node is in the source", () => {
    const tree = ast('  fault OR service("a") { responsetime > 2 } ');
    expect(tree).toMatchObject({
      kind: "or",
      span: { offset: 2, length: 42 },
      operands: [
        { span: { offset: 2, length: 5 } },
        { span: { offset: 11, length: 33 }, body: { span: { offset: 26, length: 16 } } },
      ],
    });
  });

  it("counts parentheses into the span of what they enclose", () => {
    expect(ast("(ok OR error) AND fault")).toMatchObject({
      span: { offset: 0, length: 23 },
      operands: [
        { kind: "or", span: { offset: 0, length: 13 } },
        { span: { offset: 18, length: 5 } },
      ],
    });
  });

  it(`accepts ${MAX_NESTING} levels of nesting`, () => {
    const source = `${"(".repeat(MAX_NESTING)}ok${")".repeat(MAX_NESTING)}`;
    expect(shape(ast(source))).toEqual(ok);
  });
});

describe("parseFilter: size limits", () => {
  const terms = (count: number): string =>
    Array.from({ length: count }, (_, n) => `annotation.k${n} = ${n}`).join(" OR ");

  it(`accepts ${MAX_FILTER_TERMS} terms and refuses the next one where it starts`, () => {
    expect(parseFilter(terms(MAX_FILTER_TERMS)).ok).toBe(true);
    const source = terms(MAX_FILTER_TERMS + 1);
    const result = parseFilter(source);
    const offset = source.lastIndexOf("annotation.");
    expect(result).toEqual({
      ok: false,
      error: {
        message: `the filter has more than ${MAX_FILTER_TERMS} terms at line 1, column ${offset + 1}`,
        offset,
        length: `annotation.k${MAX_FILTER_TERMS}`.length,
        line: 1,
        column: offset + 1,
        expected: [],
        limit: "terms",
      },
    });
  });

  it("counts terms inside service() bodies and under !, not parentheses", () => {
    const body = Array.from({ length: MAX_FILTER_TERMS - 1 }, (_, n) => `responsetime > ${n}`);
    const inside = `service("api") { ${body.join(" OR ")} }`;
    expect(parseFilter(inside).ok).toBe(true);
    expect(parseFilter(`${inside} AND !ok`).ok).toBe(false);
    expect(parseFilter(`((((${terms(MAX_FILTER_TERMS)}))))`).ok).toBe(true);
  });

  it(`refuses a filter over ${MAX_FILTER_CHARS} characters without reading it`, () => {
    const source = `http.url CONTAINS "${"x".repeat(MAX_FILTER_CHARS)}"`;
    const result = parseFilter(source);
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: `the filter is ${source.length} characters long, over the limit of ${MAX_FILTER_CHARS} at line 1, column ${MAX_FILTER_CHARS + 1}`,
        offset: MAX_FILTER_CHARS,
        length: source.length - MAX_FILTER_CHARS,
        line: 1,
        column: MAX_FILTER_CHARS + 1,
        limit: "characters",
      },
    });
    // The 10,000-term filter that once held the event loop for seconds: refused for its
    // length before a token is read, at the first character past the limit.
    const huge = terms(10_000);
    expect(parseFilter(huge)).toMatchObject({
      ok: false,
      error: {
        message: `the filter is ${huge.length} characters long, over the limit of ${MAX_FILTER_CHARS} at line 1, column ${MAX_FILTER_CHARS + 1}`,
        offset: MAX_FILTER_CHARS,
        limit: "characters",
      },
    });
  });

  it("places the character limit's error on the line the limit falls on", () => {
    const line = `${"ok OR ".repeat(9)}ok\n`;
    const source = line.repeat(Math.ceil((MAX_FILTER_CHARS + 1) / line.length));
    const result = parseFilter(source);
    const lineNumber = Math.floor(MAX_FILTER_CHARS / line.length) + 1;
    expect(result).toMatchObject({
      ok: false,
      error: {
        offset: MAX_FILTER_CHARS,
        line: lineNumber,
        column: MAX_FILTER_CHARS - (lineNumber - 1) * line.length + 1,
        limit: "characters",
      },
    });
  });
});

describe("parseFilter: errors", () => {
  it.each<[string, string, number, number, number, number, string[]]>([
    ['responsetime = "x"', "expected a number after '=', found `\"x\"`", 15, 3, 1, 16, ["number"]],
    ["responsetime =", "expected a number after '='", 14, 0, 1, 15, ["number"]],
    [
      "htp.status = 500",
      "unknown keyword `htp.status`; did you mean `http.status`?",
      0,
      10,
      1,
      1,
      ["keyword"],
    ],
    ['sevice("x")', "unknown keyword `sevice`; did you mean `service`?", 0, 6, 1, 1, ["keyword"]],
    [
      'anotation.foo = "x"',
      "unknown keyword `anotation.foo`; did you mean `annotation.foo`?",
      0,
      13,
      1,
      1,
      ["keyword"],
    ],
    ["zzzz", "unknown keyword `zzzz`", 0, 4, 1, 1, ["keyword"]],
    [
      "rootcause.fault.entity = 1",
      '`rootcause.fault.entity` takes a filter in braces, not a comparison: rootcause.fault.entity { name = "x" }',
      23,
      1,
      1,
      24,
      ["{"],
    ],
    [
      "json",
      '`json` is written `rootcause.json`: rootcause.json = #[{ "Services": [...] }]',
      0,
      4,
      1,
      1,
      ["rootcause.json"],
    ],
    ['event.name = "x"', "`event.name` is not supported by xray-sandbox yet", 0, 10, 1, 1, []],
    ["ok AND", "expected a keyword", 6, 0, 1, 7, ["keyword", "!", "("]],
    ["AND ok", "expected a keyword, found `AND`", 0, 3, 1, 1, ["keyword", "!", "("]],
    ["OR", "expected a keyword, found `OR`", 0, 2, 1, 1, ["keyword", "!", "("]],
    ["(ok OR error", "expected AND, OR or ')'", 12, 0, 1, 13, ["AND", "OR", ")"]],
    [
      "ok)",
      "expected AND, OR or the end of the filter, found ')'",
      2,
      1,
      1,
      3,
      ["AND", "OR", "end of input"],
    ],
    [
      "http.url > 5",
      "'>' does not apply to string keyword `http.url`",
      9,
      1,
      1,
      10,
      ["=", "!=", "CONTAINS", "BEGINSWITH", "ENDSWITH"],
    ],
    [
      "ok = maybe",
      "expected true or false after '=', found `maybe`",
      5,
      5,
      1,
      6,
      ["true", "false"],
    ],
    ['ok CONTAINS "x"', "CONTAINS does not apply to boolean keyword `ok`", 3, 8, 1, 4, ["=", "!="]],
    [
      "http.url = foo",
      "expected a string in double quotes after '=', found `foo`",
      11,
      3,
      1,
      12,
      ["string"],
    ],
    [
      'http.url "x"',
      'expected an operator between `http.url` and `"x"`',
      9,
      3,
      1,
      10,
      ["=", "!=", "CONTAINS", "BEGINSWITH", "ENDSWITH"],
    ],
    [
      "responsetime 5",
      "expected an operator between `responsetime` and `5`",
      13,
      1,
      1,
      14,
      ["=", "!=", "<", "<=", ">", ">="],
    ],
    ['annotation.x < "a"', "expected a number after '<', found `\"a\"`", 15, 3, 1, 16, ["number"]],
    [
      "annotation.x =",
      "expected a value after '='",
      14,
      0,
      1,
      15,
      ["string", "number", "true", "false"],
    ],
    [
      "annotation.",
      "expected an annotation key after `annotation.`",
      0,
      11,
      1,
      1,
      ["annotation key"],
    ],
    [
      "annotation.a.b",
      "`a.b` is not an annotation key: keys are letters, digits and _",
      0,
      14,
      1,
      1,
      ["annotation key"],
    ],
    [
      "first",
      "`first` applies to a service, an edge or a root cause: use it inside service() { }, edge() { }, rootcause.KIND.service { }, rootcause.KIND.entity { } or rootcause.KIND.exception { }",
      0,
      5,
      1,
      1,
      [],
    ],
    [
      "coverage > 0.5",
      "`coverage` applies to a service, an edge or a root cause: use it inside service() { }, edge() { } or rootcause.KIND.entity { }",
      0,
      8,
      1,
      1,
      [],
    ],
    [
      'service("x") { annotation.a }',
      "annotation.KEY applies to whole traces and cannot be used inside service() { } or edge() { }",
      15,
      12,
      1,
      16,
      [],
    ],
    [
      'service("x") { service("y") }',
      "service() applies to whole traces and cannot be used inside service() { } or edge() { }",
      15,
      7,
      1,
      16,
      [],
    ],
    [
      'service("x") { group.name = "g" }',
      "group.name applies to whole traces and cannot be used inside service() { } or edge() { }",
      15,
      10,
      1,
      16,
      [],
    ],
    [
      'service("x") { 1-5759e988-bd862e3fe1be46a994272793 }',
      "a trace id applies to whole traces and cannot be used inside service() { } or edge() { }",
      15,
      35,
      1,
      16,
      [],
    ],
    ['service "x"', "expected '(' after service, found `\"x\"`", 8, 3, 1, 9, ["("]],
    ['service("x"', "expected ')' to close service(", 11, 0, 1, 12, [")"]],
    [
      "service(x)",
      "expected a service name in double quotes, id(...) or ')', found `x`",
      8,
      1,
      1,
      9,
      ["string", "id", ")"],
    ],
    ['service("x") { }', "expected a keyword, found '}'", 15, 1, 1, 16, ["keyword", "!", "("]],
    ['service("x") { fault', "expected AND, OR or '}'", 20, 0, 1, 21, ["AND", "OR", "}"]],
    ['edge("a")', "expected ',' and the called service, found ')'", 8, 1, 1, 9, [","]],
    [
      'edge("a", )',
      "expected the called service's name in double quotes or id(...), found ')'",
      10,
      1,
      1,
      11,
      ["string", "id"],
    ],
    [
      "edge()",
      "expected the calling service's name in double quotes or id(...), found ')'",
      5,
      1,
      1,
      6,
      ["string", "id"],
    ],
    ['service(id(name "x"))', "expected ':' after name, found `\"x\"`", 16, 3, 1, 17, [":"]],
    [
      'service(id(nam: "x"))',
      "expected name: or type: in id(...), found `nam`",
      11,
      3,
      1,
      12,
      ["name", "type"],
    ],
    [
      'service(id(name: "x" type: "y"))',
      "expected ',' or ')' in id(...), found `type`",
      21,
      4,
      1,
      22,
      [",", ")"],
    ],
    [
      "service(id(name: x))",
      "expected the service name in double quotes, found `x`",
      17,
      1,
      1,
      18,
      ["string"],
    ],
    [
      "service(id())",
      "expected name: or type: in id(...), found ')'",
      11,
      1,
      1,
      12,
      ["name", "type"],
    ],
    ['service(id(name: "a", name: "b"))', "name is given twice in id(...)", 22, 4, 1, 23, ["type"]],
    [
      'group.name "g"',
      "expected '=' or '!=' after group.name, found `\"g\"`",
      11,
      3,
      1,
      12,
      ["=", "!="],
    ],
    [
      "group.name = g",
      "expected a group name in double quotes after '=', found `g`",
      13,
      1,
      1,
      14,
      ["string"],
    ],
    [
      'group.arn < "x"',
      "expected '=' or '!=' after group.arn, found '<'",
      10,
      1,
      1,
      11,
      ["=", "!="],
    ],
    ['id(name: "x")', "id(...) names a service inside service(...) or edge(...)", 0, 2, 1, 1, []],
    ['http.url = "abc', 'unterminated string: no closing "', 11, 4, 1, 12, ['"']],
    [
      'http.url = "a\\nb"',
      'unknown escape `\\n` in a string; only \\" and \\\\ are escapes',
      13,
      2,
      1,
      14,
      ['\\"', "\\\\"],
    ],
    ["ok && error", "unexpected character `&`; write AND", 3, 1, 1, 4, []],
    ["ok || error", "unexpected character `|`; write OR", 3, 1, 1, 4, []],
    [
      "http.url = 'x'",
      'unexpected character `\'`; strings use double quotes: "..."',
      11,
      1,
      1,
      12,
      [],
    ],
    ["responsetime > 5s", "`5s` is not a number", 15, 2, 1, 16, ["number"]],
    [
      "1-abc",
      "`1-abc` is not a trace id (1- then 8 and 24 hex digits, like 1-5759e988-bd862e3fe1be46a994272793)",
      0,
      5,
      1,
      1,
      ["trace id"],
    ],
    [
      "ok = true = false",
      "expected AND, OR or the end of the filter, found '='",
      10,
      1,
      1,
      11,
      ["AND", "OR", "end of input"],
    ],
    ["true", "expected a keyword, found `true`", 0, 4, 1, 1, ["keyword", "!", "("]],
    [
      'ok AND\n  responsetime >\n  "slow"',
      "expected a number after '>', found `\"slow\"`",
      26,
      6,
      3,
      3,
      ["number"],
    ],
    [
      'ok AND\r\n  responsetime > "slow"',
      "expected a number after '>', found `\"slow\"`",
      25,
      6,
      2,
      18,
      ["number"],
    ],
    [
      "ok ) &&",
      "expected AND, OR or the end of the filter, found ')'",
      3,
      1,
      1,
      4,
      ["AND", "OR", "end of input"],
    ],
    [
      "htp.status = 'x'",
      "unknown keyword `htp.status`; did you mean `http.status`?",
      0,
      10,
      1,
      1,
      ["keyword"],
    ],
    ['http.url = "é" AND ü', "unexpected character `ü`", 19, 1, 1, 20, []],
    ["responsetime > 1.", "`1.` is not a number", 15, 2, 1, 16, ["number"]],
    [
      'service("x") { ok } { ok }',
      "expected AND, OR or the end of the filter, found '{'",
      20,
      1,
      1,
      21,
      ["AND", "OR", "end of input"],
    ],
  ])("%j", (source, message, offset, length, line, column, expected) => {
    const result = parseFilter(source);
    expect(result).toEqual({
      ok: false,
      error: {
        message: `${message} at line ${line}, column ${column}`,
        offset,
        length,
        line,
        column,
        expected,
      },
    });
  });

  it.each([
    ["parentheses", `${"(".repeat(MAX_NESTING + 1)}ok${")".repeat(MAX_NESTING + 1)}`],
    ["negations", `${"!".repeat(MAX_NESTING + 1)}ok`],
    [
      "braces and parentheses",
      `service() { ${"(".repeat(MAX_NESTING)}ok${")".repeat(MAX_NESTING)} }`,
    ],
  ])("refuses %s nested too deeply instead of overflowing the stack", (_, source) => {
    const result = parseFilter(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^the filter nests more than 100 levels/);
  });

  it("survives a very deep input without throwing", () => {
    expect(parseFilter("(".repeat(100_000)).ok).toBe(false);
  });
});
