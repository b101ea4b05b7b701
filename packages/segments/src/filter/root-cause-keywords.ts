/**
 * What the keywords mean inside `rootcause.KIND.service { }`, `.entity { }` and
 * `.exception { }`: one service, entity or exception of one root cause, with its position in
 * that root cause's list (services in path order; entities over all the services' entity
 * paths, entry point first, so `last` is where the cause sits; exceptions of the root cause).
 */

import type {
  ResponseTimeRootCauseEntity,
  RootCauseEntity,
  RootCauseException,
  RootCauseServiceOf,
} from "../root-causes.ts";
import type { KeywordReaders } from "./keyword-readers.ts";

/** One element of an enumerated list: `index` from 0, `count` elements in all. */
export interface Listed<Item> {
  readonly item: Item;
  readonly index: number;
  readonly count: number;
}

export type CauseEntity = RootCauseEntity | ResponseTimeRootCauseEntity;
export type CauseService = RootCauseServiceOf<CauseEntity>;

const position = {
  first: (unit: Listed<unknown>) => unit.index === 0,
  last: (unit: Listed<unknown>) => unit.index === unit.count - 1,
};

export const CAUSE_SERVICE_READERS: KeywordReaders<Listed<CauseService>> = {
  boolean: {
    ...position,
    inferred: (unit) => unit.item.Inferred,
  },
  number: { index: (unit) => unit.index },
  string: {
    name: ({ item }) => (item.Names.includes(item.Name) ? item.Names : [item.Name, ...item.Names]),
    type: (unit) => unit.item.Type,
  },
};

export const CAUSE_ENTITY_READERS: KeywordReaders<Listed<CauseEntity>> = {
  boolean: {
    ...position,
    remote: (unit) => unit.item.Remote,
  },
  number: {
    index: (unit) => unit.index,
    coverage: ({ item }) => ("Coverage" in item ? item.Coverage : undefined),
  },
  string: { name: (unit) => unit.item.Name },
};

export const CAUSE_EXCEPTION_READERS: KeywordReaders<Listed<RootCauseException>> = {
  boolean: position,
  number: { index: (unit) => unit.index },
  string: {
    name: (unit) => unit.item.Name,
    message: (unit) => unit.item.Message,
  },
};
