/** `pnpm traffic [--target URL] [--rate N] [--duration TIME] [--requests N] [--seed N]` */

import { StatusLine } from "../terminal/status-line.ts";
import { runTraffic } from "./run-traffic.ts";
import { formatProgress } from "./traffic-counts.ts";
import { parseTrafficArgs } from "./traffic-options.ts";

const PROGRAM = "traffic";

const command = parseTrafficArgs(process.argv.slice(2));
if (command.kind === "help") {
  process.stdout.write(command.text);
  process.exit(0);
}
if (command.kind === "invalid") {
  process.stderr.write(`${PROGRAM}: ${command.message} (see pnpm traffic --help)\n`);
  process.exit(2);
}

const { options } = command;
const stop = new AbortController();
process.once("SIGINT", () => stop.abort());
process.once("SIGTERM", () => stop.abort());

const until =
  options.requests !== undefined
    ? `${options.requests} requests`
    : options.durationMs !== undefined
      ? `${options.durationMs / 1000} s`
      : "Ctrl-C";
process.stdout.write(
  `${PROGRAM}: ${options.rate} req/s to ${options.target} until ${until} (seed ${options.seed})\n`,
);
const status = new StatusLine(process.stdout);
const result = await runTraffic({
  ...options,
  signal: stop.signal,
  onProgress: (counts) => status.update(formatProgress(counts)),
});
if (result.ok || result.counts.sent > 0) status.finish(formatProgress(result.counts));
if (!result.ok) {
  process.stderr.write(`${PROGRAM}: ${result.message}\n`);
  process.exitCode = 1;
}
