import { useEffect, useRef, useState } from "react";
import { countOf } from "../format/count.ts";
import { useConnection, useLive } from "../live/live-store.ts";
import { TRACES_PAGE } from "./TraceList.markers.ts";

/** How long "Reconnected" stays after the connection came back. */
const RECONNECTED_NOTICE_MS = 6000;

/**
 * Above a list that is on screen: the daemon cannot be reached (the list shows what arrived
 * before), and, once it answers again, that the viewer reconnected. With no list the page's
 * body says it is unreachable instead (see `Waiting`).
 */
export function ConnectionNotice() {
  const connection = useConnection();
  const count = useLive((state) => state.ids.length);
  const reconnecting = connection.state === "reconnecting";
  const wasLost = useRef(false);
  const [reconnected, setReconnected] = useState(false);

  useEffect(() => {
    if (reconnecting) {
      wasLost.current = true;
      setReconnected(false);
      return;
    }
    if (!wasLost.current || (connection.state !== "live" && connection.state !== "paused")) return;
    wasLost.current = false;
    setReconnected(true);
    const timer = setTimeout(() => setReconnected(false), RECONNECTED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [reconnecting, connection.state]);

  if (reconnecting && count > 0) {
    return (
      <p className="traces-unreachable" role="alert" data-testid={TRACES_PAGE.unreachable}>
        Cannot reach the daemon at {window.location.host}: showing the {countOf(count, "trace")}{" "}
        received before. Retrying every second (attempt {connection.attempt}).
      </p>
    );
  }
  if (reconnected) {
    return (
      <p className="traces-reconnected" role="status" data-testid={TRACES_PAGE.reconnected}>
        Reconnected to the daemon: the list is up to date.
      </p>
    );
  }
  return null;
}
