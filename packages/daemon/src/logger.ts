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

/** A logger that writes nothing, for embedding the daemon quietly. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
