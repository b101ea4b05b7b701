import pino from "pino";
import pretty from "pino-pretty";
import type { LogLevel } from "./config.ts";

export type Logger = pino.Logger;
export type LogFormat = "pretty" | "json";

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** A file descriptor; stdout unless told. */
  readonly fd?: number;
}

/**
 * Both formats write synchronously on the calling thread, so nothing is lost when the
 * process exits right after logging.
 */
export function createLogger({ level, format, fd = 1 }: LoggerOptions): Logger {
  const destination =
    format === "pretty"
      ? pretty({
          sync: true,
          destination: fd,
          colorize: pretty.isColorSupported,
          ignore: "pid,hostname",
          translateTime: "HH:MM:ss.l",
        })
      : pino.destination({ dest: fd, sync: true });
  return pino({ level, base: undefined }, destination);
}

/**
 * The one logger that writes nothing. One for the whole process, as a daemon's logger is:
 * each `pino()` logger has hidden classes of its own, and code compiled against one (the
 * ingest service's level checks, run for every document) is thrown away by a full
 * collection that finds that logger gone, when every new service got a new logger.
 */
const SILENT = pino({ level: "silent" });

/** A logger that writes nothing, for embedding the daemon quietly. */
export function silentLogger(): Logger {
  return SILENT;
}
