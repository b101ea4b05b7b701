import { explanationOf, type ProblemCode, SDK_LABELS, type SdkName } from "@xray-sandbox/segments";
import { DOCTOR } from "./Doctor.markers.ts";
import "./doctor.css";

/**
 * The trace doctor's explanation of a rejected datagram's reason: a disclosure with why the
 * daemon (and X-Ray) drops such a datagram and how to fix it in each SDK.
 */
export function RejectionExplanation({ code }: { code: ProblemCode | undefined }) {
  if (code === undefined) return null;
  const explanation = explanationOf(code);
  return (
    <details className="problem-other-fixes" data-testid={DOCTOR.rejectionWhy} data-code={code}>
      <summary>Why, and how to fix it</summary>
      <p className="problem-why">{explanation.why}</p>
      <dl>
        {(Object.entries(explanation.fix) as [SdkName, string][]).map(([sdk, text]) => (
          <div key={sdk}>
            <dt>{SDK_LABELS[sdk]}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
