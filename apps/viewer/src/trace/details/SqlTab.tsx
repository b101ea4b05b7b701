import type { TraceNode } from "@xray-sandbox/segments";
import { CopyButton } from "../../json/CopyButton.tsx";
import { JsonTree } from "../../json/JsonTree.tsx";
import { FieldList, field } from "./FieldList.tsx";
import { objectOf, withoutKeys } from "./json-object.ts";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

const KNOWN = [
  "sanitized_query",
  "database_type",
  "database_version",
  "driver_version",
  "url",
  "user",
  "preparation",
  "connection_string",
];

export function SqlTab({ node }: { node: TraceNode }) {
  const sql = objectOf(node.document.sql);
  const query = typeof sql.sanitized_query === "string" ? sql.sanitized_query : undefined;
  const other = withoutKeys(sql, KNOWN);
  return (
    <>
      {query !== undefined && (
        <>
          <h3 className="detail-heading">
            Query
            <CopyButton label="Copy query" text={query} />
          </h3>
          <pre className="detail-code" data-testid={SEGMENT_DETAILS.sqlQuery}>
            <code>{query}</code>
          </pre>
        </>
      )}
      <FieldList
        fields={[
          field("Database", sql.database_type),
          field("Version", sql.database_version),
          field("Driver", sql.driver_version),
          field("URL", sql.url, true),
          field("Connection string", sql.connection_string, true),
          field("User", sql.user),
          field("Preparation", sql.preparation),
        ]}
      />
      {other && <JsonTree value={other} />}
    </>
  );
}
