/**
 * Ids checked by character table against the regular expressions they stand in for: the
 * same verdict for every value, and the same verdicts and messages for filed documents.
 */

import { seededRandom } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { checkFiledFields } from "./check-document-object.ts";
import { isSegmentIdByTable, isTraceIdByTable } from "./id-characters.ts";
import { checkRequiredFields, invalidDocument } from "./parse-document.ts";
import { isSegmentId, isTraceId } from "./units.ts";

const CHARACTERS = "0123456789abcdefABCDEFgG-1 xX\u00e9\u0660\uff10\n";

function randomIds(count: number, seed: number): unknown[] {
  const random = seededRandom(seed);
  const values: unknown[] = [undefined, null, 16, 0x53995c3f42cd8ad8n, {}, [], "", "1-"];
  for (let i = 0; i < count; i++) {
    const length = [15, 16, 17, 34, 35, 36][Math.floor(random() * 6)] as number;
    let text = "";
    for (let j = 0; j < length; j++) {
      // Mostly hex digits, so that many values come close to a valid id.
      text +=
        random() < 0.9
          ? "0123456789abcdefABCDEF"[Math.floor(random() * 22)]
          : CHARACTERS[Math.floor(random() * CHARACTERS.length)];
    }
    if (length >= 34 && random() < 0.8) {
      text = `1-${text.slice(2, 10)}-${text.slice(11)}`;
      if (random() < 0.1) text = `${random() < 0.5 ? "2" : "1"}${text.slice(1)}`;
    }
    values.push(text);
  }
  return values;
}

describe("ids checked by table", () => {
  it("tell valid ids as the regular expressions do, on 20,000 values", () => {
    const values = randomIds(20_000, 1414);
    expect(values.filter((value) => isSegmentId(value)).length).toBeGreaterThan(100);
    expect(values.filter((value) => isTraceId(value)).length).toBeGreaterThan(100);
    for (const value of values) {
      expect({ value, segment: isSegmentIdByTable(value) }).toEqual({
        value,
        segment: isSegmentId(value),
      });
      expect({ value, trace: isTraceIdByTable(value) }).toEqual({ value, trace: isTraceId(value) });
    }
  });

  it("give a filed document the verdict and message the full check gives", () => {
    const random = seededRandom(714);
    const ids = randomIds(2_000, 14);
    const pick = () => ids[Math.floor(random() * ids.length)];
    for (let i = 0; i < 2_000; i++) {
      const fields: Record<string, unknown> = {
        id: random() < 0.5 ? "53995c3f42cd8ad8" : pick(),
        trace_id: random() < 0.5 ? "1-5759e988-bd862e3fe1be46a994272793" : pick(),
        name: "orders",
        start_time: 1_700_000_000,
        end_time: 1_700_000_001,
      };
      if (random() < 0.5) fields.parent_id = random() < 0.3 ? "f0f1f2f3f4f5f6f7" : pick();
      if (random() < 0.3) fields.type = "subsegment";
      const full = checkRequiredFields(fields);
      const expected = full.ok ? full : invalidDocument(full.problems);
      expect({ fields, verdict: checkFiledFields(fields) }).toEqual({ fields, verdict: expected });
    }
  });

  it("name each bad id in the message", () => {
    const verdict = checkFiledFields({
      id: "53995C3F42CD8AD",
      trace_id: "1-5759e988-bd862e3fe1be46a99427279g",
      parent_id: "zz995c3f42cd8ad8",
      name: "orders",
      start_time: 1,
      end_time: 2,
    });
    expect(verdict.ok).toBe(false);
    const message = verdict.ok ? "" : verdict.rejection.message;
    expect(message).toContain('"id" is "53995C3F42CD8AD", expected 16 hex digits');
    expect(message).toContain(
      '"trace_id" is "1-5759e988-bd862e3fe1be46a99427279g", expected 1-<8 hex digits>-<24 hex digits>',
    );
    expect(message).toContain('"parent_id" is "zz995c3f42cd8ad8", expected 16 hex digits');
  });
});
