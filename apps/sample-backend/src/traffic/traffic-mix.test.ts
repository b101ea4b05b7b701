import { describe, expect, it } from "vitest";
import { seededRandom } from "./seeded-random.ts";
import { type PlannedRequest, plannedRequests } from "./traffic-mix.ts";

function take(seed: number, count: number): PlannedRequest[] {
  const requests = plannedRequests(seededRandom(seed));
  return Array.from({ length: count }, () => requests.next().value);
}

describe("plannedRequests", () => {
  it("repeats the same sequence for the same seed, and another for another seed", () => {
    expect(take(7, 50)).toEqual(take(7, 50));
    expect(take(7, 50)).not.toEqual(take(8, 50));
  });

  it("mostly reads feeds, and reaches every kind of outcome over a few hundred requests", () => {
    const paths = take(1, 400).map((request) => `${request.method} ${request.path}`);
    const share = (prefix: string) =>
      paths.filter((path) => path.startsWith(prefix)).length / paths.length;
    expect(share("GET /api/activities/home")).toBeGreaterThan(0.12);
    expect(paths).toContain("GET /api/activities/@nobody");
    expect(paths).toContain("GET /api/users/@legacyuser/settings");
    expect(paths).toContain("GET /api/notifications/@andrewbrown?simulate=unavailable");
    expect(paths).toContain("POST /api/messages");
    expect(paths).toContain("GET /api/activities/digest");
  });
});
