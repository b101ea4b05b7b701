import type { ImportProgress } from "@xray-sandbox/segments";
import { countOf, formatCount } from "../format/count.ts";

/** What the progress bar shows: 0..100 within the phase, and the phase in words. */
export interface ImportBarState {
  readonly percent: number;
  readonly text: string;
}

const MIB = 1024 * 1024;

/** `size`: the file's bytes, as the browser knows them. */
export function importBarState(progress: ImportProgress | null, size: number): ImportBarState {
  if (progress === null) return { percent: 0, text: "Sending…" };
  switch (progress.phase) {
    case "receiving":
      return {
        percent: size > 0 ? Math.min(100, Math.floor((progress.bytesReceived / size) * 100)) : 0,
        text: `Receiving and checking: ${(progress.bytesReceived / MIB).toFixed(1)} of ${(size / MIB).toFixed(1)} MiB, ${countOf(progress.linesChecked, "line")} checked`,
      };
    case "checking":
      return { percent: 100, text: "Checking…" };
    case "applying": {
      const total = progress.documentsTotal ?? 0;
      return {
        percent: total > 0 ? Math.floor((progress.documentsApplied / total) * 100) : 100,
        text: `Storing ${formatCount(progress.documentsApplied)} of ${countOf(total, "document")}`,
      };
    }
    case "done":
      return { percent: 100, text: "Done" };
    case "failed":
      return { percent: 100, text: "Failed" };
  }
}
