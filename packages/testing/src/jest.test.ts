import { expect } from "expect";
import { describeMatchers } from "../test/support/matcher-cases.ts";
import "./jest.ts";

describeMatchers("Jest", (value) => expect(value));
