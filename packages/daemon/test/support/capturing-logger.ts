import pino from "pino";
import type { Logger } from "../../src/logger.ts";

export interface LogRecord {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A logger that keeps every record it writes, at `level` and above. */
export function capturingLogger(level: pino.Level = "info"): {
  logger: Logger;
  records: LogRecord[];
} {
  const records: LogRecord[] = [];
  const logger = pino(
    { level, base: undefined },
    { write: (line: string) => records.push(JSON.parse(line) as LogRecord) },
  );
  return { logger, records };
}
