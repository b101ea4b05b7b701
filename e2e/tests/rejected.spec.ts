import { randomUUID } from "node:crypto";
import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import { expect, test } from "../support/test.ts";
import { expectLive } from "../support/viewer.ts";

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

test("OTLP sent over UDP by an OpenTelemetry exporter shows up, recognised, while the view is open", async ({
  page,
  send,
}) => {
  await page.goto("/rejected");
  await expectLive(page);
  const otlp = loadFixtureRun("adot-otlp-udp");
  await send.datagrams(otlp.map((fixture) => fixture.bytes));
  const otlpRows = page.getByTestId(REJECTED.row).filter({ hasText: "otlp-udp" });
  await expect(otlpRows.nth(otlp.length - 1)).toBeVisible();
});
