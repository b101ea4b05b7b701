import type { SegmentDocument, SubsegmentDocument } from "@xray-sandbox/segments";
import { causeOf } from "./exceptions.ts";

export type DetailTab =
  | "overview"
  | "annotations"
  | "metadata"
  | "exceptions"
  | "http"
  | "sql"
  | "aws"
  | "raw";

export interface DetailTabInfo {
  readonly id: DetailTab;
  readonly label: string;
  /** How many entries the tab lists, where counting helps (annotations, namespaces, exceptions). */
  readonly count: number | undefined;
  /** False when the node has nothing to show there: the tab stays visible but disabled. */
  readonly enabled: boolean;
}

type NodeDocument = SegmentDocument | SubsegmentDocument;

const TAB_IDS: readonly DetailTab[] = [
  "overview",
  "annotations",
  "metadata",
  "exceptions",
  "http",
  "sql",
  "aws",
  "raw",
];

/** A tab named in a URL, or Overview when the name is not a tab. */
export function detailTabOf(name: string | null | undefined): DetailTab {
  return TAB_IDS.find((id) => id === name) ?? "overview";
}

/** The detail tabs in order, each saying whether `document` has data for it. */
export function detailTabs(document: NodeDocument): DetailTabInfo[] {
  const annotations = keyCount(document.annotations);
  const metadata = keyCount(document.metadata);
  const cause = causeOf(document);
  const exceptions =
    cause.kind === "exceptions" ? cause.exceptions.length : cause.kind === "reference" ? 1 : 0;
  return [
    { id: "overview", label: "Overview", count: undefined, enabled: true },
    { id: "annotations", label: "Annotations", count: annotations, enabled: annotations > 0 },
    { id: "metadata", label: "Metadata", count: metadata, enabled: metadata > 0 },
    { id: "exceptions", label: "Exceptions", count: exceptions, enabled: cause.kind !== "none" },
    { id: "http", label: "HTTP", count: undefined, enabled: keyCount(document.http) > 0 },
    { id: "sql", label: "SQL", count: undefined, enabled: keyCount(document.sql) > 0 },
    { id: "aws", label: "AWS", count: undefined, enabled: keyCount(document.aws) > 0 },
    { id: "raw", label: "Raw JSON", count: undefined, enabled: true },
  ];
}

/** Own keys of a plain object; 0 for anything else. */
function keyCount(value: unknown): number {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return 0;
  return Object.keys(value).length;
}
