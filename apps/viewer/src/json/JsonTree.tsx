import { useState } from "react";
import { CopyButton } from "./CopyButton.tsx";
import { JSON_TREE } from "./JsonTree.markers.ts";
import {
  childEntries,
  containerPreview,
  isContainer,
  jsonKind,
  primitiveText,
  toJsonText,
} from "./json-value.ts";
import "./json-tree.css";

export interface JsonTreeProps {
  value: unknown;
  /** The root's name (a metadata namespace, say). Without it the root's children are the top level. */
  rootLabel?: string;
  /** How many levels start open; the rest start collapsed. Default 2. */
  expandDepth?: number;
  testId?: string;
}

/** Children shown before a "show more" button. */
const CHILD_PAGE = 100;
/** Strings longer than this start cut, with a button to show them whole. */
const LONG_STRING = 240;

/**
 * A collapsible view of any JSON value. Every string is rendered as text, never as markup;
 * each value has a button to copy it as JSON.
 */
export function JsonTree({ value, rootLabel, expandDepth = 2, testId }: JsonTreeProps) {
  const rootChildren = rootLabel === undefined && isContainer(value);
  return (
    <div className="json-tree" data-testid={testId ?? JSON_TREE.root}>
      {rootChildren ? (
        <JsonChildren value={value} path="" depth={0} expandDepth={expandDepth} />
      ) : (
        <ul className="json-list">
          <JsonNode name={rootLabel} value={value} path="" depth={0} expandDepth={expandDepth} />
        </ul>
      )}
    </div>
  );
}

interface NodeProps {
  name: string | undefined;
  value: unknown;
  path: string;
  depth: number;
  expandDepth: number;
}

function JsonNode({ name, value, path, depth, expandDepth }: NodeProps) {
  const container = isContainer(value);
  const empty = container && childEntries(value).length === 0;
  const [open, setOpen] = useState(depth < expandDepth);
  const copyLabel = `Copy ${name ?? "value"} as JSON`;

  if (!container || empty) {
    return (
      <li className="json-node" data-testid={JSON_TREE.node} data-path={path}>
        <div className="json-line">
          {name !== undefined && <span className="json-key">{name}</span>}
          {name !== undefined && <span className="json-colon">: </span>}
          <JsonPrimitive value={value} />
          <CopyButton
            className="json-copy"
            testId={JSON_TREE.copy}
            label={copyLabel}
            text={() => toJsonText(value)}
          />
        </div>
      </li>
    );
  }

  return (
    <li className="json-node" data-testid={JSON_TREE.node} data-path={path}>
      <div className="json-line">
        <button
          type="button"
          className="json-toggle"
          data-testid={JSON_TREE.toggle}
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
        >
          <span className="json-caret" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          <span className="json-key">{name ?? "(value)"}</span>
        </button>
        <span className="json-colon">: </span>
        <span className="json-preview">{containerPreview(value)}</span>
        <CopyButton
          className="json-copy"
          testId={JSON_TREE.copy}
          label={copyLabel}
          text={() => toJsonText(value)}
        />
      </div>
      {open && (
        <JsonChildren value={value} path={path} depth={depth + 1} expandDepth={expandDepth} />
      )}
    </li>
  );
}

interface ChildrenProps {
  value: unknown;
  path: string;
  depth: number;
  expandDepth: number;
}

function JsonChildren({ value, path, depth, expandDepth }: ChildrenProps) {
  const [shown, setShown] = useState(CHILD_PAGE);
  const entries = childEntries(value);
  const rest = entries.length - shown;
  return (
    <ul className="json-list">
      {entries.slice(0, shown).map(([key, child]) => (
        <JsonNode
          key={key}
          name={key}
          value={child}
          path={path === "" ? key : `${path}.${key}`}
          depth={depth}
          expandDepth={expandDepth}
        />
      ))}
      {rest > 0 && (
        <li className="json-node">
          <button
            type="button"
            className="json-more"
            data-testid={JSON_TREE.more}
            onClick={() => setShown((count) => count + CHILD_PAGE)}
          >
            Show {Math.min(rest, CHILD_PAGE)} more of {rest}
          </button>
        </li>
      )}
    </ul>
  );
}

function JsonPrimitive({ value }: { value: unknown }) {
  const [whole, setWhole] = useState(false);
  const kind = jsonKind(value);
  if (isContainer(value)) {
    return <span className="json-value json-empty">{containerPreview(value)}</span>;
  }
  const text = primitiveText(value);
  if (kind !== "string" || text.length <= LONG_STRING || whole) {
    return <span className={`json-value json-${kind}`}>{text}</span>;
  }
  return (
    <>
      <span className={`json-value json-${kind}`}>{text.slice(0, LONG_STRING)}…</span>
      <button type="button" className="json-more" onClick={() => setWhole(true)}>
        show all {text.length} characters
      </button>
    </>
  );
}
