/**
 * Functions that run inside the viewer's page (handed to `page.evaluate` or
 * `page.addInitScript`): each is self-contained and uses only what the browser has.
 */

/** What `recordFirstAppearance` writes on the page's console once its selector appears. */
export const FIRST_APPEARANCE_MESSAGE = "bench:first-appearance";

/**
 * Installed before the page's own scripts: records when the first `selector` appears, and
 * says so on the console (`FIRST_APPEARANCE_MESSAGE`, written out here: the function runs in
 * the page on its own).
 */
export function recordFirstAppearance(selector: string): void {
  const found = () => document.querySelector(selector) !== null;
  const observer = new MutationObserver(() => {
    if (!found()) return;
    Reflect.set(window, "__benchFirstAppearance", performance.now());
    observer.disconnect();
    console.debug("bench:first-appearance");
  });
  observer.observe(document, { childList: true, subtree: true });
}

export interface ScrollResult {
  /** Milliseconds between consecutive animation frames while scrolling. */
  readonly frameIntervals: number[];
  /** Tasks over 50 ms on the main thread during the scroll. */
  readonly longTasks: number;
  readonly scrolledPixels: number;
}

/** Scrolls `selector` at a steady speed, one step per animation frame, and times the frames. */
export function scrollSteadily(args: {
  selector: string;
  pixelsPerSecond: number;
  durationMs: number;
}): Promise<ScrollResult> {
  const element = document.querySelector<HTMLElement>(args.selector);
  if (!element) return Promise.reject(new Error(`nothing matches ${args.selector}`));
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    longTasks += list.getEntries().length;
  });
  observer.observe({ type: "longtask" });
  return new Promise((resolve) => {
    const times: number[] = [];
    const step = (time: number) => {
      const start = times[0] ?? time;
      times.push(time);
      element.scrollTop = ((time - start) / 1000) * args.pixelsPerSecond;
      if (time - start < args.durationMs) {
        requestAnimationFrame(step);
        return;
      }
      observer.disconnect();
      resolve({
        frameIntervals: times.slice(1).map((at, index) => at - (times[index] ?? at)),
        longTasks,
        scrolledPixels: element.scrollTop,
      });
    };
    requestAnimationFrame(step);
  });
}

/**
 * Arms a watch for the next Enter in the page: the result (milliseconds from that keydown
 * until every row's `cellSelector` text contains `expected`) is left in
 * `window.__benchFilterTiming` as a promise.
 */
export function armFilterWatch(args: {
  rowSelector: string;
  cellSelector: string;
  expected: string;
  timeoutMs: number;
}): void {
  const settled = new Promise<number>((resolve, reject) => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter") return;
      document.removeEventListener("keydown", onKeyDown, true);
      const pressedAt = performance.now();
      const check = () => {
        const rows = [...document.querySelectorAll(args.rowSelector)];
        const matches =
          rows.length > 0 &&
          rows.every((row) =>
            row.querySelector(args.cellSelector)?.textContent?.includes(args.expected),
          );
        const now = performance.now();
        if (matches) resolve(now - pressedAt);
        else if (now - pressedAt > args.timeoutMs)
          reject(new Error(`no update in ${args.timeoutMs} ms`));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    };
    document.addEventListener("keydown", onKeyDown, true);
  });
  Reflect.set(window, "__benchFilterTiming", settled);
}

export function filterTiming(): Promise<number> {
  return Reflect.get(window, "__benchFilterTiming") as Promise<number>;
}

/**
 * Clicks `clickSelector` (with Shift held when `shiftKey`) and resolves with the milliseconds
 * until `awaitedSelector` is in the page (checked on every change to the DOM).
 */
export function timeClickTo(args: {
  clickSelector: string;
  awaitedSelector: string;
  shiftKey?: boolean;
}): Promise<number> {
  const target = document.querySelector<HTMLElement>(args.clickSelector);
  if (!target) return Promise.reject(new Error(`nothing matches ${args.clickSelector}`));
  return new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (document.querySelector(args.awaitedSelector) === null) return;
      observer.disconnect();
      resolve(performance.now() - started);
    });
    observer.observe(document, { childList: true, subtree: true });
    const click = { bubbles: true, cancelable: true, button: 0, shiftKey: args.shiftKey === true };
    target.dispatchEvent(new MouseEvent("click", click));
  });
}

/** Whether the page has loaded a script whose path matches `pattern` (a RegExp's source). */
export function hasLoadedScript(pattern: string): boolean {
  const matcher = new RegExp(pattern);
  return performance.getEntriesByType("resource").some((entry) => matcher.test(entry.name));
}

/** Installed before the page's own scripts: records every task over 50 ms on the main thread. */
export function recordLongTasks(): void {
  const tasks: [number, number][] = [];
  Reflect.set(window, "__benchLongTasks", tasks);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
}

/** The longest task (ms) that ran after `since`, as `recordLongTasks` saw them; 0 for none. */
export function longestTaskAfter(since: number): number {
  const tasks = Reflect.get(window, "__benchLongTasks") as [number, number][];
  return Math.max(
    0,
    ...tasks.filter(([start, length]) => start + length > since).map(([, length]) => length),
  );
}

/**
 * When the last trace read (`GET /api/traces/:id`) that ended by `at` was fully received (ms
 * from navigation): reads after it (a refresh once the live stream names the trace) do not
 * count.
 */
export function traceReadEndBefore(at: number): number {
  const ends = performance
    .getEntriesByType("resource")
    .filter((entry) => entry.name.includes("/api/traces/"))
    .map((entry) => (entry as PerformanceResourceTiming).responseEnd);
  return Math.max(...ends.filter((end) => end <= at));
}
