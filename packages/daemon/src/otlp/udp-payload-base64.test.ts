/** The `T1S`/`T1U` body's base64 check, against the regular expression it replaced. */

import { seededRandom } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { otlpPayload } from "./udp-payload.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CHARACTERS = "AZaz09+/=-_ .\u00e9\u2713\u00a0\t";
const encoder = new TextEncoder();

describe("an ADOT payload's base64 check", () => {
  it("accepts exactly the bodies the alphabet's regular expression accepts", () => {
    const random = seededRandom(2000);
    const bodies = ["", "QQ==", "QUI=", "QUJD", "Q===", "Q=Q=", "=QQ=", "QQ==\u00a0"];
    for (let i = 0; i < 3_000; i++) {
      let body = "";
      const length = 4 * Math.floor(random() * 4);
      for (let j = 0; j < length; j++) body += CHARACTERS[Math.floor(random() * CHARACTERS.length)];
      bodies.push(body);
    }
    for (const body of bodies) {
      const payload = otlpPayload(encoder.encode(`T1S${body}`));
      const text = body.trimEnd();
      const expected = text.length % 4 === 0 && BASE64.test(text);
      expect({ body, ok: payload.ok }).toEqual({ body, ok: expected });
    }
  });

  it("gives the decoded bytes", () => {
    const payload = otlpPayload(encoder.encode("T1UAEC/"));
    expect(payload).toMatchObject({ ok: true, sampled: false });
    expect(payload.ok && [...payload.protobuf]).toEqual([0, 64, 191]);
  });
});
