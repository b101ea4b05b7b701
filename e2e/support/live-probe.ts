/** What a page saw when it opened the live WebSocket. */
export interface LiveProbe {
  readonly opened: boolean;
  /** The `type` of the first message, if one came. */
  readonly firstMessageType: string | undefined;
  /** Set when the socket closed before any message. */
  readonly closeCode: number | undefined;
}

/**
 * Runs in the page (pass it to `page.evaluate`): opens `url` and settles on the first message
 * or on close, whichever comes first.
 */
export function probeLive(url: string): Promise<LiveProbe> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let opened = false;
    socket.onopen = () => {
      opened = true;
    };
    socket.onmessage = (event) => {
      let type: string | undefined;
      try {
        type = String(JSON.parse(String(event.data)).type);
      } catch {
        type = "(not JSON)";
      }
      socket.close();
      resolve({ opened, firstMessageType: type, closeCode: undefined });
    };
    socket.onclose = (event) => {
      resolve({ opened, firstMessageType: undefined, closeCode: event.code });
    };
  });
}

/** Runs in the page: a GET of `url`, and whether the page could read the answer. */
export function probeFetch(url: string): Promise<{ readable: boolean; detail: string }> {
  return fetch(url).then(
    async (response) => ({ readable: true, detail: `${response.status} ${await response.text()}` }),
    (error: unknown) => ({ readable: false, detail: String(error) }),
  );
}

export function liveUrl(httpUrl: string, path: string): string {
  return `${httpUrl.replace(/^http/, "ws")}${path}`;
}
