import { RequestFields } from "./request-fields.ts";
import {
  addTags,
  checkTaggable,
  readTagKeys,
  readTags,
  removeTags,
  tagsOf,
} from "./resource-tags.ts";
import { defineOperation } from "./xray-operation.ts";

/** ARNs of groups and sampling rules are well under this. */
const MAX_ARN_LENGTH = 1011;

export const tagResource = defineOperation({
  name: "TagResource",
  path: "/TagResource",
  read(body) {
    const fields = new RequestFields(body);
    const arn = fields.requiredString("ResourceARN", MAX_ARN_LENGTH);
    return fields.result({ arn, tags: readTags(fields, "Tags", true) });
  },
  run({ arn, tags }, deps) {
    checkTaggable(deps, arn);
    addTags(deps.account, arn, tags);
    return {};
  },
});

export const untagResource = defineOperation({
  name: "UntagResource",
  path: "/UntagResource",
  read(body) {
    const fields = new RequestFields(body);
    const arn = fields.requiredString("ResourceARN", MAX_ARN_LENGTH);
    return fields.result({ arn, keys: readTagKeys(fields, "TagKeys") });
  },
  run({ arn, keys }, deps) {
    checkTaggable(deps, arn);
    removeTags(deps.account, arn, keys);
    return {};
  },
});

/** Every tag in one page: a resource holds at most 50. */
export const listTagsForResource = defineOperation({
  name: "ListTagsForResource",
  path: "/ListTagsForResource",
  read(body) {
    const fields = new RequestFields(body);
    const arn = fields.requiredString("ResourceARN", MAX_ARN_LENGTH);
    return fields.result({ arn, nextToken: fields.optionalString("NextToken") });
  },
  run({ arn }, deps) {
    checkTaggable(deps, arn);
    return { Tags: tagsOf(deps.account, arn) };
  },
});
