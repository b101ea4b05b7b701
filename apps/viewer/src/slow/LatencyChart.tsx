import type { LatencyBin, Seconds, TraceDistributionBody, TraceId } from "@xray-sandbox/segments";
import { memo, type PointerEvent, useLayoutEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { formatCount } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { formatTimeOfDay } from "../format/time.ts";
import {
  barRects,
  binAt,
  binRange,
  type ChartBox,
  labelledBins,
  logTimeScale,
  timeX,
  xOfTime,
} from "./chart-geometry.ts";
import { LATENCY_CHART } from "./LatencyChart.markers.ts";
import "./latency-chart.css";

export type ChartMode = "histogram" | "scatter";

export interface LatencyChartProps {
  readonly distribution: TraceDistributionBody | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
  /** A brushed (or chosen) range of response times, in seconds. */
  readonly onBrush: (min: number, max: number) => void;
}

const HEIGHT = 132;
const seconds = (value: number) => formatDuration(value as Seconds);

/**
 * The response-time distribution of every kept trace the list's filter and time range
 * select: a histogram (log-spaced bins) or response time over time. Dragging across bars, or
 * up and down the scatter, narrows the list to that range; each bar is also a button.
 * Re-renders only when its props change (not with every change to the list beside it).
 */
export const LatencyChart = memo(function LatencyChart({
  distribution,
  loading,
  error,
  onBrush,
}: LatencyChartProps) {
  const [mode, setMode] = useState<ChartMode>("histogram");
  const wrapper = useRef<HTMLDivElement>(null);
  const width = useWidth(wrapper);
  const box: ChartBox = { width, height: HEIGHT, left: 56, bottom: 20, top: 6 };

  return (
    <section className="latency-chart" data-testid={LATENCY_CHART.root} aria-label="Response times">
      <div className="latency-head">
        <Summary distribution={distribution} loading={loading} />
        <fieldset className="latency-modes">
          <legend className="visually-hidden">Chart</legend>
          <button
            type="button"
            className="toolbar-button"
            aria-pressed={mode === "histogram"}
            data-testid={LATENCY_CHART.histogramMode}
            onClick={() => setMode("histogram")}
          >
            Histogram
          </button>
          <button
            type="button"
            className="toolbar-button"
            aria-pressed={mode === "scatter"}
            data-testid={LATENCY_CHART.scatterMode}
            onClick={() => setMode("scatter")}
          >
            Over time
          </button>
        </fieldset>
      </div>
      {error && (
        <p className="latency-error" role="alert" data-testid={LATENCY_CHART.error}>
          Could not load the response times: {error}
        </p>
      )}
      <div ref={wrapper} className="latency-plot-wrap">
        {distribution && distribution.timed > 0 && width > 0 ? (
          mode === "histogram" ? (
            <Histogram distribution={distribution} box={box} onBrush={onBrush} />
          ) : (
            <Scatter distribution={distribution} box={box} onBrush={onBrush} />
          )
        ) : (
          <p className="latency-empty" data-testid={LATENCY_CHART.empty}>
            {loading || !distribution
              ? "Loading response times…"
              : "No finished request in this selection yet: response times show here as traces arrive."}
          </p>
        )}
      </div>
    </section>
  );
});

function Summary({
  distribution,
  loading,
}: {
  distribution: TraceDistributionBody | undefined;
  loading: boolean;
}) {
  if (!distribution) return <span className="latency-summary">{loading ? "Loading…" : ""}</span>;
  const { percentiles, total, timed, scanned } = distribution;
  return (
    <span className="latency-summary" data-testid={LATENCY_CHART.summary} aria-live="off">
      {percentiles && (
        <>
          <span>
            p50 <strong>{seconds(percentiles.p50)}</strong>
          </span>
          <span>
            p90 <strong>{seconds(percentiles.p90)}</strong>
          </span>
          <span>
            p99 <strong>{seconds(percentiles.p99)}</strong>
          </span>
        </>
      )}
      <span className="latency-count">
        {formatCount(timed)} of {formatCount(total)} matching timed
        {scanned !== total && ` · ${formatCount(scanned)} kept`}
      </span>
    </span>
  );
}

function useWidth(element: { readonly current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    setWidth(node.clientWidth || 600);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/** Drag state shared by both modes: where the pointer went down and where it is. */
function useDrag<T>() {
  const [drag, setDrag] = useState<{ start: T; end: T } | undefined>();
  return { drag, setDrag };
}

function localX(event: PointerEvent<SVGSVGElement>): { x: number; y: number } {
  const rect = event.currentTarget.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

function Histogram({
  distribution,
  box,
  onBrush,
}: {
  distribution: TraceDistributionBody;
  box: ChartBox;
  onBrush: (min: number, max: number) => void;
}) {
  const bins = distribution.bins;
  const rects = barRects(bins, box);
  const { drag, setDrag } = useDrag<number>();
  // The bar that takes Tab: the slowest bin with traces until the user moves.
  const slowestFilled = bins.reduce((last, bin, i) => (bin.count > 0 ? i : last), 0);
  const [focused, setCurrent] = useState<number | undefined>();
  const current = focused !== undefined && focused < bins.length ? focused : slowestFilled;
  const selected = drag && {
    low: Math.min(drag.start, drag.end),
    high: Math.max(drag.start, drag.end),
  };
  const finish = () => {
    if (!drag) return;
    const range = binRange(bins, drag.start, drag.end);
    setDrag(undefined);
    if (range) onBrush(range.min, range.max);
  };
  const plotBottom = box.height - box.bottom;
  const marks = distribution.percentiles
    ? (["p50", "p90", "p99"] as const).map((name, i) => ({
        name,
        x: xOfTime(bins, distribution.percentiles?.[name] ?? 0, box),
        // Stacked, so that marks on one spot keep readable names.
        y: box.top + 10 + i * 12,
      }))
    : [];
  return (
    // biome-ignore lint/a11y/useSemanticElements: the plot groups its bars; a <fieldset> cannot live in SVG
    <svg
      className="latency-plot"
      data-testid={LATENCY_CHART.plot}
      width={box.width}
      height={box.height}
      role="group"
      aria-label={`Histogram of ${formatCount(distribution.timed)} response times; drag across bars, or move between them with the arrow keys and press Enter on one, to narrow the list`}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        const bin = binAt(localX(event).x, bins.length, box);
        event.currentTarget.setPointerCapture?.(event.pointerId);
        setDrag({ start: bin, end: bin });
      }}
      onPointerMove={(event) => {
        if (drag) setDrag({ ...drag, end: binAt(localX(event).x, bins.length, box) });
      }}
      onPointerUp={finish}
      onPointerCancel={() => setDrag(undefined)}
    >
      <line
        className="latency-axis"
        x1={box.left}
        x2={box.width - 8}
        y1={plotBottom}
        y2={plotBottom}
      />
      {rects.map((rect, i) => {
        const bin = bins[i] as LatencyBin;
        const inBrush = selected !== undefined && i >= selected.low && i <= selected.high;
        const label = `${formatCount(bin.count)} ${bin.count === 1 ? "trace" : "traces"} from ${seconds(bin.from)} to ${seconds(bin.to)}`;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; it acts as one
          <g
            key={`${bin.from}-${bin.to}`}
            role="button"
            // One tab stop for the whole histogram: arrows move between bars.
            tabIndex={i === current ? 0 : -1}
            aria-label={label}
            className={`latency-bar${inBrush ? " latency-bar-brushed" : ""}`}
            data-testid={LATENCY_CHART.bar}
            data-from={bin.from}
            data-to={bin.to}
            data-count={bin.count}
            onFocus={() => setCurrent(i)}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                onBrush(bin.from, bin.to);
                return;
              }
              const next = nextBar(event.key, i, bins.length);
              if (next === undefined) return;
              event.preventDefault();
              const bars =
                event.currentTarget.parentElement?.querySelectorAll<SVGGElement>(".latency-bar");
              bars?.[next]?.focus();
            }}
          >
            <title>{label}</title>
            {/* The whole column takes the pointer, so that thin bars are easy to hit. */}
            <rect
              className="latency-bar-hit"
              x={rect.x}
              y={box.top}
              width={rect.width}
              height={plotBottom - box.top}
            />
            <rect
              className="latency-bar-fill"
              x={rect.x + 0.5}
              y={rect.y}
              width={Math.max(1, rect.width - 1)}
              height={rect.height}
            />
          </g>
        );
      })}
      {marks.map((mark) => (
        <g key={mark.name} className="latency-mark">
          <line x1={mark.x} x2={mark.x} y1={box.top} y2={plotBottom} />
          <text
            x={mark.x > box.width - 40 ? mark.x - 3 : mark.x + 3}
            y={mark.y}
            textAnchor={mark.x > box.width - 40 ? "end" : "start"}
          >
            {mark.name}
          </text>
        </g>
      ))}
      {labelledBins(bins.length, Math.max(2, Math.floor((box.width - box.left) / 90))).map(
        (edge) => {
          const x = box.left + (edge * (box.width - box.left - 8)) / bins.length;
          const value = edge < bins.length ? bins[edge]?.from : bins.at(-1)?.to;
          return (
            <text
              key={edge}
              className="latency-label"
              x={x}
              y={box.height - 5}
              textAnchor={edge === 0 ? "start" : edge === bins.length ? "end" : "middle"}
            >
              {value === undefined ? "" : seconds(value)}
            </text>
          );
        },
      )}
      <text className="latency-label" x={4} y={box.top + 10}>
        {formatCount(Math.max(0, ...bins.map((bin) => bin.count)))}
      </text>
    </svg>
  );
}

