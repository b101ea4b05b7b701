import { Router } from "express";
import type { SocialStore, User } from "../db/social-store.ts";
import { HttpError } from "../http-error.ts";
import type { RateLimiter } from "../rate-limiter.ts";

const MAX_BODY_LENGTH = 1000;

export interface MessagesDeps {
  readonly store: SocialStore;
  readonly limiter: RateLimiter;
  readonly now: () => Date;
}

/**
 * `GET /api/messages/@:handle`: the inbox, read with SQL subsegments (`namespace: remote`,
 * the `sql` block with the sanitized query and the database version).
 * `POST /api/messages`: rate limited per sender; over the limit the answer is a 429, which
 * the SDK flags as `throttle` (and `error`).
 */
export function messagesRoutes({ store, limiter, now }: MessagesDeps): Router {
  const router = Router();

  router.get("/api/messages/@:handle", (req, res) => {
    const user = requireUser(store, req.params.handle);
    res.json({ handle: user.handle, messages: store.inbox(user.id) });
  });

  router.post("/api/messages", (req, res) => {
    const draft = readDraft(req.body);
    const sender = requireUser(store, draft.from);
    const recipient = requireUser(store, draft.to);
    const at = now();
    const decision = limiter.take(sender.handle, at.getTime());
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new HttpError(
        429,
        `@${sender.handle} may send ${limiter.limit} messages per ${limiter.windowMs / 1000} s; retry in ${seconds} s`,
        { headers: { "Retry-After": String(seconds) } },
      );
    }
    const id = store.addMessage(sender.id, recipient.id, draft.body, at);
    res.status(201).json({ id, from: sender.handle, to: recipient.handle });
  });

  return router;
}

function requireUser(store: SocialStore, handle: string): User {
  const user = store.findUser(handle);
  if (!user) throw new HttpError(404, `no user @${handle}`);
  return user;
}

interface Draft {
  readonly from: string;
  readonly to: string;
  readonly body: string;
}

function readDraft(input: unknown): Draft {
  const field = (name: keyof Draft): string => {
    const value: unknown =
      typeof input === "object" && input !== null
        ? Object.getOwnPropertyDescriptor(input, name)?.value
        : undefined;
    if (typeof value !== "string" || value.trim() === "") {
      throw new HttpError(400, `"${name}" must be a non-empty string`);
    }
    return value.trim();
  };
  const draft = { from: field("from"), to: field("to"), body: field("body") };
  if (draft.body.length > MAX_BODY_LENGTH) {
    throw new HttpError(400, `"body" is at most ${MAX_BODY_LENGTH} characters`);
  }
  return draft;
}
