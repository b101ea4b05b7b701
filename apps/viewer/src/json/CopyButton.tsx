import { useEffect, useRef, useState } from "react";
import { copyText } from "./copy-text.ts";
import "./copy-button.css";

export interface CopyButtonProps {
  /** The text to copy, or a function giving it (for values costly to serialize). */
  text: string | (() => string);
  /** Accessible name, e.g. "Copy trace id". */
  label: string;
  /** Visible text; defaults to "Copy". */
  children?: string;
  className?: string;
  testId?: string;
}

const FEEDBACK_MS = 1500;

/** A button that copies text and says, briefly and to screen readers too, whether it worked. */
export function CopyButton({ text, label, children, className, testId }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onClick = async () => {
    const copied = await copyText(typeof text === "function" ? text() : text);
    setOutcome(copied ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOutcome(undefined), FEEDBACK_MS);
  };

  return (
    <button
      type="button"
      className={className ? `copy-button ${className}` : "copy-button"}
      aria-label={label}
      data-testid={testId}
      data-outcome={outcome}
      onClick={(event) => {
        event.stopPropagation();
        void onClick();
      }}
    >
      <span aria-live="polite">
        {outcome === "copied"
          ? "Copied"
          : outcome === "failed"
            ? "Copy failed"
            : (children ?? "Copy")}
      </span>
    </button>
  );
}