/** The bar an arrow, Home or End moves to from `index`; undefined for other keys. */
export function nextBar(key: string, index: number, count: number): number | undefined {
  if (key === "ArrowRight" || key === "ArrowUp") return Math.min(count - 1, index + 1);
  if (key === "ArrowLeft" || key === "ArrowDown") return Math.max(0, index - 1);
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return undefined;
}

function Scatter({
  distribution,
  box,
  onBrush,
}: {
  distribution: TraceDistributionBody;
  box: ChartBox;
  onBrush: (min: number, max: number) => void;
}) {
  const navigate = useNavigate();
  const points = distribution.points;
  const scale = logTimeScale(points, box);
  const x = timeX(points, box);
  const { drag, setDrag } = useDrag<number>();
  const plotBottom = box.height - box.bottom;
  const finish = () => {
    if (!drag) return;
    setDrag(undefined);
    if (Math.abs(drag.start - drag.end) < 3) return;
    const a = scale.seconds(drag.start);
    const b = scale.seconds(drag.end);
    onBrush(Math.min(a, b), Math.max(a, b));
  };
  const ticks = [scale.min, Math.sqrt(scale.min * scale.max), scale.max];
  const first = points[0]?.receivedAt;
  const last = points.at(-1)?.receivedAt;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the plot groups its bars; a <fieldset> cannot live in SVG
    <svg
      className="latency-plot"
      data-testid={LATENCY_CHART.plot}
      width={box.width}
      height={box.height}
      role="group"
      aria-label={`Response time over time, ${formatCount(points.length)} of ${formatCount(distribution.timed)} traces${distribution.pointsSampled ? " (the slowest, and a spread of the rest)" : ""}; drag up or down to narrow the list to a range`}
      onPointerDown={(event) => {
        if (event.button !== 0 || event.target instanceof SVGCircleElement) return;
        const { y } = localX(event);
        event.currentTarget.setPointerCapture?.(event.pointerId);
        setDrag({ start: y, end: y });
      }}
      onPointerMove={(event) => {
        if (drag) setDrag({ ...drag, end: localX(event).y });
      }}
      onPointerUp={finish}
      onPointerCancel={() => setDrag(undefined)}
    >
      <line
        className="latency-axis"
        x1={box.left}
        x2={box.width - 8}
        y1={plotBottom}
        y2={plotBottom}
      />
      {drag && (
        <rect
          className="latency-brush"
          x={box.left}
          width={box.width - box.left - 8}
          y={Math.min(drag.start, drag.end)}
          height={Math.abs(drag.end - drag.start)}
        />
      )}
      {points.map((point) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut to the trace; keyboard users reach it through the list, which the chart narrows
        <circle
          key={point.traceId}
          className={`latency-point latency-point-${point.outcome}`}
          data-testid={LATENCY_CHART.point}
          data-trace-id={point.traceId}
          cx={x(point.receivedAt)}
          cy={scale.y(point.responseTime)}
          r={3}
          onClick={() => navigate(`/traces/${point.traceId as TraceId}`)}
        >
          <title>{`${seconds(point.responseTime)} · ${point.outcome} · ${formatTimeOfDay(point.receivedAt)}`}</title>
        </circle>
      ))}
      {ticks.map((tick) => (
        <text key={tick} className="latency-label" x={4} y={scale.y(tick) + 4}>
          {seconds(tick)}
        </text>
      ))}
      {first !== undefined && last !== undefined && (
        <>
          <text className="latency-label" x={box.left} y={box.height - 5}>
            {formatTimeOfDay(first)}
          </text>
          <text className="latency-label" x={box.width - 8} y={box.height - 5} textAnchor="end">
            {formatTimeOfDay(last)}
          </text>
        </>
      )}
    </svg>
  );
}
