import { expect } from "vitest";
import { describeMatchers } from "../test/support/matcher-cases.ts";
import "./vitest.ts";

describeMatchers("vitest", (value) => expect(value));
