/**
 * Account settings X-Ray keeps and answers back: encryption, the indexing rule and the trace
 * segment destination. The sandbox records what is asked and reports it; it encrypts
 * nothing and keeps every trace whatever the destination (see `account-state.ts`).
 */

import { epochSeconds } from "@xray-sandbox/segments";
import {
  DEFAULT_INDEXING_RULE,
  type EncryptionConfig,
  MAX_KEY_ID_LENGTH,
} from "./account-state.ts";
import { RequestFields } from "./request-fields.ts";
import { resourceNotFound } from "./xray-api-error.ts";
import { defineOperation } from "./xray-operation.ts";

export const getEncryptionConfig = defineOperation({
  name: "GetEncryptionConfig",
  path: "/EncryptionConfig",
  read: (body) => new RequestFields(body).result(null),
  run(_input, { account }) {
    return { EncryptionConfig: account.encryption };
  },
});

/** Applied at once (X-Ray reports `UPDATING` for a while; here there is nothing to update). */
export const putEncryptionConfig = defineOperation({
  name: "PutEncryptionConfig",
  path: "/PutEncryptionConfig",
  read(body) {
    const fields = new RequestFields(body);
    const type = fields.requiredEnum("Type", ["NONE", "KMS"] as const);
    const keyId = fields.optionalString("KeyId", MAX_KEY_ID_LENGTH);
    if (type === "NONE" && keyId !== undefined) {
      fields.problem("KeyId must be omitted when Type is NONE");
    }
    if (keyId === "") fields.problem("KeyId must not be empty");
    return fields.result({ type, keyId });
  },
  run({ type, keyId }, { account }) {
    const config: EncryptionConfig =
      type === "KMS"
        ? { KeyId: keyId ?? "alias/aws/xray", Status: "ACTIVE", Type: "KMS" }
        : { Status: "ACTIVE", Type: "NONE" };
    account.setEncryption(config);
    return { EncryptionConfig: config };
  },
});

export const getIndexingRules = defineOperation({
  name: "GetIndexingRules",
  path: "/GetIndexingRules",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ nextToken: fields.optionalString("NextToken") });
  },
  run(_input, { account }) {
    return { IndexingRules: [account.indexingRule] };
  },
});

export const updateIndexingRule = defineOperation({
  name: "UpdateIndexingRule",
  path: "/UpdateIndexingRule",
  read(body) {
    const fields = new RequestFields(body);
    const name = fields.requiredString("Name");
    const rule = new RequestFields(fields.requiredObject("Rule"));
    const probabilistic = new RequestFields(rule.requiredObject("Probabilistic"));
    const percentage = probabilistic.requiredNumber("DesiredSamplingPercentage", 0, 100);
    for (const [prefix, nested] of [
      ["Rule.", rule],
      ["Rule.Probabilistic.", probabilistic],
    ] as const) {
      const checked = nested.result(null);
      if (!checked.ok) fields.problem(`${prefix}${checked.message}`);
    }
    return fields.result({ name, percentage });
  },
  run({ name, percentage }, { account }) {
    if (name !== DEFAULT_INDEXING_RULE) {
      throw resourceNotFound(
        `no indexing rule ${JSON.stringify(name)}; the only one is ${JSON.stringify(DEFAULT_INDEXING_RULE)}`,
      );
    }
    const now = epochSeconds(Math.floor(Date.now() / 1000));
    return { IndexingRule: account.setIndexingPercentage(percentage, now) };
  },
});

export const getTraceSegmentDestination = defineOperation({
  name: "GetTraceSegmentDestination",
  path: "/GetTraceSegmentDestination",
  read: (body) => new RequestFields(body).result(null),
  run(_input, { account }) {
    return { Destination: account.destination, Status: "ACTIVE" };
  },
});

export const updateTraceSegmentDestination = defineOperation({
  name: "UpdateTraceSegmentDestination",
  path: "/UpdateTraceSegmentDestination",
  read(body) {
    const fields = new RequestFields(body);
    const destination = fields.optionalEnum("Destination", ["XRay", "CloudWatchLogs"] as const);
    return fields.result({ destination });
  },
  run({ destination }, { account }) {
    if (destination !== undefined) account.setDestination(destination);
    return { Destination: account.destination, Status: "ACTIVE" };
  },
});
