import { describe, expect, it } from "vitest";
import type { StoredDocument } from "./trace.ts";
import { TraceDocuments } from "./trace-documents.ts";

const doc = (name: string) => ({ raw: name }) as unknown as StoredDocument;

describe("TraceDocuments", () => {
  it("holds one document, replaces it by id, and reads nothing for another id", () => {
    const documents = new TraceDocuments();
    expect(documents.size).toBe(0);
    expect(documents.values()).toEqual([]);
    const first = doc("a1");
    documents.set("a", first);
    const replaced = doc("a2");
    documents.set("a", replaced);
    expect(documents.size).toBe(1);
    expect(documents.get("a")).toBe(replaced);
    expect(documents.get("b")).toBeUndefined();
    expect(documents.values()).toEqual([replaced]);
  });

  it("keeps every id once there are more, in the order they were first stored", () => {
    const documents = new TraceDocuments();
    const [a, b, c, b2] = [doc("a"), doc("b"), doc("c"), doc("b2")];
    documents.set("a", a);
    documents.set("b", b);
    documents.set("c", c);
    documents.set("b", b2);
    expect(documents.size).toBe(3);
    expect(documents.get("a")).toBe(a);
    expect(documents.get("b")).toBe(b2);
    expect(documents.values()).toEqual([a, b2, c]);
  });
});
