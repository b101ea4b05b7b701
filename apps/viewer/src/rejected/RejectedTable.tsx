import type { RejectionSample } from "@xray-sandbox/segments";
import { RejectionExplanation } from "../doctor/RejectionExplanation.tsx";
import { formatBytes } from "../format/bytes.ts";
import { TimeAgo } from "../sampling/TimeAgo.tsx";
import { REJECTED } from "./RejectedPage.markers.ts";
import { explainReason } from "./rejection-reasons.ts";

interface RejectedTableProps {
  rejections: readonly RejectionSample[];
  now: number;
}

/** One row per kept rejection, newest first; previews are shown as text, never as markup. */
export function RejectedTable({ rejections, now }: RejectedTableProps) {
  return (
    <table className="rejected-table" data-testid={REJECTED.table}>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">From</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Reason</th>
          <th scope="col">Message</th>
          <th scope="col">Start of the datagram</th>
        </tr>
      </thead>
      <tbody>
        {rejections.map((rejection) => (
          <tr
            key={`${rejection.receivedAt}\n${rejection.from}\n${rejection.size}\n${rejection.reason}\n${rejection.preview}`}
            data-testid={REJECTED.row}
            data-reason={rejection.reason}
          >
            <td className="rejected-when">
              <TimeAgo iso={rejection.receivedAt} now={now} />
            </td>
            <td>
              <code>{rejection.from}</code>
            </td>
            <td className="num">{formatBytes(rejection.size)}</td>
            <td>
              <span
                className={`rejected-reason rejected-reason-${rejection.reason}`}
                title={explainReason(rejection.reason).meaning}
              >
                {rejection.reason}
              </span>
            </td>
            <td className="rejected-message">
              {rejection.message}
              <RejectionExplanation code={rejection.code} />
            </td>
            <td>
              <pre className="rejected-preview" data-testid={REJECTED.preview}>
                {rejection.preview}
              </pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
