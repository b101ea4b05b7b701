import type { Context } from "@opentelemetry/api";
import type { SocialStore } from "../db/social-store.ts";

/** The social store whose queries are OpenTelemetry database spans. */
export type OtelStore = SocialStore<Context>;
