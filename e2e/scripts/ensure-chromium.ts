/**
 * Makes sure the end-to-end suite has a Chromium to drive before it starts: `CHROMIUM_PATH`,
 * or Debian's `/usr/bin/chromium`, installed with apt-get when this runs as root on a Debian
 * or Ubuntu machine. Anywhere else it says what to install instead of failing mid-suite.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DEFAULT_CHROMIUM_PATH } from "../support/chromium.ts";

const path = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

if (existsSync(path)) process.exit(0);

if (process.env.CHROMIUM_PATH !== undefined) {
  console.error(`e2e: CHROMIUM_PATH is ${path}, which does not exist`);
  process.exit(1);
}

const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (canApt) {
  console.error("e2e: Chromium is missing; installing Debian's chromium package (about a minute)…");
  if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"])) {
    if (existsSync(path)) process.exit(0);
  }
  console.error("e2e: apt-get could not install chromium; install it by hand and run again");
  process.exit(1);
}

console.error(
  [
    `e2e: the end-to-end suite drives Chromium and found none at ${path}.`,
    "Install your system's chromium package, or point CHROMIUM_PATH at a Chrome or Chromium",
    "binary (for example one fetched with `npx playwright install chromium`), then run again.",
  ].join("\n"),
);
process.exit(1);
