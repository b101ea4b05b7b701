import { randomUUID } from "node:crypto";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, traceRow } from "../support/viewer.ts";

test("a datagram the daemon refused is listed in the rejections view with its reason", async ({
  page,
  send,
}) => {
  const marker = `not json ${randomUUID()}`;
  await send.datagrams([new TextEncoder().encode(`{"format":"json","version":1}\n${marker}`)]);

  await page.goto("/rejected");
  const row = page.getByTestId(REJECTED.row).filter({ hasText: marker });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("not-json");
  await expect(row.getByTestId(REJECTED.preview)).toContainText(marker);
});

test("OTLP sent over UDP by ADOT shows up as an X-Ray trace while the list is open, not as a rejection", async ({
  page,
  send,
}) => {
  await page.goto("/");
  await expectLive(page);
  // The captures' sampled (T1S) spans: one trace, a "GET /user" segment and its subsegment.
  await send.fixtureRun("adot-otlp-udp");
  await expect(traceRow(page, "1-6b150ac7-7a81adb5db4477c6a9353e11")).toBeVisible();
  await page.goto("/rejected");
  await expect(page.getByTestId(REJECTED.row).filter({ hasText: "otlp" })).toHaveCount(0);
});
