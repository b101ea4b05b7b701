/**
 * `startUdpLoad` in a child process of its own, so that pacing datagrams does not compete
 * with the benchmark's own requests for one event loop. Forked with IPC by `forkUdpLoad`:
 * argv is host, port, rate, run; it says "started" once sending, and the message "stop" makes
 * it stop and answer `{ sent }`.
 */

import { startUdpLoad } from "./udp-load.ts";

const [host = "127.0.0.1", port = "0", rate = "0", run = "1"] = process.argv.slice(2);
const load = startUdpLoad(host, Number(port), Number(rate), Number(run));
process.send?.("started");
process.on("message", (message) => {
  if (message !== "stop") return;
  void load.stop().then((report) => {
    process.send?.(report, () => process.exit(0));
  });
});
