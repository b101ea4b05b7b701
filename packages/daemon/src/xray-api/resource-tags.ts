/**
 * Tags on groups and sampling rules (`TagResource`, `UntagResource`, `ListTagsForResource`,
 * and `Tags` on `CreateGroup` / `CreateSamplingRule`), checked by X-Ray's rules: keys of 1-128
 * characters not starting with `aws:`, values of at most 256, at most 50 tags a resource.
 */

import { ACCOUNT_BOUNDS, type XRayAccountState } from "./account-state.ts";
import { RequestFields } from "./request-fields.ts";
import { resourceNotFound, XRayApiError } from "./xray-api-error.ts";
import type { XRayApiDeps } from "./xray-operation.ts";

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 256;
/** Tags or tag keys in one request. */
const MAX_LIST_LENGTH = 200;
const RESERVED_PREFIX = "aws:";

/** Reads `name` as a list of `{Key, Value}`; problems go to `fields`, prefixed by the index. */
export function readTags(fields: RequestFields, name: string, required: boolean): Tag[] {
  const items = required ? fields.requiredList(name) : (fields.optionalList(name) ?? []);
  if (items.length > MAX_LIST_LENGTH)
    fields.problem(`${name} must hold at most ${MAX_LIST_LENGTH} tags`);
  const tags: Tag[] = [];
  items.forEach((item, index) => {
    const tag = new RequestFields(item);
    const key = tag.requiredString("Key", MAX_KEY_LENGTH);
    const value = tag.requiredString("Value", MAX_VALUE_LENGTH);
    const checked = tag.result({ Key: key, Value: value });
    if (!checked.ok) {
      fields.problem(`${name}[${index}].${checked.message}`);
      return;
    }
    const problem = keyProblem(key);
    if (problem !== undefined) fields.problem(`${name}[${index}].Key ${problem}`);
    tags.push(checked.value);
  });
  return tags;
}

export function readTagKeys(fields: RequestFields, name: string): string[] {
  const keys = fields.requiredStringList(name);
  if (keys.length > MAX_LIST_LENGTH)
    fields.problem(`${name} must hold at most ${MAX_LIST_LENGTH} keys`);
  keys.forEach((key, index) => {
    const problem = keyProblem(key);
    if (problem !== undefined) fields.problem(`${name}[${index}] ${problem}`);
  });
  return keys;
}

/** For a resource about to be created: refuses more tags than one resource may hold. */
export function checkTagCount(tags: readonly Tag[]): void {
  const keys = new Set(tags.map((tag) => tag.Key)).size;
  if (keys > ACCOUNT_BOUNDS.maxTagsPerResource) {
    throw new XRayApiError(
      "TooManyTagsException",
      `${keys} tags given; a resource holds at most ${ACCOUNT_BOUNDS.maxTagsPerResource}`,
    );
  }
}

/** The resource's tags after adding `tags`; refused whole when it would pass the bound. */
export function addTags(account: XRayAccountState, arn: string, tags: readonly Tag[]): void {
  const current = new Map(account.tags.get(arn));
  for (const { Key, Value } of tags) current.set(Key, Value);
  if (current.size > ACCOUNT_BOUNDS.maxTagsPerResource) {
    throw new XRayApiError(
      "TooManyTagsException",
      `${arn} would have ${current.size} tags; a resource holds at most ${ACCOUNT_BOUNDS.maxTagsPerResource}`,
    );
  }
  if (current.size === 0) account.tags.delete(arn);
  else account.tags.set(arn, current);
  if (tags.length > 0) account.tagsChanged();
}

export function removeTags(account: XRayAccountState, arn: string, keys: readonly string[]): void {
  const current = account.tags.get(arn);
  if (current === undefined) return;
  for (const key of keys) current.delete(key);
  if (current.size === 0) account.tags.delete(arn);
  account.tagsChanged();
}

export function tagsOf(account: XRayAccountState, arn: string): Tag[] {
  return [...(account.tags.get(arn) ?? [])].map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Refuses an ARN that names no group or sampling rule the daemon holds, and forgets the
 * tags of resources that are gone, so deleted resources do not keep tags around.
 */
export function checkTaggable(deps: XRayApiDeps, arn: string): void {
  const known = taggableArns(deps);
  let forgot = false;
  for (const tagged of deps.account.tags.keys()) {
    if (!known.has(tagged) && deps.account.tags.delete(tagged)) forgot = true;
  }
  if (forgot) deps.account.tagsChanged();
  if (!known.has(arn)) {
    throw resourceNotFound(`no group or sampling rule has the ARN ${JSON.stringify(arn)}`);
  }
}

function taggableArns({ groups, sampling }: XRayApiDeps): Set<string> {
  return new Set([
    ...groups.list().map((group) => group.GroupARN),
    ...sampling.rules.records().map((record) => record.SamplingRule.RuleARN),
  ]);
}

/** Why `key` cannot be a tag key; undefined when it can. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return `must be 1 to ${MAX_KEY_LENGTH} characters`;
  }
  if (key.toLowerCase().startsWith(RESERVED_PREFIX)) {
    return `must not start with "${RESERVED_PREFIX}" (reserved for AWS)`;
  }
  return undefined;
}
