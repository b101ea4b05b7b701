import type { TelemetryRecordView } from "@xray-sandbox/segments";
import type { TelemetryReport } from "../telemetry/telemetry-log.ts";
import { RequestFields } from "./request-fields.ts";
import { defineOperation } from "./xray-operation.ts";

/** X-Ray's counts are 32-bit integers. */
const MAX_COUNT = 2 ** 31 - 1;
const COUNTS = [
  "SegmentsReceivedCount",
  "SegmentsSentCount",
  "SegmentsSpilloverCount",
  "SegmentsRejectedCount",
] as const;
const ERROR_COUNTS = [
  "TimeoutCount",
  "ConnectionRefusedCount",
  "HTTPCode4XXCount",
  "HTTPCode5XXCount",
  "UnknownHostCount",
  "OtherCount",
] as const;

/**
 * What the X-Ray daemon sends every minute about the segments it forwarded, and what boto3 and
 * the AWS CLI send when asked: kept per client and shown in `GET /api/stats` (`telemetry`).
 */
export const putTelemetryRecords = defineOperation({
  name: "PutTelemetryRecords",
  path: "/TelemetryRecords",
  read(body) {
    const fields = new RequestFields(body);
    const records = fields.requiredList("TelemetryRecords").map((item, index) => {
      const read = readRecord(item);
      if (!read.ok) fields.problem(`TelemetryRecords[${index}].${read.message}`);
      return read.ok ? read.value : undefined;
    });
    return fields.result<TelemetryReport>({
      records: records.filter((record): record is TelemetryRecordView => record !== undefined),
      ec2InstanceId: fields.optionalString("EC2InstanceId", 20),
      hostname: fields.optionalString("Hostname", 255),
      resourceArn: fields.optionalString("ResourceARN", 500),
    });
  },
  run(report, { telemetry }) {
    telemetry.record(report);
    return {};
  },
});

function readRecord(item: unknown) {
  const fields = new RequestFields(item);
  const record: Record<string, unknown> = { Timestamp: fields.requiredEpochSeconds("Timestamp") };
  for (const name of COUNTS) {
    const value = fields.optionalWholeNumber(name, 0, MAX_COUNT);
    if (value !== undefined) record[name] = value;
  }
  const errors = fields.optionalObject("BackendConnectionErrors");
  if (errors !== undefined) {
    const errorFields = new RequestFields(errors);
    const counts: Record<string, number> = {};
    for (const name of ERROR_COUNTS) {
      const value = errorFields.optionalWholeNumber(name, 0, MAX_COUNT);
      if (value !== undefined) counts[name] = value;
    }
    const checked = errorFields.result(counts);
    if (checked.ok) record.BackendConnectionErrors = checked.value;
    else fields.problem(`BackendConnectionErrors.${checked.message}`);
  }
  return fields.result(record as unknown as TelemetryRecordView);
}
