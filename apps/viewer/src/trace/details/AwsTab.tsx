import type { TraceNode } from "@xray-sandbox/segments";
import { JsonTree } from "../../json/JsonTree.tsx";
import { type Field, FieldList, field } from "./FieldList.tsx";
import { objectOf } from "./json-object.ts";

/** Labels for the keys AWS SDK subsegments carry most; other keys show as they are named. */
const LABELS: Readonly<Record<string, string>> = {
  operation: "Operation",
  region: "Region",
  request_id: "Request ID",
  table_name: "Table",
  queue_url: "Queue URL",
  account_id: "Account",
  retries: "Retries",
  function_name: "Function",
  bucket_name: "Bucket",
  key: "Key",
  topic_arn: "Topic",
};

const MONO = new Set(["request_id", "queue_url", "topic_arn", "account_id"]);

/** The `aws` block: plain values as fields, nested ones (`xray`, `ec2`, …) as JSON trees. */
export function AwsTab({ node }: { node: TraceNode }) {
  const entries = Object.entries(objectOf(node.document.aws));
  const plain = entries.filter(([, value]) => typeof value !== "object" || value === null);
  const nested = entries.filter(([, value]) => typeof value === "object" && value !== null);
  const order = (key: string) => {
    const index = Object.keys(LABELS).indexOf(key);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  plain.sort(([a], [b]) => order(a) - order(b));
  const fields: Array<Field | undefined> = plain.map(([key, value]) =>
    field(LABELS[key] ?? key, value, MONO.has(key)),
  );
  return (
    <>
      <FieldList fields={fields} />
      {nested.map(([key, value]) => (
        <JsonTree key={key} value={value} rootLabel={key} />
      ))}
    </>
  );
}
