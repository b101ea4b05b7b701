import type { ParamsObject } from "sql.js";

/** Reads a column the schema declares NOT NULL TEXT; anything else is a bug in a query. */
export function text(row: ParamsObject, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new TypeError(`column ${column} is not text`);
  return value;
}

/** Reads a column the schema declares NOT NULL INTEGER. */
export function integer(row: ParamsObject, column: string): number {
  const value = row[column];
  if (typeof value !== "number") throw new TypeError(`column ${column} is not a number`);
  return value;
}
