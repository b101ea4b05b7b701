#!/usr/bin/env node

/**
 * `xray-sandbox [flags]`: starts the daemon and runs until SIGINT/SIGTERM.
 * `xray-sandbox import FILE` / `xray-sandbox export`: talk to a running one.
 * Exit codes: 0 after a signal or --help/--version, 1 when it cannot run, 2 for a bad command line.
 */

import { setLogger as setGrpcLogger } from "@grpc/grpc-js";
import { formatHostPort } from "./address.ts";
import { AUTH_TOKEN_ENV } from "./auth/auth-token.ts";
import {
  type CliCommand,
  EXIT_OK,
  EXIT_RUNTIME,
  FORWARD_ENV,
  PROGRAM,
  parseCommandLine,
} from "./cli-options.ts";
import { type Daemon, startDaemon } from "./daemon.ts";
import { DaemonError } from "./errors.ts";
import { forwardLine } from "./forward/forward-line.ts";
import { createLogger, type LogFormat, type Logger } from "./logger.ts";
import { otlpLine, sharingLine, startupLine } from "./startup-line.ts";
import { runTransfer } from "./transfer/transfer-cli.ts";
import { parseTransferCommand, TRANSFER_COMMANDS } from "./transfer/transfer-options.ts";
import { daemonVersion } from "./version.ts";

type RunCommand = Extract<CliCommand, { kind: "run" }>;

async function main(argv: readonly string[]): Promise<number> {
  if (TRANSFER_COMMANDS.some((name) => name === argv[0])) {
    const transfer = parseTransferCommand(PROGRAM, argv);
    if (transfer.kind !== "exit") {
      return runTransfer(PROGRAM, transfer, {
        stdout: process.stdout,
        stderr: process.stderr,
        stderrIsTty: process.stderr.isTTY,
        stdin: process.stdin,
        authToken: process.env[AUTH_TOKEN_ENV],
      });
    }
    process.stdout.write(transfer.stdout);
    process.stderr.write(transfer.stderr);
    return transfer.code;
  }
  const command = parseCommandLine(argv, {
    version: daemonVersion(),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    forwardFromEnv: process.env[FORWARD_ENV],
  });
  if (command.kind === "exit") {
    process.stdout.write(command.stdout);
    process.stderr.write(command.stderr);
    return command.code;
  }
  return run(command);
}

async function run({ config, logFormat, warnings }: RunCommand): Promise<number> {
  const logger = createLogger({ level: config.logLevel, format: logFormat });
  for (const warning of warnings) logger.warn(warning);
  // gRPC's own log lines (e.g. "No address added" for a taken OTLP/gRPC port) would repeat
  // what the daemon's warning says, on stderr: they go to the daemon's log at debug level.
  setGrpcLogger({ error: (...parts: unknown[]) => logger.debug(`gRPC: ${parts.join(" ")}`) });
  // Listening before the startup line is out: whoever reads that line may signal at once.
  const stopped = nextSignal();
  let daemon: Daemon;
  try {
    daemon = await startDaemon(config, { logger });
  } catch (error) {
    const message =
      error instanceof DaemonError
        ? error.message
        : `could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${PROGRAM}: ${message}\n`);
    return EXIT_RUNTIME;
  }

  announce(logger, logFormat, startupLine(daemon), {
    udp: formatHostPort(daemon.udpAddress),
    http: daemon.url,
    receiveBufferBytes: daemon.receiveBufferBytes,
    sdkAddress: daemon.sdkAddress,
  });
  announce(logger, logFormat, otlpLine(daemon), {
    otlpHttp: daemon.otlp.http,
    otlpGrpc: daemon.otlp.grpc,
  });
  const sharing = sharingLine(daemon.config);
  if (sharing !== undefined) announce(logger, logFormat, sharing, { authRequired: true });
  const forwards = daemon.stats().forwards.map((forward) => forward.target);
  const forwarding = forwardLine(forwards);
  if (forwarding !== undefined) announce(logger, logFormat, forwarding, { forwards });

  const signal = await stopped;
  await daemon.close();
  const { received, accepted, rejected } = daemon.stats().datagrams;
  announce(
    logger,
    logFormat,
    `${PROGRAM} stopped (${signal}): ${received} datagram${received === 1 ? "" : "s"} received, ${accepted} accepted, ${rejected} rejected`,
    { received, accepted, rejected },
  );
  // Should anything still hold the event loop open, do not hang on the way out.
  setTimeout(() => process.exit(EXIT_OK), 2000).unref();
  return EXIT_OK;
}

/** Text mode gets the bare line; JSON mode a log record with the same message. */
function announce(
  logger: Logger,
  format: LogFormat,
  line: string,
  fields: Record<string, unknown>,
): void {
  if (format === "pretty") process.stdout.write(`${line}\n`);
  else logger.info(fields, line);
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

// Setting the exit code rather than calling process.exit() lets piped output drain first.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${PROGRAM}: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = EXIT_RUNTIME;
  },
);
