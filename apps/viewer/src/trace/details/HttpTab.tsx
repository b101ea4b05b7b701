import type { TraceNode } from "@xray-sandbox/segments";
import { JsonTree } from "../../json/JsonTree.tsx";
import { FieldList, field } from "./FieldList.tsx";
import { objectOf, withoutKeys } from "./json-object.ts";

const REQUEST_KEYS = ["method", "url", "user_agent", "client_ip", "x_forwarded_for", "traced"];
const RESPONSE_KEYS = ["status", "content_length"];

export function HttpTab({ node }: { node: TraceNode }) {
  const http = objectOf(node.document.http);
  const request = objectOf(http.request);
  const response = objectOf(http.response);
  const other = withoutKeys(http, ["request", "response"]);
  const moreRequest = withoutKeys(request, REQUEST_KEYS);
  const moreResponse = withoutKeys(response, RESPONSE_KEYS);
  return (
    <>
      <h3 className="detail-heading">Request</h3>
      <FieldList
        fields={[
          field("Method", request.method),
          field("URL", request.url, true),
          field("User agent", request.user_agent === "" ? "(empty)" : request.user_agent),
          field("Client IP", request.client_ip, true),
          field("X-Forwarded-For", request.x_forwarded_for),
          field("Traced downstream", request.traced),
        ]}
      />
      {moreRequest && <JsonTree value={moreRequest} />}
      <h3 className="detail-heading">Response</h3>
      <FieldList
        fields={[
          field("Status", response.status),
          field("Content length", response.content_length),
        ]}
      />
      {Object.keys(response).length === 0 && (
        <p className="detail-note trace-muted">No response recorded.</p>
      )}
      {moreResponse && <JsonTree value={moreResponse} />}
      {other && (
        <>
          <h3 className="detail-heading">Other</h3>
          <JsonTree value={other} />
        </>
      )}
    </>
  );
}
