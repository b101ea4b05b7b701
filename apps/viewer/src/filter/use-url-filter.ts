import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { combineFilter } from "./combine-filter.ts";

export interface UrlFilter {
  /** `?filter=`: the expression typed in the filter bar; "" for none. */
  readonly filter: string;
  /** `?group=`: a group whose traces the view is narrowed to. */
  readonly group: string | undefined;
  /** Both as one expression (`group.name = "g" AND (filter)`); null for every trace. */
  readonly combined: string | null;
  setFilter(filter: string): void;
  setGroup(group: string | undefined): void;
}

/** The view's filter lives in the URL, so that it survives reloads and can be shared. */
export function useUrlFilter(): UrlFilter {
  const [params, setParams] = useSearchParams();
  const filter = params.get("filter") ?? "";
  const group = params.get("group") || undefined;
  const combined = useMemo(() => combineFilter(group, filter), [group, filter]);

  const update = useCallback(
    (name: "filter" | "group", value: string | undefined) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      }),
    [setParams],
  );
  const setFilter = useCallback((value: string) => update("filter", value.trim()), [update]);
  const setGroup = useCallback((value: string | undefined) => update("group", value), [update]);

  return { filter, group, combined, setFilter, setGroup };
}
