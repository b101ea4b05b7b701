import { pathToFileURL } from "node:url";
import { entryFile } from "../layout.ts";

/**
 * Where the UDP receive worker's code is, as the package layout names it (`udpWorker`): its
 * TypeScript source when the daemon runs from source (tsx, vitest), its ES module once built.
 */
export function ingestWorkerUrl(): URL {
  return pathToFileURL(entryFile("udpWorker"));
}
