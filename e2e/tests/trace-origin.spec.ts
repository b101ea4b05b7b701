import type { Page } from "@playwright/test";
import { EXPLAIN } from "../../apps/viewer/src/explain/Explain.markers.ts";
import { ORIGIN } from "../../apps/viewer/src/origin/Origin.markers.ts";
import {
  DETAIL_TAB_IDS,
  SEGMENT_DETAILS,
} from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { otlpCheckoutTrace, postOtlpJson } from "../support/otlp.ts";
import { userRequest } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, timelineRow, traceRow } from "../support/viewer.ts";

const PHONE = { width: 360, height: 740 };
/** Wide enough for the details panel to hold the document and the span side by side. */
const WIDE = { width: 1680, height: 900 };

/** The badge's text as shown: its label, or its short code at phone width. */
async function expectShown(page: Page, traceId: string, channel: string, text: string) {
  const shown = badge(page, traceId, channel)
    .locator(`[data-testid="${ORIGIN.label}"], [data-testid="${ORIGIN.short}"]`)
    .filter({ visible: true });
  await expect(shown).toHaveText(text);
}

function badge(page: Page, traceId: string, channel: string) {
  return traceRow(page, traceId)
    .getByTestId(TRACE_LIST.sentBy)
    .locator(`[data-testid="${ORIGIN.badge}"][data-channel="${channel}"]`);
}

