/**
 * The live benchmarks' datagram sender as its own process (forked by `live-bench.ts`), so
 * that its 20k sends a second do not share an event loop and a CPU share with the live
 * clients the benchmark measures.
 */

import { type SentReport, sendLive } from "./live-sender.ts";

export interface LiveSendCommand {
  readonly type: "send";
  readonly host: string;
  readonly port: number;
  readonly rate: number;
  readonly seconds: number;
}

export type LiveSenderMessage =
  | ({ readonly type: "sent" } & SentReport)
  | { readonly type: "failed"; readonly message: string };

function reply(message: LiveSenderMessage): void {
  process.send?.(message);
}

function main(): void {
  process.on("message", (command: LiveSendCommand) => {
    if (command.type !== "send") return;
    sendLive(command.host, command.port, command.rate, command.seconds).then(
      (report) => reply({ type: "sent", ...report }),
      (error: unknown) =>
        reply({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on("disconnect", () => process.exit(0));
  // Ctrl-C reaches the whole process group; the bench decides when its helpers stop.
  process.on("SIGINT", () => {});
}

if (process.send !== undefined) main();
