import type { ApiErrorBody } from "@xray-sandbox/segments";
import { AUTH_LOST_EVENT } from "../auth/auth-state.ts";

/** An `/api/*` or X-Ray API call that failed; `body` is the daemon's error body when it sent one. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(message);
  }
}

/** GET/POST/PUT/DELETE JSON against the daemon that served the page. */
export async function requestJson<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const options: RequestInit = { method: init.method ?? "GET", headers };
  if (init.signal) options.signal = init.signal;
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    options.body = JSON.stringify(init.body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  const parsed: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) {
    // A shared sandbox no longer takes this browser's sign-in: the gate asks again.
    if (response.status === 401 && !path.startsWith("/api/auth/")) {
      window.dispatchEvent(new Event(AUTH_LOST_EVENT));
    }
    const body = isApiErrorBody(parsed) ? parsed : undefined;
    const message =
      body?.error.message ??
      (typeof parsed === "object" && parsed !== null && "message" in parsed
        ? String(parsed.message)
        : `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, body?.error.code ?? String(response.status), message, body);
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    "error" in value &&
    typeof value.error === "object" &&
    value.error !== null &&
    "message" in value.error
  );
}
