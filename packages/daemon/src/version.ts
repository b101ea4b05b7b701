import { readFileSync } from "node:fs";
import { MANIFEST_FILE } from "./layout.ts";

/** The daemon package's version, read from its package.json. */
export function daemonVersion(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(MANIFEST_FILE, "utf8"));
    if (typeof manifest === "object" && manifest !== null && "version" in manifest) {
      const { version } = manifest;
      if (typeof version === "string") return version;
    }
  } catch {
    // Fall through: a missing version must not stop the daemon.
  }
  return "unknown";
}
