/**
 * Functions that run inside the viewer's page for `filter-enter-profile.ts`: each is
 * self-contained and uses only what the browser has.
 */

/** The moments of one Enter, in milliseconds since that Enter's keydown. */
export interface EnterParts {
  /** The Enter's keydown handlers (React's render of the URL change included) ended. */
  readonly keydownDoneMs: number;
  /** The `subscribe` went over the WebSocket. */
  readonly subscribeSentMs: number;
  /** The snapshot's message event began (the main thread was free to take it). */
  readonly snapshotEventMs: number;
  /** The page's handler of the snapshot's message returned (React renders in a microtask after). */
  readonly snapshotHandledMs: number;
  /** The DOM first showed only matching rows. */
  readonly rowsInDomMs: number;
  /** The first animation frame that saw them (what `pnpm bench:viewer` reports). */
  readonly frameMs: number;
  /** The distribution's request went out (NaN: not before the frame). */
  readonly distributionAskedMs: number;
  /** Its answer was in (NaN: not before the frame). */
  readonly distributionAnsweredMs: number;
  /** DOM mutation batches (React commits) between the keydown and the matching rows. */
  readonly commits: number;
}

/**
 * Installed before the page's scripts: notes when WebSocket messages go out and come in, so
 * that `armEnterParts` can split an Enter into its parts.
 */
export function recordSocketTimes(): void {
  const marks = { subscribeSent: [] as number[], snapshotEvent: [] as number[] };
  const handled: number[] = [];
  Reflect.set(window, "__enterMarks", { ...marks, snapshotHandled: handled });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    if (typeof data === "string" && data.startsWith('{"type":"subscribe"')) {
      marks.subscribeSent.push(performance.now());
    }
    send.call(this, data);
  };
  const Native = WebSocket;
  const Wrapped = function (this: unknown, url: string | URL, protocols?: string | string[]) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event: MessageEvent) => {
      if (typeof event.data !== "string" || !event.data.startsWith('{"type":"snapshot"')) return;
      marks.snapshotEvent.push(performance.now());
      // A task queued now runs after this event's handlers and their microtasks.
    });
    // The page's own handler, timed: the message parsed and applied to the store.
    Object.defineProperty(socket, "onmessage", {
      set(handler: (event: MessageEvent) => void) {
        socket.addEventListener("message", (event: MessageEvent) => {
          handler(event);
          if (typeof event.data === "string" && event.data.startsWith('{"type":"snapshot"')) {
            handled.push(performance.now());
          }
        });
      },
    });
    return socket;
  } as unknown as typeof WebSocket;
  Wrapped.prototype = Native.prototype;
  Object.assign(Wrapped, {
    CONNECTING: Native.CONNECTING,
    OPEN: Native.OPEN,
    CLOSING: Native.CLOSING,
    CLOSED: Native.CLOSED,
  });
  window.WebSocket = Wrapped;
}

/** Arms a watch for the next Enter; `enterParts()` resolves with its parts. */
export function armEnterParts(args: {
  rowSelector: string;
  cellSelector: string;
  expected: string;
  timeoutMs: number;
}): void {
  const marks = Reflect.get(window, "__enterMarks") as {
    subscribeSent: number[];
    snapshotEvent: number[];
    snapshotHandled: number[];
  };
  // The resource timing buffer holds 250 entries: room for this Enter's requests.
  performance.clearResourceTimings();
  const matching = () => {
    const rows = [...document.querySelectorAll(args.rowSelector)];
    return (
      rows.length > 0 &&
      rows.every((row) =>
        row.querySelector(args.cellSelector)?.textContent?.includes(args.expected),
      )
    );
  };
  const settled = new Promise((resolve, reject) => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter") return;
      window.removeEventListener("keydown", onKeyDown, true);
      const pressedAt = performance.now();
      performance.mark("enter-keydown");
      const since = (at: number | undefined) => (at === undefined ? Number.NaN : at - pressedAt);
      const after = (list: number[]) => list.find((at) => at >= pressedAt);
      let keydownDone = Number.NaN;
      let commits = 0;
      let rowsInDom: number | undefined;
      const observer = new MutationObserver(() => {
        commits++;
        if (rowsInDom === undefined && matching()) {
          rowsInDom = performance.now();
          performance.mark("enter-rows-in-dom");
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      // The keydown's own handlers end before the next task: a message posted now lands there.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        keydownDone = since(performance.now());
        channel.port1.close();
      };
      channel.port2.postMessage(0);
      Reflect.set(window, "__enterChannel", channel);
      const check = () => {
        const now = performance.now();
        if (rowsInDom !== undefined && matching()) {
          performance.mark("enter-frame");
          const distribution = performance
            .getEntriesByType("resource")
            .find(
              (entry) =>
                entry.startTime >= pressedAt && entry.name.includes("/api/traces/distribution"),
            ) as PerformanceResourceTiming | undefined;
          resolve({
            keydownDoneMs: keydownDone,
            subscribeSentMs: since(after(marks.subscribeSent)),
            snapshotEventMs: since(after(marks.snapshotEvent)),
            snapshotHandledMs: since(after(marks.snapshotHandled)),
            rowsInDomMs: since(rowsInDom),
            frameMs: now - pressedAt,
            distributionAskedMs: since(distribution?.startTime),
            distributionAnsweredMs: since(distribution?.responseEnd),
            commits,
          });
        } else if (now - pressedAt > args.timeoutMs) {
          reject(new Error(`no update in ${args.timeoutMs} ms`));
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    };
    window.addEventListener("keydown", onKeyDown, true);
  });
  Reflect.set(window, "__enterParts", settled);
}

export function enterParts(): Promise<EnterParts> {
  return Reflect.get(window, "__enterParts") as Promise<EnterParts>;
}