/** Wider than the window: the page scrolls sideways. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function openRawTab(page: Page, traceId: string, node: string): Promise<void> {
  await page.goto(`/traces/${traceId}`);
  await timelineRow(page, node).click();
  const details = page.getByTestId(SEGMENT_DETAILS.panel);
  await details.getByTestId(DETAIL_TAB_IDS.raw).click();
  await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toHaveAttribute("data-tab", "raw");
}

test("the list and the trace page say where each trace came from; the Raw tab shows the source span", async ({
  page,
  send,
  daemon,
  sandbox,
}) => {
  // Many steps (list, trace page, note, Raw tab): more than the default budget on a busy machine.
  test.setTimeout(60_000);
  const xray = userRequest();
  const xrayTraceId = String(xray.trace_id);
  const otlp = otlpCheckoutTrace();
  await page.setViewportSize(WIDE);
  await page.goto("/");
  await expectLive(page);
  await send.documents([xray]);
  await postOtlpJson(daemon.url, otlp.body);

  await expectShown(page, xrayTraceId, "xray-sdk", "X-Ray SDK");
  await expect(badge(page, xrayTraceId, "xray-sdk")).toHaveAccessibleName(/sent by an X-Ray SDK/);
  await expectShown(page, otlp.xrayTraceId, "otlp-http", "OTLP/HTTP");
  await expect(badge(page, otlp.xrayTraceId, "otlp-http")).toHaveAttribute("title", /OTLP\/HTTP/);
  await expect(traceRow(page, otlp.xrayTraceId).getByTestId(ORIGIN.badge)).toHaveCount(1);
  await sandbox.waitForTrace(
    (trace) => trace.id === otlp.xrayTraceId && trace.documents.length === 2,
  );

  // The trace page: the badge, and the "?" note on how spans became documents.
  await openRawTab(page, otlp.xrayTraceId, "checkout");
  const sentBy = page.getByTestId(TRACE_PAGE.sentBy);
  await expect(sentBy.getByTestId(ORIGIN.badge)).toHaveAttribute("data-channel", "otlp-http");
  const explain = sentBy.locator(
    `[data-testid="${EXPLAIN.button}"][data-topic="otel-translation"]`,
  );
  await explain.focus();
  await page.keyboard.press("Enter");
  const note = page.getByTestId(EXPLAIN.popover);
  await expect(note).toContainText("2026-02-25");
  await expect(note).toContainText("2027-02-25");
  await expect(note).toContainText("LOCAL_ROOT");
  await expect(note).toContainText("aws.xray.annotations");
  await expect(note).toContainText("docs/otlp-translation.md in the repository");
  await page.keyboard.press("Escape");
  await expect(note).toHaveCount(0);

  // The Raw tab: the X-Ray document and the span it was made from, side by side.
  const panel = page.getByTestId(SEGMENT_DETAILS.tabpanel);
  await expect(panel.getByTestId(SEGMENT_DETAILS.rawOrigin)).toContainText("OTLP/HTTP (JSON)");
  const span = panel.getByTestId(SEGMENT_DETAILS.sourceSpan);
  await expect(span.getByRole("heading", { name: /Source span/ })).toBeVisible();
  await expect(span.getByTestId(SEGMENT_DETAILS.copySourceSpan)).toBeVisible();
  const tree = span.getByTestId(SEGMENT_DETAILS.sourceSpanTree);
  await expect(tree).toContainText("GET /cart");
  await expect(tree).toContainText(otlp.serverSpanId);
  await expect(tree).toContainText("cart.note");
  await expect(tree).toContainText("service.name");
  const documentBox = await panel.getByTestId(SEGMENT_DETAILS.rawJson).boundingBox();
  const spanBox = await tree.boundingBox();
  expect(documentBox).not.toBeNull();
  expect(spanBox).not.toBeNull();
  if (documentBox && spanBox) {
    expect(spanBox.x).toBeGreaterThanOrEqual(documentBox.x + documentBox.width);
  }

  // An X-Ray SDK document: where it came from, and no span.
  await openRawTab(page, xrayTraceId, "UserData");
  await expect(panel.getByTestId(SEGMENT_DETAILS.rawOrigin)).toContainText("Sent by an X-Ray SDK");
  await expect(panel.getByTestId(SEGMENT_DETAILS.sourceSpan)).toHaveCount(0);
  await expect(
    page.getByTestId(TRACE_PAGE.sentBy).locator(`[data-testid="${EXPLAIN.button}"]`),
  ).toHaveCount(0);
});

test("at phone width the badges shrink to short codes and nothing scrolls sideways", async ({
  page,
  send,
  daemon,
  sandbox,
}) => {
  await page.setViewportSize(PHONE);
  const xray = userRequest();
  const xrayTraceId = String(xray.trace_id);
  const otlp = otlpCheckoutTrace();
  await page.goto("/");
  await expectLive(page);
  await send.documents([xray]);
  await postOtlpJson(daemon.url, otlp.body);

  await expectShown(page, xrayTraceId, "xray-sdk", "SDK");
  await expectShown(page, otlp.xrayTraceId, "otlp-http", "HTTP");
  await expect(badge(page, otlp.xrayTraceId, "otlp-http")).toBeInViewport();
  await expect(badge(page, otlp.xrayTraceId, "otlp-http")).toHaveAccessibleName(
    /sent by OpenTelemetry over OTLP\/HTTP/,
  );
  expect(await horizontalOverflow(page)).toBe(0);
  const list = page.getByTestId(TRACE_LIST.root);
  expect(await list.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);

  await sandbox.waitForTrace(
    (trace) => trace.id === otlp.xrayTraceId && trace.documents.length === 2,
  );
  await openRawTab(page, otlp.xrayTraceId, "checkout");
  const panel = page.getByTestId(SEGMENT_DETAILS.tabpanel);
  const tree = panel.getByTestId(SEGMENT_DETAILS.sourceSpanTree);
  await expect(tree).toContainText("GET /cart");
  const documentBox = await panel.getByTestId(SEGMENT_DETAILS.rawJson).boundingBox();
  const spanBox = await tree.boundingBox();
  if (!documentBox || !spanBox) throw new Error("the Raw tab's two parts have no boxes");
  expect(spanBox.y).toBeGreaterThanOrEqual(documentBox.y + documentBox.height);
  expect(await horizontalOverflow(page)).toBe(0);

  // On a phone the details are a sheet over the lower part of the page: close it to reach the header.
  await page.getByTestId(SEGMENT_DETAILS.close).click();
  await expect(panel).toHaveCount(0);
  // The page scrolls on a phone, and a note closes when anything scrolls: bring the header back
  // first and let its scroll events pass (two frames) before opening the note.
  const explain = page.getByTestId(TRACE_PAGE.sentBy).locator(`[data-testid="${EXPLAIN.button}"]`);
  await explain.scrollIntoViewIfNeeded();
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  await explain.click();
  const note = page.getByTestId(EXPLAIN.popover);
  await expect(note).toContainText("2027-02-25");
  const noteBox = await note.boundingBox();
  if (!noteBox) throw new Error("the note has no box");
  expect(noteBox.x).toBeGreaterThanOrEqual(0);
  expect(noteBox.y).toBeGreaterThanOrEqual(0);
  expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(PHONE.width);
  expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(PHONE.height);
  expect(await horizontalOverflow(page)).toBe(0);
  await page.keyboard.press("Escape");
});
