import { describe, expect, it } from "vitest";
import { segment, sid, sub } from "../test-trace.ts";
import { detailTabOf, detailTabs } from "./detail-tabs.ts";

const enabled = (tabs: ReturnType<typeof detailTabs>) =>
  tabs.filter((tab) => tab.enabled).map((tab) => tab.id);

describe("detailTabs", () => {
  it("enables only the tabs a node has data for, overview and raw always", () => {
    expect(enabled(detailTabs(sub("b", 0, 1)))).toEqual(["overview", "raw"]);
    const full = segment("a", 0, 1, {
      annotations: { a: 1, b: "x" },
      metadata: { default: {}, db: { rows: 3 } },
      cause: sid("e1"),
      http: { request: { method: "GET" } },
      sql: { url: "db" },
      aws: { operation: "GetItem" },
    });
    expect(enabled(detailTabs(full))).toEqual([
      "overview",
      "annotations",
      "metadata",
      "exceptions",
      "http",
      "sql",
      "aws",
      "raw",
    ]);
  });

  it("counts annotations, metadata namespaces and exceptions", () => {
    const tabs = detailTabs(
      segment("a", 0, 1, {
        annotations: { a: 1, b: "x" },
        metadata: { default: {} },
        cause: { exceptions: [{ id: sid("e1") }, { id: sid("e2") }] },
      }),
    );
    const count = (id: string) => tabs.find((tab) => tab.id === id)?.count;
    expect([count("annotations"), count("metadata"), count("exceptions")]).toEqual([2, 1, 2]);
  });
});

describe("detailTabOf", () => {
  it("reads a tab from a URL parameter, Overview for anything else", () => {
    expect(detailTabOf("metadata")).toBe("metadata");
    expect(detailTabOf("<script>")).toBe("overview");
    expect(detailTabOf(null)).toBe("overview");
  });
});
