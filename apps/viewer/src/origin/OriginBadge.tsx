import type { OriginChannel } from "@xray-sandbox/segments";
import { ORIGIN } from "./Origin.markers.ts";
import { ORIGIN_DISPLAY } from "./origin-labels.ts";
import "./origin.css";

export interface OriginBadgeProps {
  channel: OriginChannel;
  /** Shows the short code at every width (the label stays in the tooltip and for screen readers). */
  compact?: boolean;
}

/**
 * Where a trace's documents came from: `X-Ray SDK`, `OTLP/HTTP`... At phone width (or when
 * `compact`) it shows a short code; screen readers hear "sent by ..." either way, and the
 * tooltip as its description.
 */
export function OriginBadge({ channel, compact = false }: OriginBadgeProps) {
  const display = ORIGIN_DISPLAY[channel];
  return (
    <span
      className={`origin-badge origin-${display.family}${compact ? " origin-badge-compact" : ""}`}
      data-testid={ORIGIN.badge}
      data-channel={channel}
      role="img"
      aria-label={display.sentBy}
      title={display.title}
    >
      <span className="origin-badge-label" aria-hidden="true" data-testid={ORIGIN.label}>
        {display.label}
      </span>
      <span className="origin-badge-short" aria-hidden="true" data-testid={ORIGIN.short}>
        {display.short}
      </span>
    </span>
  );
}

export interface OriginBadgesProps {
  channels: readonly OriginChannel[];
  /**
   * Documents made from unsampled spans; a marker shows when above 0. `"all"`: the whole
   * trace is (a trace list row knows no count).
   */
  unsampled?: number | "all";
  compact?: boolean;
}

/** Every channel of a trace, in the order given (mixed traces show each). */
export function OriginBadges({ channels, unsampled = 0, compact = false }: OriginBadgesProps) {
  return (
    <span className="origin-badges" data-testid={ORIGIN.badges}>
      {channels.map((channel) => (
        <OriginBadge key={channel} channel={channel} compact={compact} />
      ))}
      {(unsampled === "all" || unsampled > 0) && (
        <span
          className="origin-unsampled"
          data-testid={ORIGIN.unsampled}
          data-count={unsampled}
          title={`${unsampledSubject(unsampled)} sent unsampled (ADOT T1U datagrams): the service did not sample this request`}
        >
          unsampled
          <span className="origin-sr">: {unsampledSubject(unsampled)} sent unsampled</span>
        </span>
      )}
    </span>
  );
}

function unsampledSubject(unsampled: number | "all"): string {
  if (unsampled === "all") return "every span was";
  return unsampled === 1 ? "1 span was" : `${unsampled} spans were`;
}
