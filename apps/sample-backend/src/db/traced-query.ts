import type { BindParams, ParamsObject } from "sql.js";
import { currentTraceEntity, type TraceEntity } from "../xray.ts";
import { runStatement } from "./run-statement.ts";
import type { SqlDatabase } from "./sql-database.ts";

/**
 * Runs one statement inside a `remote` subsegment that carries the X-Ray `sql` block.
 * The SDK patches mysql and pg but has no SQLite patcher, so this is what one looks like
 * written by hand. Queries use `?` placeholders: the query text is already sanitized.
 */
export function tracedQuery(
  database: SqlDatabase,
  sql: string,
  params: BindParams = [],
  parent: TraceEntity | undefined = currentTraceEntity(),
): ParamsObject[] {
  const subsegment = parent?.addNewSubsegment(database.subsegmentName);
  if (subsegment) {
    subsegment.namespace = "remote";
    subsegment.addSqlData({
      ...database.connection,
      sanitized_query: sql,
      preparation: "prepared",
    });
  }
  try {
    const rows = runStatement(database.db, sql, params);
    subsegment?.close();
    return rows;
  } catch (error) {
    subsegment?.close(error instanceof Error ? error : String(error));
    throw error;
  }
}
