import type { Seconds } from "@xray-sandbox/segments";
import { type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from "react";
import { formatDuration } from "../format/duration.ts";
import type { TimelineRow } from "./build-rows.ts";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";
import {
  isFullWindow,
  panWindow,
  type TimeWindow,
  windowFromFractions,
  zoomWindow,
} from "./zoom-window.ts";

export interface MinimapProps {
  /** Every node, nothing collapsed, in display order. */
  rows: readonly TimelineRow[];
  duration: number;
  services: ReadonlyMap<string, number>;
  matches: ReadonlySet<string>;
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
  resolution: number;
}

const HEIGHT = 44;
/** A drag shorter than this share of the width is a click: it centres the window there. */
const CLICK_SHARE = 0.01;

/**
 * The whole trace in one strip, one line per node in service colours, matches of the find
 * box marked above it. Drag across it to zoom the timeline to that time; the brush (the
 * window shown) is a slider: ←/→ move it, +/- (or ↑/↓) zoom, Home shows the whole trace.
 */
export function Minimap({
  rows,
  duration,
  services,
  matches,
  window,
  onWindow,
  resolution,
}: MinimapProps) {
  const titleId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [themeVersion, setThemeVersion] = useState(0);
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();

  useEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    const observer = new ResizeObserver(() => setWidth(area.clientWidth));
    observer.observe(area);
    setWidth(area.clientWidth);
    const themeWatch = new MutationObserver(() => setThemeVersion((version) => version + 1));
    themeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    return () => {
      observer.disconnect();
      themeWatch.disconnect();
    };
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    void themeVersion;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    const context = canvas.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, HEIGHT);
    const style = getComputedStyle(canvas);
    const colours = Array.from(
      { length: 8 },
      (_, slot) => style.getPropertyValue(`--service-${slot}`).trim() || "#888",
    );
    const muted = style.getPropertyValue("--text-muted").trim() || "#888";
    const mark = style.getPropertyValue("--find-current").trim() || "#fc0";
    const scale = duration > 0 ? width / duration : 0;
    const top = 6;
    const lineHeight = Math.max(1, (HEIGHT - top) / Math.max(1, rows.length));
    rows.forEach((row, index) => {
      const slot = row.segmentName === undefined ? undefined : services.get(row.segmentName);
      context.fillStyle = slot === undefined ? muted : (colours[slot] ?? muted);
      const y = top + Math.floor(index * ((HEIGHT - top) / Math.max(1, rows.length)));
      context.fillRect(
        row.start * scale,
        y,
        Math.max(1, (row.end - row.start) * scale),
        Math.min(lineHeight, 4),
      );
      if (matches.has(row.id)) {
        context.fillStyle = mark;
        context.fillRect(Math.max(0, row.start * scale - 1), 0, 3, top - 1);
      }
    });
  }, [rows, duration, services, matches, width, themeVersion]);

  const fractionAt = (event: PointerEvent<HTMLDivElement>): number => {
    const box = event.currentTarget.getBoundingClientRect();
    return box.width > 0 ? Math.max(0, Math.min(1, (event.clientX - box.left) / box.width)) : 0;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = fractionAt(event);
    setDrag({ from: at, to: at });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    setDrag({ from: drag.from, to: fractionAt(event) });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const to = fractionAt(event);
    setDrag(undefined);
    if (Math.abs(to - drag.from) < CLICK_SHARE) {
      const width = window.to - window.from;
      const centre = to * duration;
      onWindow(panWindow({ from: centre - width / 2, to: centre + width / 2 }, 0, duration));
    } else {
      onWindow(windowFromFractions(drag.from, to, duration));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    let next: TimeWindow | undefined;
    switch (event.key) {
      case "ArrowLeft":
        next = panWindow(window, -0.25, duration);
        break;
      case "ArrowRight":
        next = panWindow(window, 0.25, duration);
        break;
      case "ArrowUp":
      case "+":
      case "=":
        next = zoomWindow(window, 0.5, duration);
        break;
      case "ArrowDown":
      case "-":
        next = zoomWindow(window, 2, duration);
        break;
      case "Home":
      case "0":
        next = { from: 0, to: duration };
        break;
      default:
        return;
    }
    event.preventDefault();
    onWindow(next);
  };

  const shown = drag ? windowFromFractions(drag.from, drag.to, duration) : window;
  const left = duration > 0 ? (shown.from / duration) * 100 : 0;
  const right = duration > 0 ? 100 - (shown.to / duration) * 100 : 0;
  const full = isFullWindow(window, duration);
  const time = (seconds: number) => formatDuration(seconds as Seconds, resolution);
  const describe = `Showing ${time(window.from)} to ${time(window.to)} of ${time(duration)}`;

  return (
    <div className="trace-minimap" data-testid={TRACE_TOOLS.minimap}>
      <div className="trace-minimap-controls">
        <span className="trace-minimap-title" id={titleId}>
          Overview
        </span>
        <span className="trace-minimap-range">{full ? "whole trace" : describe}</span>
        <button
          type="button"
          onClick={() => onWindow(zoomWindow(window, 0.5, duration))}
          data-testid={TRACE_TOOLS.zoomIn}
          aria-label="Zoom in the time axis"
        >
          +
        </button>
        <button
          type="button"
          onClick={() => onWindow(zoomWindow(window, 2, duration))}
          disabled={full}
          data-testid={TRACE_TOOLS.zoomOut}
          aria-label="Zoom out the time axis"
        >
          −
        </button>
        <button
          type="button"
          onClick={() => onWindow({ from: 0, to: duration })}
          disabled={full}
          data-testid={TRACE_TOOLS.zoomReset}
        >
          Show all
        </button>
      </div>
      <div
        ref={areaRef}
        className="trace-minimap-area"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(undefined)}
      >
        <canvas ref={canvasRef} className="trace-minimap-canvas" style={{ height: HEIGHT }} />
        <div
          className="trace-minimap-shade"
          aria-hidden="true"
          style={{ left: 0, width: `${left}%` }}
        />
        <div
          className="trace-minimap-shade"
          aria-hidden="true"
          style={{ right: 0, width: `${right}%` }}
        />
        <div
          className="trace-minimap-brush"
          role="slider"
          tabIndex={0}
          aria-labelledby={titleId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(
            duration > 0 ? ((window.from + window.to) / 2 / duration) * 100 : 0,
          )}
          aria-valuetext={`${describe}. Arrow keys move, plus and minus zoom, Home shows all.`}
          data-testid={TRACE_TOOLS.brush}
          style={{ left: `${left}%`, right: `${right}%` }}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}
