import { explanationOf, type ProblemCode, SDK_LABELS, type SdkName } from "@xray-sandbox/segments";
import { useState } from "react";
import { DOCTOR } from "./Doctor.markers.ts";
import "./doctor.css";

/**
 * The trace doctor's explanation of a rejected datagram's reason: a disclosure with why the
 * daemon (and X-Ray) drops such a datagram and how to fix it in each SDK.
 */
export function RejectionExplanation({ code }: { code: ProblemCode | undefined }) {
  const [open, setOpen] = useState(false);
  if (code === undefined) return null;
  const explanation = explanationOf(code);
  // The text is rendered once opened: a table of many rejections stays light, and its rows'
  // text stays what the datagrams said.
  return (
    <details
      className="problem-other-fixes"
      data-testid={DOCTOR.rejectionWhy}
      data-code={code}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Why, and how to fix it</summary>
      {open && (
        <>
          <p className="problem-why">{explanation.why}</p>
          <dl>
            {(Object.entries(explanation.fix) as [SdkName, string][]).map(([sdk, text]) => (
              <div key={sdk}>
                <dt>{SDK_LABELS[sdk]}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </details>
  );
}
