import type { RejectedBody } from "@xray-sandbox/segments";
import { requestJson } from "../api/http.ts";

export function fetchRejected(signal: AbortSignal): Promise<RejectedBody> {
  return requestJson<RejectedBody>("/api/rejected", { signal });
}
