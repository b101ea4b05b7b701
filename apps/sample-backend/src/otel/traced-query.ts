import { type Context, context, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { BindParams, ParamsObject } from "sql.js";
import { runStatement } from "../db/run-statement.ts";
import type { SqlDatabase } from "../db/sql-database.ts";
import { tracer } from "./spans.ts";

/**
 * Runs one statement inside a CLIENT span with the database semantic conventions: the X-Ray
 * exporter makes it a `remote` subsegment whose `sql` block has `sanitized_query`
 * (`db.statement`), `database_type` (`db.system`) and `url` (the span name). `peer.service`
 * names the subsegment as the X-Ray flavour does (`social@sqlite`), so both flavours draw
 * the same node in the service map. Without a `parent`, the span goes under the current one.
 */
export function tracedQuery(
  database: SqlDatabase,
  sql: string,
  params: BindParams = [],
  parent: Context = context.active(),
): ParamsObject[] {
  const span = tracer.startSpan(
    `${operationOf(sql)} ${database.name}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system": "sqlite",
        "db.name": database.name,
        "db.statement": sql,
        "db.operation": operationOf(sql),
        "peer.service": database.subsegmentName,
      },
    },
    parent,
  );
  try {
    return runStatement(database.db, sql, params);
  } catch (error) {
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** `SELECT`, `INSERT`, …: the statement's first word. */
function operationOf(sql: string): string {
  return sql.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? "QUERY";
}
