export interface Notification {
  readonly kind: "like" | "follow" | "mention";
  readonly from: string;
  readonly text: string;
}

const NOTIFICATIONS: Readonly<Record<string, readonly Notification[]>> = {
  andrewbrown: [
    { kind: "like", from: "bayko", text: "@bayko liked your post about X-Ray" },
    { kind: "follow", from: "garak", text: "@garak started following you" },
    { kind: "mention", from: "londo", text: "@londo mentioned you: magnificent traces" },
  ],
  bayko: [{ kind: "follow", from: "andrewbrown", text: "@andrewbrown started following you" }],
};

export function notificationsFor(handle: string): readonly Notification[] {
  return NOTIFICATIONS[handle] ?? [];
}
