import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { createPortal } from "react-dom";
import { EXPLAIN } from "./Explain.markers.ts";
import { EXPLANATIONS, type ExplainTopic } from "./explanations.ts";
import "./explain.css";

export interface ExplainProps {
  topic: ExplainTopic;
  /** Accessible name of the button; defaults to "Explain: <title>". */
  label?: string;
}

const POPOVER_WIDTH = 340;
const MARGIN = 8;

/**
 * A small "?" button that opens a short explanation of `topic` next to it. Enter or Space
 * opens and closes it, Escape closes it, so does a click anywhere else. The text is
 * announced to screen readers when it opens.
 */
export function Explain({ topic, label }: ExplainProps) {
  const explanation = EXPLANATIONS[topic];
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ left: number; top: number } | undefined>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const popoverId = useId();

  const close = useCallback(() => setOpen(false), []);

  useLayoutEffect(() => {
    if (!open) return;
    const rect = buttonRef.current?.getBoundingClientRect();
    if (!rect) return;
    const width = Math.min(POPOVER_WIDTH, window.innerWidth - 2 * MARGIN);
    const left = Math.max(MARGIN, Math.min(rect.left, window.innerWidth - width - MARGIN));
    const height = popoverRef.current?.offsetHeight ?? 0;
    const below = rect.bottom + 6;
    const preferred =
      below + height > window.innerHeight && rect.top > height ? rect.top - height - 6 : below;
    // A note taller than the room on either side stays within the window (it scrolls inside).
    const top = Math.max(MARGIN, Math.min(preferred, window.innerHeight - height - MARGIN));
    setPosition({ left, top });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (buttonRef.current?.contains(target) || popoverRef.current?.contains(target)) return;
      close();
    };
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") close();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("resize", close);
    window.addEventListener("scroll", close, true);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("resize", close);
      window.removeEventListener("scroll", close, true);
    };
  }, [open, close]);

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="explain-button"
        data-testid={EXPLAIN.button}
        data-topic={topic}
        aria-label={label ?? `Explain: ${explanation.title}`}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        onClick={(event) => {
          event.stopPropagation();
          setOpen((value) => !value);
        }}
        onKeyDown={onButtonKeyDown}
      >
        ?
      </button>
      {open &&
        createPortal(
          <div
            ref={popoverRef}
            id={popoverId}
            className="explain-popover"
            data-testid={EXPLAIN.popover}
            data-topic={topic}
            role="status"
            style={
              position
                ? { left: position.left, top: position.top }
                : { left: 0, top: 0, visibility: "hidden" }
            }
          >
            <strong className="explain-title">{explanation.title}</strong>
            {explanation.body.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
