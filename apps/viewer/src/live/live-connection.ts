import { LiveClient, liveUrl, type OpenSocket } from "./live-client.ts";
import type { LiveStore } from "./live-store.ts";

export interface ConnectLiveOptions {
  readonly url?: string;
  readonly openSocket?: OpenSocket;
}

/**
 * Feeds `store` from the daemon's `/api/live` (on the page's own host by default) and keeps
 * the subscription on the store's filter. Returns the function that disconnects.
 */
export function connectLive(store: LiveStore, options: ConnectLiveOptions = {}): () => void {
  const actions = store.getState();
  const client = new LiveClient({
    url: options.url ?? liveUrl(window.location),
    filter: actions.filter,
    onMessage: (message) => store.getState().receive(message),
    onSocket: (socket) => store.getState().socketChanged(socket),
    onOpen: () => store.getState().connected(),
    onSubscribe: () => store.getState().subscribed(),
    ...(options.openSocket ? { openSocket: options.openSocket } : {}),
  });
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.filter !== previous.filter) client.subscribe(state.filter);
  });
  client.start();
  return () => {
    unsubscribe();
    client.stop();
    store.getState().flush();
  };
}
