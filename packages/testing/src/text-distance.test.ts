import { describe, expect, it } from "vitest";
import { closestName, editDistance, substringDistance } from "./text-distance.ts";

describe("text distance", () => {
  it("counts edits between two words", () => {
    expect(editDistance("UserData", "UserData")).toBe(0);
    expect(editDistance("UserDta", "UserData")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("counts the edits that make a text appear inside another", () => {
    expect(substringDistance("/user", "http://127.0.0.1:3900/user")).toBe(0);
    expect(substringDistance("/@andrewbrown", "http://x/api/activities/@andrewbrow")).toBe(1);
  });

  it("suggests a close name, and none when every name is far", () => {
    expect(closestName("userdta", ["format", "UserData", "sample-express"])).toBe("UserData");
    expect(closestName("database", ["format", "UserData"])).toBeUndefined();
  });
});
