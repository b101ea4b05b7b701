import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import initSqlJs, { type Database } from "sql.js";
import { SCHEMA } from "./schema.ts";
import { SEED_ACTIVITIES, SEED_FOLLOWS, SEED_MESSAGES, SEED_USERS } from "./seed-data.ts";
import type { SqlDatabase } from "./sql-database.ts";

const DATABASE_NAME = "social";

export interface OpenDatabaseOptions {
  /** Seeded times are relative to this. */
  readonly now?: Date;
}

/** A fresh in-memory SQLite database (sql.js: the real engine compiled to WebAssembly), seeded. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<SqlDatabase> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(SCHEMA);
  seed(db, options.now ?? new Date());
  return {
    db,
    name: DATABASE_NAME,
    subsegmentName: `${DATABASE_NAME}@sqlite`,
    connection: {
      url: `sqlite::memory:${DATABASE_NAME}`,
      database_type: "SQLite",
      database_version: sqliteVersion(db),
      driver_version: `sql.js ${sqlJsVersion()}`,
    },
  };
}

function sqliteVersion(db: Database): string {
  const version = db.exec("select sqlite_version()")[0]?.values[0]?.[0];
  return typeof version === "string" ? version : "unknown";
}

function sqlJsVersion(): string {
  const entry = createRequire(import.meta.url).resolve("sql.js");
  const manifest: unknown = JSON.parse(
    readFileSync(join(dirname(entry), "..", "package.json"), "utf8"),
  );
  const version =
    typeof manifest === "object" && manifest !== null && "version" in manifest
      ? manifest.version
      : undefined;
  return typeof version === "string" ? version : "unknown";
}

function seed(db: Database, now: Date): void {
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const ids = new Map<string, number>();
  const userId = (handle: string): number => {
    const id = ids.get(handle);
    if (id === undefined) throw new Error(`seed data names an unknown user @${handle}`);
    return id;
  };

  db.run("BEGIN");
  SEED_USERS.forEach((user, index) => {
    const id = index + 1;
    ids.set(user.handle, id);
    db.run("INSERT INTO users (id, handle, display_name, bio, settings) VALUES (?, ?, ?, ?, ?)", [
      id,
      user.handle,
      user.displayName,
      user.bio,
      user.settings,
    ]);
  });
  for (const activity of SEED_ACTIVITIES) {
    db.run("INSERT INTO activities (user_id, message, likes, created_at) VALUES (?, ?, ?, ?)", [
      userId(activity.handle),
      activity.message,
      activity.likes,
      minutesAgo(activity.minutesAgo),
    ]);
  }
  for (const message of SEED_MESSAGES) {
    db.run("INSERT INTO messages (sender_id, recipient_id, body, created_at) VALUES (?, ?, ?, ?)", [
      userId(message.from),
      userId(message.to),
      message.body,
      minutesAgo(message.minutesAgo),
    ]);
  }
  for (const [follower, followees] of Object.entries(SEED_FOLLOWS)) {
    for (const followee of followees) {
      db.run("INSERT INTO follows (follower_id, followee_id) VALUES (?, ?)", [
        userId(follower),
        userId(followee),
      ]);
    }
  }
  db.run("COMMIT");
}
