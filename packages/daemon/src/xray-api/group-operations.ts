import type { InsightsConfiguration } from "@xray-sandbox/segments";
import type { GroupChange, GroupRef } from "../groups/group-registry.ts";
import { listPage, PAGE_SIZES } from "./list-page.ts";
import { RequestFields } from "./request-fields.ts";
import { addTags, checkTagCount, readTags } from "./resource-tags.ts";
import { invalidRequest } from "./xray-api-error.ts";
import { defineOperation } from "./xray-operation.ts";

export const createGroup = defineOperation({
  name: "CreateGroup",
  path: "/CreateGroup",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({
      GroupName: fields.requiredString("GroupName"),
      FilterExpression: fields.optionalString("FilterExpression"),
      InsightsConfiguration: readInsights(fields),
      Tags: readTags(fields, "Tags", false),
    });
  },
  run({ Tags, ...input }, { groups, account }) {
    checkTagCount(Tags);
    const group = changed(groups.create(input));
    addTags(account, group.GroupARN, Tags);
    return { Group: group };
  },
});

export const getGroup = defineOperation({
  name: "GetGroup",
  path: "/GetGroup",
  read: readGroupRef,
  run(ref, { groups }) {
    const group = groups.find(ref);
    if (group === undefined) throw invalidRequest("Group not found");
    return { Group: group };
  },
});

/** The groups, `Default` first, `PAGE_SIZES.groups` a page. */
export const getGroups = defineOperation({
  name: "GetGroups",
  path: "/Groups",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ nextToken: fields.optionalString("NextToken") });
  },
  run({ nextToken }, { groups }) {
    const page = listPage("GetGroups", "", nextToken, groups.list(), PAGE_SIZES.groups);
    return {
      Groups: page.items,
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

export const updateGroup = defineOperation({
  name: "UpdateGroup",
  path: "/UpdateGroup",
  read(body) {
    const fields = new RequestFields(body);
    const ref = groupRef(fields);
    const update = {
      FilterExpression: fields.optionalString("FilterExpression"),
      InsightsConfiguration: readInsights(fields),
    };
    return fields.result({ ref, update });
  },
  run({ ref, update }, { groups }) {
    return { Group: changed(groups.update(ref, update)) };
  },
});

export const deleteGroup = defineOperation({
  name: "DeleteGroup",
  path: "/DeleteGroup",
  read: readGroupRef,
  run(ref, { groups }) {
    changed(groups.delete(ref));
    return {};
  },
});

function readGroupRef(body: unknown) {
  const fields = new RequestFields(body);
  return fields.result(groupRef(fields));
}

function groupRef(fields: RequestFields): GroupRef {
  return {
    GroupName: fields.optionalString("GroupName"),
    GroupARN: fields.optionalString("GroupARN"),
  };
}

function readInsights(fields: RequestFields): Partial<InsightsConfiguration> | undefined {
  const value = fields.optionalObject("InsightsConfiguration");
  if (value === undefined) return undefined;
  const insights = new RequestFields(value);
  const enabled = insights.optionalBoolean("InsightsEnabled");
  const notifications = insights.optionalBoolean("NotificationsEnabled");
  const checked = insights.result(null);
  if (!checked.ok) fields.problem(`InsightsConfiguration.${checked.message}`);
  return {
    ...(enabled === undefined ? {} : { InsightsEnabled: enabled }),
    ...(notifications === undefined ? {} : { NotificationsEnabled: notifications }),
  };
}

function changed(change: GroupChange) {
  if (!change.ok) throw invalidRequest(change.error.message);
  return change.group;
}
