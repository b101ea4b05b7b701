/**
 * Resource policies (`PutResourcePolicy`, `ListResourcePolicies`, `DeleteResourcePolicy`):
 * kept and checked as X-Ray does (a JSON document of at most 5 KB, at most 5 policies,
 * revision ids for optimistic locking); the sandbox enforces none of them.
 */

import { epochSeconds } from "@xray-sandbox/segments";
import { ACCOUNT_BOUNDS, type ResourcePolicy } from "./account-state.ts";
import { RequestFields } from "./request-fields.ts";
import { resourceNotFound, XRayApiError } from "./xray-api-error.ts";
import { defineOperation } from "./xray-operation.ts";

const MAX_POLICY_NAME_LENGTH = 128;
const POLICY_NAME = /^[\w+=,.@-]+$/;

export const putResourcePolicy = defineOperation({
  name: "PutResourcePolicy",
  path: "/PutResourcePolicy",
  read(body) {
    const fields = new RequestFields(body);
    const name = fields.requiredString("PolicyName", MAX_POLICY_NAME_LENGTH);
    if (name !== "" && !POLICY_NAME.test(name)) {
      fields.problem("PolicyName may hold letters, digits and +=,.@-_ only");
    }
    const document = fields.requiredString("PolicyDocument");
    const revision = fields.optionalString("PolicyRevisionId");
    fields.optionalBoolean("BypassPolicyLockoutCheck");
    return fields.result({ name, document, revision });
  },
  run({ name, document, revision }, { account }) {
    const bytes = Buffer.byteLength(document, "utf8");
    if (bytes > ACCOUNT_BOUNDS.maxPolicyBytes) {
      throw new XRayApiError(
        "PolicySizeLimitExceededException",
        `the policy document is ${bytes} bytes; at most ${ACCOUNT_BOUNDS.maxPolicyBytes} are allowed`,
      );
    }
    const problem = documentProblem(document);
    if (problem !== undefined) throw new XRayApiError("MalformedPolicyDocumentException", problem);
    const existing = account.policies.get(name);
    checkRevision(name, existing, revision);
    if (existing === undefined && account.policies.size >= ACCOUNT_BOUNDS.maxResourcePolicies) {
      throw new XRayApiError(
        "PolicyCountLimitExceededException",
        `the account already has ${account.policies.size} resource policies, the most X-Ray allows; delete one first`,
      );
    }
    const policy: ResourcePolicy = {
      PolicyName: name,
      PolicyDocument: document,
      PolicyRevisionId: account.nextRevisionId(),
      LastUpdatedTime: epochSeconds(Date.now() / 1000),
    };
    account.policies.set(name, policy);
    return { ResourcePolicy: policy };
  },
});

export const listResourcePolicies = defineOperation({
  name: "ListResourcePolicies",
  path: "/ListResourcePolicies",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ nextToken: fields.optionalString("NextToken") });
  },
  run(_input, { account }) {
    return { ResourcePolicies: [...account.policies.values()] };
  },
});

export const deleteResourcePolicy = defineOperation({
  name: "DeleteResourcePolicy",
  path: "/DeleteResourcePolicy",
  read(body) {
    const fields = new RequestFields(body);
    const name = fields.requiredString("PolicyName", MAX_POLICY_NAME_LENGTH);
    return fields.result({ name, revision: fields.optionalString("PolicyRevisionId") });
  },
  run({ name, revision }, { account }) {
    const existing = account.policies.get(name);
    if (existing === undefined) {
      throw resourceNotFound(`no resource policy named ${JSON.stringify(name)}`);
    }
    checkRevision(name, existing, revision);
    account.policies.delete(name);
    return {};
  },
});

/** A revision id given must be the policy's current one; none given always matches. */
function checkRevision(
  name: string,
  existing: ResourcePolicy | undefined,
  revision: string | undefined,
): void {
  if (revision === undefined) return;
  if (existing === undefined || existing.PolicyRevisionId !== revision) {
    throw new XRayApiError(
      "InvalidPolicyRevisionIdException",
      existing === undefined
        ? `PolicyRevisionId ${JSON.stringify(revision)} given, but there is no policy named ${JSON.stringify(name)} yet`
        : `PolicyRevisionId ${JSON.stringify(revision)} is not the current revision of ${JSON.stringify(name)} (${existing.PolicyRevisionId})`,
    );
  }
}

function documentProblem(document: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch (error) {
    return `the policy document is not JSON: ${(error as Error).message}`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return "the policy document must be a JSON object";
  }
  if (!("Statement" in parsed)) return "the policy document has no Statement";
  return undefined;
}
