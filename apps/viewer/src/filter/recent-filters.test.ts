import { describe, expect, it } from "vitest";
import {
  loadRecentFilters,
  MAX_RECENT_FILTERS,
  RECENT_FILTERS_KEY,
  type RecentStorage,
  rememberFilter,
  saveRecentFilters,
} from "./recent-filters.ts";

function memoryStorage(initial: Record<string, string> = {}): RecentStorage & {
  items: Record<string, string>;
} {
  const items = { ...initial };
  return {
    items,
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

describe("rememberFilter", () => {
  it("puts the filter first and drops its earlier copy", () => {
    expect(rememberFilter(["error", "fault", "ok"], " fault ")).toEqual(["fault", "error", "ok"]);
  });

  it("keeps at most the newest ten and ignores blank filters", () => {
    const many = Array.from({ length: MAX_RECENT_FILTERS }, (_, i) => `f${i}`);
    const next = rememberFilter(many, "new");
    expect(next).toHaveLength(MAX_RECENT_FILTERS);
    expect(next[0]).toBe("new");
    expect(next).not.toContain(`f${MAX_RECENT_FILTERS - 1}`);
    expect(rememberFilter(["a"], "   ")).toEqual(["a"]);
  });
});

describe("storage", () => {
  it("reads back what it saved", () => {
    const storage = memoryStorage();
    saveRecentFilters(storage, ["fault", 'http.url CONTAINS "/cart"']);
    expect(loadRecentFilters(storage)).toEqual(["fault", 'http.url CONTAINS "/cart"']);
  });

  it("survives storage holding something else, or refusing to work", () => {
    expect(loadRecentFilters(memoryStorage({ [RECENT_FILTERS_KEY]: "{not json" }))).toEqual([]);
    expect(loadRecentFilters(memoryStorage({ [RECENT_FILTERS_KEY]: '{"a":1}' }))).toEqual([]);
    expect(loadRecentFilters(memoryStorage({ [RECENT_FILTERS_KEY]: '["a",2,"b"]' }))).toEqual([
      "a",
      "b",
    ]);
    const broken: RecentStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(loadRecentFilters(broken)).toEqual([]);
    expect(() => saveRecentFilters(broken, ["a"])).not.toThrow();
  });
});
