// @vitest-environment happy-dom
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useThrottledSignal } from "./use-throttled-signal.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("useThrottledSignal", () => {
  it("signals a first change at once, then at most once per interval, keeping the last", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottledSignal(value, 2000), {
      initialProps: { value: 1 },
    });
    expect(result.current).toBe(0);

    rerender({ value: 2 });
    expect(result.current).toBe(1);

    rerender({ value: 3 });
    rerender({ value: 4 });
    act(() => vi.advanceTimersByTime(1999));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(2);

    act(() => vi.advanceTimersByTime(10_000));
    expect(result.current).toBe(2);
  });

  it("stays quiet while the value does not change", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottledSignal(value, 2000), {
      initialProps: { value: "a" },
    });
    rerender({ value: "a" });
    act(() => vi.advanceTimersByTime(5000));
    expect(result.current).toBe(0);
  });
});
