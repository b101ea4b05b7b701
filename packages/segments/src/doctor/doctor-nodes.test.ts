import { describe, expect, it } from "vitest";
import type { DocumentFields } from "../document.ts";
import { otlpOriginOf } from "../document-origin.ts";
import type { SourceSpan } from "../otlp/translate-contract.ts";
import { sdkOf } from "./doctor-nodes.ts";

const document = { name: "checkout", id: "1".repeat(16) } as unknown as DocumentFields;

describe("sdkOf", () => {
  it("names OpenTelemetry for a span's document without building the kept span", () => {
    let built = 0;
    const origin = otlpOriginOf(
      "otlp-http-protobuf",
      () => {
        built++;
        return {} as SourceSpan;
      },
      true,
    );
    expect(sdkOf(document, origin)).toBe("otel");
    expect(sdkOf(document, { kind: "import", exported: origin })).toBe("otel");
    expect(built).toBe(0);
  });

  it("reads the X-Ray SDK a document names, and none for an import of one that names none", () => {
    const node = { ...document, aws: { xray: { sdk: "X-Ray for Node.js" } } } as DocumentFields;
    expect(sdkOf(node, undefined)).toBe("node");
    expect(sdkOf(document, { kind: "import", exported: undefined })).toBeUndefined();
  });
});
