import type { Database } from "sql.js";

/** The `sql` block of X-Ray SQL subsegments, minus the per-query fields. */
export interface SqlConnectionInfo {
  readonly url: string;
  readonly database_type: "SQLite";
  readonly database_version: string;
  readonly driver_version: string;
}

export interface SqlDatabase {
  readonly db: Database;
  /** The database's name, `social`. */
  readonly name: string;
  /** The SQL subsegments' name, `database@host` as the SDK's own database patchers write it. */
  readonly subsegmentName: string;
  readonly connection: SqlConnectionInfo;
}
