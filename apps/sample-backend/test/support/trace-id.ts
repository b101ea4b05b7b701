import { randomBytes } from "node:crypto";

/** A fresh X-Ray trace id, so a request's trace can be waited for before it is made. */
export function newTraceId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  return `1-${seconds}-${randomBytes(12).toString("hex")}`;
}
