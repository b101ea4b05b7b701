/**
 * The `sql` block (collector `sql.go`, `makeSQL`), for spans whose `db.system` is an SQL
 * database: `url` is the span name (the collector finds it more useful than the connection
 * string), `connection_string` is `db.connection_string` (or `localhost`) + `/` + `db.name`,
 * `sanitized_query` is `db.statement`. The `db.*` attributes it uses are marked taken.
 */

import type { SqlBlock } from "../document.ts";
import { type SpanAttributes, stringAttribute } from "./attribute-values.ts";
import {
  DB_CONNECTION_STRING,
  DB_NAME,
  DB_STATEMENT,
  DB_SYSTEM,
  DB_USER,
} from "./otlp-attributes.ts";
import type { OtlpSpan } from "./otlp-model.ts";
import { compactObject } from "./plain-objects.ts";

const SQL_SYSTEMS: ReadonlySet<string> = new Set([
  "db2",
  "derby",
  "hive",
  "mariadb",
  "mssql",
  "mysql",
  "oracle",
  "postgresql",
  "sqlite",
  "teradata",
  "other_sql",
]);

const SQL_ATTRIBUTES = [DB_CONNECTION_STRING, DB_SYSTEM, DB_NAME, DB_STATEMENT, DB_USER];

export function sqlBlock(span: OtlpSpan, { all, taken }: SpanAttributes): SqlBlock | undefined {
  const system = stringAttribute(all, DB_SYSTEM);
  if (system === undefined || !SQL_SYSTEMS.has(system)) return undefined;
  const connection = stringAttribute(all, DB_CONNECTION_STRING) ?? "localhost";
  const block = compactObject<SqlBlock>({
    url: span.name === "" ? undefined : span.name,
    connection_string: `${connection}/${stringAttribute(all, DB_NAME) ?? ""}`,
    database_type: system,
    user: stringAttribute(all, DB_USER),
    sanitized_query: stringAttribute(all, DB_STATEMENT),
  });
  taken.push(...SQL_ATTRIBUTES);
  return block;
}
