import { parseFilter } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { ambiguousNames, filterString, serviceSelector, tracesUrl } from "./filter-expressions.ts";

describe("filter expressions for services and edges", () => {
  it("quotes names so that the filter parser reads them back unchanged", () => {
    const name = 'say "hi" \\ there';
    const parsed = parseFilter(`service(${filterString(name)})`);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(JSON.stringify(parsed.ast)).toContain(JSON.stringify(name));
  });

  it("names a service by name and type only when its name is shared", () => {
    const services = [
      { name: "orders", type: "service" },
      { name: "orders", type: "remote" },
      { name: "users", type: "service" },
    ];
    const shared = ambiguousNames(services);
    expect([...shared]).toEqual(["orders"]);
    expect(serviceSelector({ name: "users", type: "service" }, shared.has("users"))).toBe(
      '"users"',
    );
    const selector = serviceSelector({ name: "orders", type: "remote" }, shared.has("orders"));
    expect(selector).toBe('id(name: "orders", type: "remote")');
    expect(parseFilter(`service(${selector})`).ok).toBe(true);
    expect(parseFilter(`edge("users", ${selector})`).ok).toBe(true);
  });

  it("links to the trace list with the filter in the query string", () => {
    const url = tracesUrl('service("a&b")');
    expect(new URL(url, "http://x").searchParams.get("filter")).toBe('service("a&b")');
  });
});
