/**
 * The `T1S`/`T1U` payload read from its bytes in one pass, against the text-based reading
 * it stands in front of: the same verdicts, messages and decoded bytes on every body.
 */

import { seededRandom } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { decodeBase64, isOtlpDatagram, otlpPayload, payloadFromText } from "./udp-payload.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const ODD = "=-_ .\u00e9\u2713\u00a0\t\n\r\u000b\u000c\ufeff\u0000";
const encoder = new TextEncoder();

/** What a caller sees of a payload (the buffer's kind and ownership left out). */
function seen(payload: ReturnType<typeof otlpPayload>) {
  return payload.ok
    ? { ok: true, sampled: payload.sampled, bytes: [...payload.protobuf] }
    : { ok: false, message: payload.message };
}

function randomBody(random: () => number): string {
  let body = "";
  const length = Math.floor(random() * 24);
  for (let j = 0; j < length; j++) {
    const pool = random() < 0.9 ? ALPHABET : ODD;
    body += pool[Math.floor(random() * pool.length)];
  }
  const tail = random();
  if (tail < 0.2) body += "=";
  else if (tail < 0.4) body += "==";
  if (random() < 0.3)
    body += [" ", "\n", "\r\n", "\t ", "\u00a0", "\u2028"][Math.floor(random() * 6)];
  return body;
}

describe("an ADOT payload read from its bytes", () => {
  it("gives what the text reading gives, on 5,000 random bodies and headers", () => {
    const random = seededRandom(2014);
    const bodies = [
      "",
      "QQ==",
      "QUI=",
      "QUJD",
      "Q===",
      "Q=Q=",
      "=QQ=",
      "====",
      "QQ== ",
      "QQ==\u00a0",
    ];
    for (let i = 0; i < 5_000; i++) bodies.push(randomBody(random));
    for (const body of bodies) {
      for (const prefix of ["T1S", "T1U", "T1X", "T2S", "T1", "", "\u00e9T1S"]) {
        for (const header of ["", '{"format":"json","version":1}\n']) {
          const bytes = encoder.encode(`${header}${prefix}${body}`);
          // After the first newline, as the receive path reads a datagram.
          const reference = payloadFromText(bytes, bytes.indexOf(0x0a) + 1);
          expect({ header, prefix, body, ...seen(otlpPayload(bytes)) }).toEqual({
            header,
            prefix,
            body,
            ...seen(reference),
          });
        }
      }
    }
  });

  it("decodes the way Buffer does, whatever the bits past the last byte", () => {
    const random = seededRandom(14);
    for (let i = 0; i < 2_000; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 40));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      let text = Buffer.from(bytes).toString("base64");
      // Bits the encoder leaves zero, set: still the same bytes.
      if (text.endsWith("=="))
        text = `${text.slice(0, -3)}${ALPHABET[ALPHABET.indexOf(text.at(-3) as string) | 15]}==`;
      else if (text.endsWith("="))
        text = `${text.slice(0, -2)}${ALPHABET[ALPHABET.indexOf(text.at(-2) as string) | 3]}=`;
      const decoded = decodeBase64(encoder.encode(text), 0);
      expect({ text, bytes: decoded && [...decoded] }).toEqual({
        text,
        bytes: [...Buffer.from(text, "base64")],
      });
    }
  });

  it("hands the decoder a buffer of the payload's own, never Node's shared pool", () => {
    const payload = otlpPayload(encoder.encode('{"format":"json","version":1}\nT1SAEC/'));
    expect(payload).toMatchObject({ ok: true, sampled: true, owned: true });
    expect(payload.ok && payload.protobuf.byteLength).toBe(3);
    expect(payload.ok && payload.protobuf.buffer.byteLength).toBe(3);
  });

  it("tells a datagram with an OTLP body from one without", () => {
    const header = '{"format":"json","version":1}\n';
    expect(isOtlpDatagram(encoder.encode(`${header}T1SAAAA`))).toBe(true);
    expect(isOtlpDatagram(encoder.encode(`${header}T1U`))).toBe(true);
    expect(isOtlpDatagram(encoder.encode(`${header}T1`))).toBe(false);
    expect(isOtlpDatagram(encoder.encode(`${header}T2S`))).toBe(false);
    expect(isOtlpDatagram(encoder.encode("T1SAAAA"))).toBe(false);
  });
});
