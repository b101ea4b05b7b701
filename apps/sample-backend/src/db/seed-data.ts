/** The demo data every start begins with. Times are minutes before start-up. */

export interface SeedUser {
  readonly handle: string;
  readonly displayName: string;
  readonly bio: string;
  /** Stored as text; `legacyuser`'s was written by an old release in a format that is not JSON. */
  readonly settings: string;
}

export interface SeedActivity {
  readonly handle: string;
  readonly message: string;
  readonly likes: number;
  readonly minutesAgo: number;
}

export interface SeedMessage {
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly minutesAgo: number;
}

export const SEED_USERS: readonly SeedUser[] = [
  {
    handle: "andrewbrown",
    displayName: "Andrew Brown",
    bio: "Cloud instructor. Ships things, then traces them.",
    settings: '{"theme":"dark","language":"en","emailDigest":"weekly"}',
  },
  {
    handle: "bayko",
    displayName: "Andrew Bayko",
    bio: "Builds the bits between services.",
    settings: '{"theme":"light","language":"en","emailDigest":"never"}',
  },
  {
    handle: "londo",
    displayName: "Londo Mollari",
    bio: "Ambassador. Collector of fine things.",
    settings: '{"theme":"dark","language":"centauri","emailDigest":"daily"}',
  },
  {
    handle: "garak",
    displayName: "Elim Garak",
    bio: "Plain, simple tailor.",
    settings: '{"theme":"light","language":"cardassian","emailDigest":"weekly"}',
  },
  {
    handle: "legacyuser",
    displayName: "Legacy User",
    bio: "Signed up before settings were JSON.",
    settings: "theme=dark;language=en;emailDigest=weekly",
  },
];

const WRITTEN_ACTIVITIES: readonly SeedActivity[] = [
  {
    handle: "andrewbrown",
    message: "Cloud is fun! Today: distributed tracing with X-Ray.",
    likes: 42,
    minutesAgo: 5,
  },
  {
    handle: "andrewbrown",
    message: "A subsegment per database query: now I can see the slow one.",
    likes: 17,
    minutesAgo: 95,
  },
  {
    handle: "andrewbrown",
    message: "Annotations are indexed, metadata is not. Filter on the first, read the second.",
    likes: 23,
    minutesAgo: 600,
  },
  {
    handle: "bayko",
    message: "The notifications service now has its own segment in every trace.",
    likes: 8,
    minutesAgo: 30,
  },
  {
    handle: "londo",
    message: "Ah, the trace map. So many services, so little time.",
    likes: 3,
    minutesAgo: 200,
  },
  {
    handle: "garak",
    message: "The truth is usually just an excuse for a lack of tracing.",
    likes: 11,
    minutesAgo: 400,
  },
];

const FILLER_TOPICS = [
  "deployed a new release",
  "fixed a flaky test",
  "read about sampling rules",
  "drew the service map on a whiteboard",
  "found a 500 in the logs",
  "tuned a slow query",
  "wrote a runbook",
  "paired on the search endpoint",
];

/**
 * Enough older activities that the digest renders well over 100 cards (and the SDK
 * starts streaming subsegments on their own).
 */
function fillerActivities(count: number): SeedActivity[] {
  const handles = SEED_USERS.map((user) => user.handle).filter((h) => h !== "legacyuser");
  return Array.from({ length: count }, (_, index) => ({
    handle: handles[index % handles.length] ?? "andrewbrown",
    message: `Day ${index + 1}: ${FILLER_TOPICS[index % FILLER_TOPICS.length]}.`,
    likes: (index * 7) % 31,
    minutesAgo: 24 * 60 + index * 90,
  }));
}

export const SEED_ACTIVITIES: readonly SeedActivity[] = [
  ...WRITTEN_ACTIVITIES,
  ...fillerActivities(144),
];

export const SEED_MESSAGES: readonly SeedMessage[] = [
  { from: "bayko", to: "andrewbrown", body: "Is the tracing lab ready?", minutesAgo: 12 },
  { from: "londo", to: "andrewbrown", body: "Your service map is magnificent.", minutesAgo: 64 },
  {
    from: "garak",
    to: "andrewbrown",
    body: "I noticed a fault in your settings.",
    minutesAgo: 300,
  },
  { from: "andrewbrown", to: "bayko", body: "Ready when the daemon is.", minutesAgo: 10 },
];

/** follower -> followees */
export const SEED_FOLLOWS: Readonly<Record<string, readonly string[]>> = {
  andrewbrown: ["bayko"],
  bayko: ["andrewbrown", "londo"],
  londo: ["garak"],
  garak: ["londo", "andrewbrown"],
};
