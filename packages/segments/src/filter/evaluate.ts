/** Turns a syntax tree into nested closures, so matching a trace never looks at the source. */

import type { AnnotationValue } from "../document.ts";
import type { TraceSummary } from "../trace.ts";
import type { FilterNode } from "./ast.ts";
import { annotationPredicate, type Predicate } from "./compare.ts";
import type { CompiledFilter } from "./compiled-filter.ts";
import { groupPredicate } from "./group-predicate.ts";
import { type KeywordReaders, keywordPredicate } from "./keyword-readers.ts";
import {
  CAUSE_ENTITY_READERS,
  CAUSE_EXCEPTION_READERS,
  CAUSE_SERVICE_READERS,
} from "./root-cause-keywords.ts";
import {
  causeEntityPredicate,
  causeExceptionPredicate,
  causeServicePredicate,
  rootCauseJsonPredicate,
} from "./root-cause-predicates.ts";
import { SCOPED_READERS } from "./scoped-keywords.ts";
import { edgePredicate, servicePredicate } from "./scoped-predicates.ts";
import { TRACE_READERS } from "./trace-keywords.ts";
import type { TraceState } from "./trace-state.ts";

type LeafNode = Exclude<FilterNode, { kind: "all" | "and" | "or" | "not" }>;

const ALWAYS = (): boolean => true;
const NEVER = (): boolean => false;

/** `self` is the filter being compiled, so that a group naming itself can be recognised. */
export function compileTracePredicate(
  ast: FilterNode,
  self: CompiledFilter,
): Predicate<TraceState> {
  return compileTree(ast, (leaf) => traceLeaf(leaf, self));
}

function compileTree<X>(node: FilterNode, leaf: (node: LeafNode) => Predicate<X>): Predicate<X> {
  switch (node.kind) {
    case "all":
      return ALWAYS;
    case "and": {
      const operands = node.operands.map((operand) => compileTree(operand, leaf));
      return (subject) => {
        for (const operand of operands) if (!operand(subject)) return false;
        return true;
      };
    }
    case "or": {
      const operands = node.operands.map((operand) => compileTree(operand, leaf));
      return (subject) => {
        for (const operand of operands) if (operand(subject)) return true;
        return false;
      };
    }
    case "not": {
      const operand = compileTree(node.operand, leaf);
      return (subject) => !operand(subject);
    }
    default:
      return leaf(node);
  }
}

function traceLeaf(node: LeafNode, self: CompiledFilter): Predicate<TraceState> {
  switch (node.kind) {
    case "keyword":
      return keywordPredicate(TRACE_READERS, node.keyword, node.comparison);
    case "annotation": {
      const key = node.key;
      return annotationPredicate(
        (state) => annotationValues(state.context.summary, key),
        node.comparison,
      );
    }
    case "service":
      return servicePredicate(node.target, node.body && compileScoped(node.body, SCOPED_READERS));
    case "edge":
      return edgePredicate(
        node.from,
        node.to,
        node.body && compileScoped(node.body, SCOPED_READERS),
      );
    case "rootcause":
      return rootCauseLeaf(node);
    case "rootcause-json":
      return rootCauseJsonPredicate(node.operator, node.patterns);
    case "group":
      return groupPredicate(node, self);
    case "trace-id": {
      const wanted = node.id.toLowerCase();
      return ({ context: { summary } }) =>
        summary.id === wanted || summary.id.toLowerCase() === wanted;
    }
  }
}

function rootCauseLeaf(node: LeafNode & { kind: "rootcause" }): Predicate<TraceState> {
  const { cause, body } = node;
  switch (node.level) {
    case "service":
      return causeServicePredicate(cause, body && compileScoped(body, CAUSE_SERVICE_READERS));
    case "entity":
      return causeEntityPredicate(cause, body && compileScoped(body, CAUSE_ENTITY_READERS));
    case "exception":
      return causeExceptionPredicate(cause, body && compileScoped(body, CAUSE_EXCEPTION_READERS));
  }
}

/** The parser allows only keywords inside braces. */
function compileScoped<X>(body: FilterNode, readers: KeywordReaders<X>): Predicate<X> {
  return compileTree(body, (leaf) =>
    leaf.kind === "keyword" ? keywordPredicate(readers, leaf.keyword, leaf.comparison) : NEVER,
  );
}

function annotationValues(
  summary: TraceSummary,
  key: string,
): readonly AnnotationValue[] | undefined {
  return Object.hasOwn(summary.annotations, key) ? summary.annotations[key] : undefined;
}
