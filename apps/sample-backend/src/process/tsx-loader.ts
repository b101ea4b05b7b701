import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** `--import <this>` lets a plain `node` run the TypeScript sources, as `tsx` does. */
export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
}
