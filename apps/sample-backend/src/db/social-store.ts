import type { ParamsObject } from "sql.js";
import { integer, text } from "./row.ts";
import type { SqlDatabase } from "./sql-database.ts";

/**
 * Runs one statement and traces it: `tracedQuery` (an X-Ray SDK subsegment) or
 * `otel/traced-query.ts` (an OpenTelemetry span). `parent` is where the trace goes when the
 * caller names it; without one, under whatever is current.
 */
export type QueryRunner<Parent> = (
  database: SqlDatabase,
  sql: string,
  params: (string | number)[],
  parent: Parent | undefined,
) => ParamsObject[];

export interface User {
  readonly id: number;
  readonly handle: string;
  readonly displayName: string;
  readonly bio: string;
}

export interface Activity {
  readonly id: number;
  readonly handle: string;
  readonly displayName: string;
  readonly message: string;
  readonly likes: number;
  readonly createdAt: string;
}

export interface Message {
  readonly id: number;
  readonly from: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface Suggestion {
  readonly handle: string;
  readonly displayName: string;
  /** How many of the people the user follows already follow this one. */
  readonly followedByFollowing: number;
}

const ACTIVITY_COLUMNS = `a.id, u.handle, u.display_name, a.message, a.likes, a.created_at
  FROM activities a JOIN users u ON u.id = a.user_id`;

function toActivity(row: ParamsObject): Activity {
  return {
    id: integer(row, "id"),
    handle: text(row, "handle"),
    displayName: text(row, "display_name"),
    message: text(row, "message"),
    likes: integer(row, "likes"),
    createdAt: text(row, "created_at"),
  };
}

/** The app's queries, each traced by `runQuery` (an SQL subsegment, or a database span). */
export class SocialStore<Parent = never> {
  readonly #database: SqlDatabase;
  readonly #runQuery: QueryRunner<Parent>;

  constructor(database: SqlDatabase, runQuery: QueryRunner<Parent>) {
    this.#database = database;
    this.#runQuery = runQuery;
  }

  findUser(handle: string, parent?: Parent): User | undefined {
    const [row] = this.#query(
      "SELECT id, handle, display_name, bio FROM users WHERE handle = ?",
      [handle],
      parent,
    );
    if (!row) return undefined;
    return {
      id: integer(row, "id"),
      handle: text(row, "handle"),
      displayName: text(row, "display_name"),
      bio: text(row, "bio"),
    };
  }

  activitiesOf(userId: number, limit: number, parent?: Parent): Activity[] {
    return this.#query(
      `SELECT ${ACTIVITY_COLUMNS} WHERE a.user_id = ? ORDER BY a.created_at DESC LIMIT ?`,
      [userId, limit],
      parent,
    ).map(toActivity);
  }

  recentActivities(limit: number, parent?: Parent): Activity[] {
    return this.#query(
      `SELECT ${ACTIVITY_COLUMNS} ORDER BY a.created_at DESC LIMIT ?`,
      [limit],
      parent,
    ).map(toActivity);
  }

  searchActivities(term: string, limit: number, parent?: Parent): Activity[] {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.#query(
      `SELECT ${ACTIVITY_COLUMNS} WHERE a.message LIKE ? ESCAPE '\\' ORDER BY a.created_at DESC LIMIT ?`,
      [pattern, limit],
      parent,
    ).map(toActivity);
  }

  inbox(userId: number, parent?: Parent): Message[] {
    return this.#query(
      `SELECT m.id, s.handle AS sender, m.body, m.created_at
         FROM messages m JOIN users s ON s.id = m.sender_id
        WHERE m.recipient_id = ? ORDER BY m.created_at DESC`,
      [userId],
      parent,
    ).map((row) => ({
      id: integer(row, "id"),
      from: text(row, "sender"),
      body: text(row, "body"),
      createdAt: text(row, "created_at"),
    }));
  }

  addMessage(senderId: number, recipientId: number, body: string, at: Date): number {
    const [row] = this.#query(
      `INSERT INTO messages (sender_id, recipient_id, body, created_at) VALUES (?, ?, ?, ?)
       RETURNING id`,
      [senderId, recipientId, body, at.toISOString()],
    );
    if (!row) throw new Error("INSERT ... RETURNING gave no row");
    return integer(row, "id");
  }

  settingsText(userId: number, parent?: Parent): string | undefined {
    const [row] = this.#query("SELECT settings FROM users WHERE id = ?", [userId], parent);
    return row ? text(row, "settings") : undefined;
  }

  followSuggestions(userId: number, limit: number, parent?: Parent): Suggestion[] {
    return this.#query(
      `SELECT u.handle, u.display_name, COUNT(f2.follower_id) AS followed_by_following
         FROM users u
         LEFT JOIN follows f2 ON f2.followee_id = u.id
          AND f2.follower_id IN (SELECT followee_id FROM follows WHERE follower_id = ?)
        WHERE u.id != ?
          AND u.id NOT IN (SELECT followee_id FROM follows WHERE follower_id = ?)
        GROUP BY u.id
        ORDER BY followed_by_following DESC, u.handle
        LIMIT ?`,
      [userId, userId, userId, limit],
      parent,
    ).map((row) => ({
      handle: text(row, "handle"),
      displayName: text(row, "display_name"),
      followedByFollowing: integer(row, "followed_by_following"),
    }));
  }

  /** Without a `parent`, the query's subsegment or span goes under the request's current one. */
  #query(sql: string, params: (string | number)[], parent?: Parent): ParamsObject[] {
    return this.#runQuery(this.#database, sql, params, parent);
  }
}
