import type { Activity } from "../db/social-store.ts";

/** Likes decayed by age, as link aggregators rank: newer and more liked first. */
export function rankByEngagement(activities: readonly Activity[], now: Date): Activity[] {
  const score = (activity: Activity) => {
    const hours = Math.max(0, now.getTime() - Date.parse(activity.createdAt)) / 3_600_000;
    return (activity.likes + 1) / (hours + 2) ** 1.5;
  };
  return [...activities].sort((a, b) => score(b) - score(a));
}
