import type { AnnotationValue, TraceNode } from "@xray-sandbox/segments";
import { Link } from "react-router";
import { Explain } from "../../explain/Explain.tsx";
import { annotationFilter } from "./annotation-filter.ts";
import { SEGMENT_DETAILS } from "./SegmentDetails.markers.ts";

/** Annotations with their type, and a link to the traces that share each value. */
export function AnnotationsTab({ node }: { node: TraceNode }) {
  const annotations: unknown = node.document.annotations;
  const entries =
    typeof annotations === "object" && annotations !== null ? Object.entries(annotations) : [];
  return (
    <>
      <p className="detail-note">
        Indexed values you can filter traces by.
        <Explain topic="annotations-vs-metadata" />
      </p>
      <table className="detail-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Type</th>
            <th scope="col">
              <span className="visually-hidden">Find traces</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, value]) => {
            const filter = isAnnotationValue(value) ? annotationFilter(key, value) : undefined;
            return (
              <tr key={key} data-testid={SEGMENT_DETAILS.annotation} data-key={key}>
                <th scope="row" className="trace-mono">
                  {key}
                </th>
                <td className={`trace-mono detail-value-${typeof value}`}>
                  {typeof value === "string" ? value : JSON.stringify(value)}
                </td>
                <td className="trace-muted">
                  {isAnnotationValue(value) ? typeof value : `${typeof value} (not allowed)`}
                </td>
                <td>
                  {filter && (
                    <Link to={`/?filter=${encodeURIComponent(filter)}`} title={filter}>
                      traces with this value
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function isAnnotationValue(value: unknown): value is AnnotationValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
