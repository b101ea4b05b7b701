import { describe, expect, it } from "vitest";
import { parseClientMessage } from "./client-message.ts";

describe("parseClientMessage", () => {
  it("reads ping and subscribe", () => {
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ ok: true, message: { type: "ping" } });
    expect(parseClientMessage('{"type":"subscribe","filter":"fault"}')).toEqual({
      ok: true,
      message: { type: "subscribe", filter: "fault" },
    });
    expect(parseClientMessage('{"type":"subscribe","filter":"fault","limit":500}')).toEqual({
      ok: true,
      message: { type: "subscribe", filter: "fault", limit: 500 },
    });
  });

  it("reads an acknowledgement", () => {
    expect(parseClientMessage('{"type":"ack","seq":7}')).toEqual({
      ok: true,
      message: { type: "ack", seq: 7 },
    });
  });

  it("takes a missing, null or blank filter for every trace", () => {
    for (const text of [
      '{"type":"subscribe"}',
      '{"type":"subscribe","filter":null}',
      '{"type":"subscribe","filter":"  "}',
    ]) {
      expect(parseClientMessage(text)).toEqual({
        ok: true,
        message: { type: "subscribe", filter: null },
      });
    }
  });

  it.each([
    ["binary frames", undefined, /^binary frames are not understood/],
    ["text that is not JSON", "subscribe", /^the message is not JSON/],
    ["JSON that is not an object", "[1]", /^the message is not a JSON object/],
    ["an unknown type", '{"type":"unsubscribe"}', /^unknown message type "unsubscribe"/],
    ["no type", "{}", /^unknown message type \(none\)/],
    ["a filter that is not text", '{"type":"subscribe","filter":3}', /"filter" must be/],
    ["a snapshot limit of 0", '{"type":"subscribe","filter":null,"limit":0}', /"limit" must be/],
    ["a snapshot limit as text", '{"type":"subscribe","limit":"9"}', /got "9"/],
    ["an ack without seq", '{"type":"ack"}', /"seq" must be/],
    ["an ack of seq 0", '{"type":"ack","seq":0}', /"seq" must be/],
    ["an ack of a fraction", '{"type":"ack","seq":1.5}', /"seq" must be/],
  ])("refuses %s, saying what it expected", (_, text, message) => {
    const result = parseClientMessage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
