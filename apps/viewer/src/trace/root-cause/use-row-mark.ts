import { useEffect } from "react";
import { cssString } from "./describe-root-cause.ts";

/**
 * Marks the timeline row `rowId` as the root cause (a bar on its left edge and a "root cause"
 * badge after its name, in the colour of `kind`) for as long as the caller is mounted. The
 * rule goes in a constructed style sheet: the viewer's Content-Security-Policy refuses inline
 * `<style>`, and rows the timeline renders later (it renders only those in view) get it too.
 */
export function useRowMark(rowId: string | undefined, kind: "fault" | "error"): void {
  useEffect(() => {
    if (rowId === undefined || !canAdoptSheets()) return;
    const row = `.timeline-row[data-id="${cssString(rowId)}"]`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `${row} { box-shadow: inset 3px 0 0 var(--${kind}); }
${row} .timeline-name::after { content: "root cause"; flex: none; margin-left: auto; padding: 0 5px; border: 1px solid var(--${kind}); border-radius: 8px; color: var(--${kind}); font-size: 10px; line-height: 14px; }`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [rowId, kind]);
}

function canAdoptSheets(): boolean {
  return (
    typeof CSSStyleSheet !== "undefined" &&
    "replaceSync" in CSSStyleSheet.prototype &&
    Array.isArray(document.adoptedStyleSheets)
  );
}
