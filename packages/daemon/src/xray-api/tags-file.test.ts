import { describe, expect, it } from "vitest";
import { formatTagsFile, parseTagsFile } from "./tags-file.ts";

const ARN = "arn:aws:xray:local:000000000000:group/a/X1";

function fileOf(resources: unknown[], version: unknown = 1): string {
  return JSON.stringify({ version, resources });
}

describe("tags.json", () => {
  it("reads back what it wrote, keys in their order", () => {
    const tags = new Map([
      [
        ARN,
        new Map([
          ["z", "1"],
          ["a", ""],
        ]),
      ],
      ["arn:aws:xray:local:000000000000:sampling-rule/r", new Map([["k", "v"]])],
    ]);
    expect(parseTagsFile(formatTagsFile(tags))).toEqual({ ok: true, tags });
  });

  it("leaves out resources without tags", () => {
    expect(parseTagsFile(fileOf([{ ResourceARN: ARN, Tags: [] }]))).toEqual({
      ok: true,
      tags: new Map(),
    });
  });

  it.each([
    ["nope", /^not valid JSON/],
    ['{"version": 1}', /^expected \{"version": 1, "resources": \[\.\.\.\]\}/],
    [fileOf([], 2), /^it was written by a newer xray-sandbox/],
    [fileOf([{ ResourceARN: ARN }]), /^resource 1: expected \{"ResourceARN"/],
    [
      fileOf([
        { ResourceARN: ARN, Tags: [] },
        { ResourceARN: ARN, Tags: [] },
      ]),
      /^resource 2: .* is there twice/,
    ],
    [
      fileOf([{ ResourceARN: ARN, Tags: [{ Key: "k" }] }]),
      /^resource 1: Tags\[0\]: expected \{"Key"/,
    ],
    [
      fileOf([{ ResourceARN: ARN, Tags: [{ Key: "", Value: "" }] }]),
      /^resource 1: Tags\[0\]\.Key must be 1 to 128 characters/,
    ],
    [
      fileOf([{ ResourceARN: ARN, Tags: [{ Key: "k", Value: "v".repeat(257) }] }]),
      /Value must be at most 256 characters/,
    ],
    [
      fileOf([
        {
          ResourceARN: ARN,
          Tags: [
            { Key: "k", Value: "1" },
            { Key: "k", Value: "2" },
          ],
        },
      ]),
      /^resource 1: Tags\[1\]\.Key "k" is there twice/,
    ],
    [
      fileOf([
        {
          ResourceARN: ARN,
          Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "" })),
        },
      ]),
      /^resource 1: 51 tags; a resource holds at most 50/,
    ],
  ])("refuses %s", (text, message) => {
    const parsed = parseTagsFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(message);
  });
});
