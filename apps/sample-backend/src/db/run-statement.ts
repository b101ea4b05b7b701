import type { BindParams, Database, ParamsObject } from "sql.js";

/** Runs one prepared statement and returns its rows; the statement is freed either way. */
export function runStatement(db: Database, sql: string, params: BindParams): ParamsObject[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: ParamsObject[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}
