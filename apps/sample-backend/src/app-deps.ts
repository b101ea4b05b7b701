import type { SocialStore } from "./db/social-store.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { TraceEntity } from "./xray.ts";

export interface AppDeps {
  readonly store: SocialStore<TraceEntity>;
  /** Base URL of the notifications service, e.g. `http://127.0.0.1:45123`. */
  readonly notificationsUrl: string;
  /** Where `?simulate=unreachable` sends the notifications call: nothing listens there. */
  readonly unreachableUrl?: string;
  /** Limits `POST /api/messages` per sender. */
  readonly messageLimiter?: RateLimiter;
  readonly now?: () => Date;
  /** The segment name, which is the service's name in the trace map. */
  readonly serviceName?: string;
}
