import { startTransition, useEffect, useState } from "react";

/**
 * False until the browser has painted the component once, then true: what can wait (the
 * trace doctor's checks over a 10,000-node trace, say) is worked out after the first rows
 * are on screen instead of before. That work is rendered as a transition: React gives the
 * page back between components, so a key, a scroll or a click right after the first paint
 * is answered between them, not after all of it.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's callback runs just before its paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
