import { GROUPS } from "../../apps/viewer/src/groups/GroupsPage.markers.ts";
import { expect, test } from "../support/test.ts";

/** More groups than one GetGroups page holds (10). */
const EXTRA_GROUPS = 12;

test("the Groups page lists every group, over all of GetGroups' pages", async ({
  page,
  daemon,
}) => {
  const names = Array.from(
    { length: EXTRA_GROUPS },
    (_, i) => `paged-${String(i).padStart(2, "0")}`,
  );
  const call = (path: string, body: unknown) =>
    fetch(`${daemon.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  try {
    for (const name of names) {
      const created = await call("/CreateGroup", { GroupName: name, FilterExpression: "fault" });
      expect(created.status).toBe(200);
    }
    await page.goto("/groups");
    const rows = page.getByTestId(GROUPS.row);
    await expect(rows).toHaveCount(EXTRA_GROUPS + 1);
    await expect(rows.last()).toContainText(names.at(-1) ?? "");
  } finally {
    // The daemon serves the other tests of this worker: leave its groups as they were.
    for (const name of names) await call("/DeleteGroup", { GroupName: name });
  }
});
