import type { Shown } from "./sent-time.ts";
import { WARNED } from "./Warned.markers.ts";
import "./warned.css";

/** A value, and when it comes with a warning, a mark whose tooltip (and accessible name) says why. */
export function Warned({ shown }: { shown: Shown }) {
  if (shown.warning === undefined) return <>{shown.text}</>;
  return (
    <span className="warned" data-testid={WARNED.mark} title={shown.warning}>
      {shown.text}
      <span className="warned-mark" role="img" aria-label={`warning: ${shown.warning}`}>
        ⚠
      </span>
    </span>
  );
}
