import { useEffect } from "react";
import { connectLive } from "./live-connection.ts";
import { liveStore } from "./live-store.ts";

/** Keeps the viewer's live store connected while the app is mounted. */
export function useLiveConnection(): void {
  useEffect(() => connectLive(liveStore), []);
}
