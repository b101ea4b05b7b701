import { millisToSeconds, type SamplingStatisticsDocument } from "@xray-sandbox/segments";
import type { RuleChange, RuleRef } from "../sampling/sampling-rule-set.ts";
import { listPage, PAGE_SIZES } from "./list-page.ts";
import { RequestFields } from "./request-fields.ts";
import { addTags, checkTagCount, readTags } from "./resource-tags.ts";
import { invalidRequest, XRayApiError } from "./xray-api-error.ts";
import { defineOperation } from "./xray-operation.ts";

/**
 * What SDKs poll (every 5 minutes for the Node SDK): `PAGE_SIZES.samplingRules` rules a
 * page, more than the sandbox keeps, so every rule is on the first page.
 */
export const getSamplingRules = defineOperation({
  name: "GetSamplingRules",
  path: "/GetSamplingRules",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ nextToken: fields.optionalString("NextToken") });
  },
  run({ nextToken }, { sampling }) {
    const rules = sampling.fetchRules();
    const page = listPage("GetSamplingRules", "", nextToken, rules, PAGE_SIZES.samplingRules);
    return {
      SamplingRuleRecords: page.items,
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

/** What SDKs call every 10 seconds with their statistics, for their quotas. */
export const getSamplingTargets = defineOperation({
  name: "GetSamplingTargets",
  path: "/SamplingTargets",
  read(body) {
    const fields = new RequestFields(body);
    const documents = fields.requiredList("SamplingStatisticsDocuments").map((item, index) => {
      const document = readStatisticsDocument(item);
      if (!document.ok) fields.problem(`SamplingStatisticsDocuments[${index}].${document.message}`);
      return document.ok ? document.value : undefined;
    });
    return fields.result(
      documents.filter(
        (document): document is SamplingStatisticsDocument => document !== undefined,
      ),
    );
  },
  run(documents, { sampling }) {
    return sampling.fetchTargets(documents);
  },
});

export const createSamplingRule = defineOperation({
  name: "CreateSamplingRule",
  path: "/CreateSamplingRule",
  read(body) {
    const fields = new RequestFields(body);
    const rule = fields.requiredObject("SamplingRule");
    return fields.result({ rule, tags: readTags(fields, "Tags", false) });
  },
  run({ rule, tags }, { sampling, account }) {
    checkTagCount(tags);
    const record = changed(sampling.createRule(rule));
    addTags(account, record.SamplingRule.RuleARN, tags);
    return { SamplingRuleRecord: record };
  },
});

export const updateSamplingRule = defineOperation({
  name: "UpdateSamplingRule",
  path: "/UpdateSamplingRule",
  read(body) {
    const fields = new RequestFields(body);
    const update = fields.requiredObject("SamplingRuleUpdate");
    const ref = new RequestFields(update);
    const checked = ref.result<RuleRef>({
      RuleName: ref.optionalString("RuleName"),
      RuleARN: ref.optionalString("RuleARN"),
    });
    if (!checked.ok) fields.problem(`SamplingRuleUpdate.${checked.message}`);
    return fields.result({ ref: checked.ok ? checked.value : {}, update });
  },
  run({ ref, update }, { sampling }) {
    return { SamplingRuleRecord: changed(sampling.updateRule(ref, update)) };
  },
});

export const deleteSamplingRule = defineOperation({
  name: "DeleteSamplingRule",
  path: "/DeleteSamplingRule",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result<RuleRef>({
      RuleName: fields.optionalString("RuleName"),
      RuleARN: fields.optionalString("RuleARN"),
    });
  },
  run(ref, { sampling }) {
    return { SamplingRuleRecord: changed(sampling.deleteRule(ref)) };
  },
});

function readStatisticsDocument(item: unknown) {
  const fields = new RequestFields(item);
  const count = (name: string) => fields.optionalNumber(name, 0, Number.MAX_SAFE_INTEGER);
  const requiredCount = (name: string) => {
    const value = count(name);
    if (value === undefined) fields.problem(`${name} is required`);
    return value ?? 0;
  };
  return fields.result<SamplingStatisticsDocument>({
    RuleName: fields.requiredString("RuleName"),
    ClientID: fields.requiredString("ClientID"),
    RequestCount: requiredCount("RequestCount"),
    SampledCount: requiredCount("SampledCount"),
    BorrowCount: count("BorrowCount") ?? 0,
    Timestamp: fields.requiredEpochSeconds("Timestamp"),
  });
}

function changed(change: RuleChange) {
  if (change.ok) return change.record;
  if (change.error.kind === "limit") {
    throw new XRayApiError("RuleLimitExceededException", change.error.message);
  }
  throw invalidRequest(change.error.message);
}

/**
 * What SDKs reported per rule since the daemon started (X-Ray sums the last few windows; the
 * sandbox keeps totals), stamped with the rule's last report.
 */
export const getSamplingStatisticSummaries = defineOperation({
  name: "GetSamplingStatisticSummaries",
  path: "/SamplingStatisticSummaries",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ nextToken: fields.optionalString("NextToken") });
  },
  run(_input, { sampling }) {
    return {
      SamplingStatisticSummaries: sampling.rules.records().flatMap((record) => {
        const name = record.SamplingRule.RuleName;
        const totals = sampling.statistics.ruleTotals(name);
        if (totals.lastReportAt === undefined) return [];
        return [
          {
            RuleName: name,
            Timestamp: millisToSeconds(totals.lastReportAt),
            RequestCount: totals.requestCount,
            BorrowCount: totals.borrowCount,
            SampledCount: totals.sampledCount,
          },
        ];
      }),
    };
  },
});
