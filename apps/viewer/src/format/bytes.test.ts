import { expect, it } from "vitest";
import { formatBytes } from "./bytes.ts";

it.each([
  [0, "0 B"],
  [512, "512 B"],
  [1024, "1.00 KiB"],
  [1536, "1.50 KiB"],
  [65_536, "64.0 KiB"],
  [12.3 * 1024 * 1024, "12.3 MiB"],
  [100 * 1024 ** 3, "100 GiB"],
  [-2048, "-2.00 KiB"],
])("%d bytes reads %s", (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text);
});
