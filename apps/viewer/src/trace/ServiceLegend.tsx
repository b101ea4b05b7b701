import { Explain } from "../explain/Explain.tsx";
import { TIMELINE } from "./Timeline.markers.ts";

export interface ServiceLegendProps {
  /** Colour slot per service. */
  services: ReadonlyMap<string, number>;
  showCritical: boolean;
}

/** How many services the legend names before it says how many more there are. */
const SHOWN_SERVICES = 8;

/** What the bar colours and marks mean: one colour per service, status and path as marks. */
export function ServiceLegend({ services, showCritical }: ServiceLegendProps) {
  const entries = [...services];
  const shown = entries.slice(0, SHOWN_SERVICES);
  return (
    <span className="timeline-legend" data-testid={TIMELINE.legend}>
      <span className="legend-services">
        {shown.map(([service, slot]) => (
          <span key={service} className={`legend-item legend-service service-${slot}`}>
            {service}
          </span>
        ))}
        {entries.length > shown.length && (
          <span className="legend-more">+{entries.length - shown.length} more services</span>
        )}
      </span>
      <span className="legend-item legend-fault">fault / error mark</span>
      {showCritical && <span className="legend-item legend-critical">critical path</span>}
      <span className="legend-item legend-progress">in progress</span>
      <Explain topic="timeline-bars" />
    </span>
  );
}
