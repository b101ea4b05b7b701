/** What a service process sends its parent over IPC once it is listening. */
export interface ReadyMessage {
  readonly type: "ready";
  readonly url: string;
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  if (typeof value !== "object" || value === null) return false;
  const type: unknown = Object.getOwnPropertyDescriptor(value, "type")?.value;
  const url: unknown = Object.getOwnPropertyDescriptor(value, "url")?.value;
  return type === "ready" && typeof url === "string";
}

/** Tells the parent (when there is one, connected over IPC) where this process listens. */
export function announceReady(url: string): void {
  const message: ReadyMessage = { type: "ready", url };
  process.send?.(message);
}
