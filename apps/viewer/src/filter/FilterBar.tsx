import { parseFilter } from "@xray-sandbox/segments";
import {
  type KeyboardEvent,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { FILTER_BAR } from "./FilterBar.markers.ts";
import { underlineParts } from "./filter-underline.ts";
import { applyCompletion, type Completion, completionAt } from "./keyword-completion.ts";
import {
  browserStorage,
  loadRecentFilters,
  type RecentStorage,
  rememberFilter,
  saveRecentFilters,
} from "./recent-filters.ts";
import "./filter-bar.css";

export interface FilterBarProps {
  /** The filter in force; the bar shows it, and shows it again after Escape. */
  value: string;
  /** A valid filter (or "" for none) the user applied with Enter, Apply or Clear. */
  onSubmit: (filter: string) => void;
  /** Accessible name of the input. */
  label?: string;
  placeholder?: string;
  /** Where recent filters are kept; the browser's localStorage by default. */
  storage?: RecentStorage;
  inputRef?: Ref<HTMLInputElement>;
}

type Suggestions =
  | { readonly kind: "keyword"; readonly completion: Completion }
  | { readonly kind: "recent"; readonly items: readonly string[] };

const PLACEHOLDER =
  'e.g. fault AND http.url CONTAINS "/cart"  or  service("api") { responsetime > 1 }';

/**
 * An X-Ray filter expression input. Checks the expression as it is typed and underlines
 * where it goes wrong, with the parser's message below; Enter applies a valid one. Arrow
 * Down opens the filters used recently; typing a keyword offers completions (Tab takes one).
 */
export function FilterBar({
  value,
  onSubmit,
  label = "Filter expression",
  placeholder = PLACEHOLDER,
  storage,
  inputRef,
}: FilterBarProps) {
  const [draft, setDraft] = useState(value);
  const [suggestions, setSuggestions] = useState<Suggestions | undefined>();
  const [highlight, setHighlight] = useState(-1);
  const store = useMemo(() => storage ?? browserStorage(), [storage]);
  const input = useRef<HTMLInputElement | null>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const caretAfterRender = useRef<number | undefined>(undefined);
  const ids = { input: useId(), message: useId(), list: useId() };

  useEffect(() => setDraft(value), [value]);

  const parsed = useMemo(() => (draft.trim() === "" ? undefined : parseFilter(draft)), [draft]);
  const error = parsed && !parsed.ok ? parsed.error : undefined;
  const parts = error ? underlineParts(draft, error) : undefined;
  const items =
    suggestions?.kind === "keyword"
      ? suggestions.completion.candidates
      : (suggestions?.items ?? []);
  const open = items.length > 0;

  const syncScroll = useCallback(() => {
    if (input.current && mirror.current) mirror.current.scrollLeft = input.current.scrollLeft;
  }, []);

  useEffect(() => {
    const caret = caretAfterRender.current;
    if (caret === undefined || !input.current) return;
    caretAfterRender.current = undefined;
    input.current.setSelectionRange(caret, caret);
    syncScroll();
  });

  const setInput = useCallback(
    (element: HTMLInputElement | null) => {
      input.current = element;
      if (typeof inputRef === "function") inputRef(element);
      else if (inputRef) inputRef.current = element;
    },
    [inputRef],
  );

  const close = () => {
    setSuggestions(undefined);
    setHighlight(-1);
  };

  const submit = (text: string) => {
    const trimmed = text.trim();
    if (trimmed !== "" && !parseFilter(trimmed).ok) return;
    if (trimmed !== "") saveRecentFilters(store, rememberFilter(loadRecentFilters(store), trimmed));
    close();
    setDraft(trimmed);
    onSubmit(trimmed);
  };

  const choose = (index: number) => {
    if (!suggestions) return;
    if (suggestions.kind === "recent") {
      const picked = suggestions.items[index];
      if (picked !== undefined) submit(picked);
      return;
    }
    const candidate = suggestions.completion.candidates[index];
    if (candidate === undefined) return;
    const { text, caret } = applyCompletion(draft, suggestions.completion, candidate);
    setDraft(text);
    caretAfterRender.current = caret;
    close();
  };

  const openRecent = () => {
    const recent = loadRecentFilters(store);
    if (recent.length === 0) return;
    setSuggestions({ kind: "recent", items: recent });
    setHighlight(0);
  };

  const onChange = (text: string, caret: number) => {
    setDraft(text);
    const completion = completionAt(text, caret);
    setSuggestions(completion ? { kind: "keyword", completion } : undefined);
    setHighlight(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openRecent();
        else setHighlight((index) => (index + 1) % items.length);
        return;
      case "ArrowUp":
        if (!open) return;
        event.preventDefault();
        setHighlight((index) => (index <= 0 ? items.length - 1 : index - 1));
        return;
      case "Tab":
        if (suggestions?.kind !== "keyword" || event.shiftKey) return;
        event.preventDefault();
        choose(Math.max(0, highlight));
        return;
      case "Enter":
        event.preventDefault();
        if (open && highlight >= 0) choose(highlight);
        else submit(draft);
        return;
      case "Escape":
        if (open) close();
        else setDraft(value);
        event.preventDefault();
        return;
    }
  };

  const optionId = (index: number) => `${ids.list}-${index}`;

  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too recent for some browsers (and for happy-dom); a form with role search works everywhere
    <form
      className={`filter-bar${open ? " filter-bar-suggesting" : ""}`}
      role="search"
      data-testid={FILTER_BAR.root}
      onSubmit={(event) => {
        event.preventDefault();
        submit(draft);
      }}
    >
      <label htmlFor={ids.input} className="filter-label">
        Filter
      </label>
      <div className={`filter-field${error ? " filter-field-invalid" : ""}`}>
        <div className="filter-mirror" ref={mirror} aria-hidden="true">
          {parts ? (
            <>
              {parts.before}
              {parts.insertion ? (
                <span className="filter-insertion" data-testid={FILTER_BAR.underline} />
              ) : (
                <mark className="filter-underline" data-testid={FILTER_BAR.underline}>
                  {parts.marked}
                </mark>
              )}
              {parts.after}
            </>
          ) : (
            draft
          )}
        </div>
        <input
          ref={setInput}
          id={ids.input}
          className="filter-input"
          data-testid={FILTER_BAR.input}
          type="text"
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={ids.list}
          aria-autocomplete="list"
          aria-activedescendant={open && highlight >= 0 ? optionId(highlight) : undefined}
          aria-invalid={error !== undefined}
          aria-describedby={ids.message}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={placeholder}
          value={draft}
          onChange={(event) =>
            onChange(event.target.value, event.target.selectionStart ?? event.target.value.length)
          }
          onKeyDown={onKeyDown}
          onScroll={syncScroll}
          onSelect={syncScroll}
          onBlur={close}
        />
        <div
          id={ids.list}
          className="filter-suggestions"
          data-testid={FILTER_BAR.suggestions}
          role="listbox"
          aria-label={suggestions?.kind === "recent" ? "Recent filters" : "Completions"}
          hidden={!open}
        >
          {items.map((item, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys reach the options through the combobox input, which keeps focus
            // biome-ignore lint/a11y/useFocusableInteractive: the input points at the highlighted option with aria-activedescendant
            <div
              key={item}
              id={optionId(index)}
              role="option"
              aria-selected={index === highlight}
              className="filter-suggestion"
              data-testid={FILTER_BAR.suggestion}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              {item}
            </div>
          ))}
        </div>
      </div>
      <button type="submit" className="filter-button" data-testid={FILTER_BAR.apply}>
        Apply
      </button>
      {value !== "" && (
        <button
          type="button"
          className="filter-button"
          data-testid={FILTER_BAR.clear}
          onClick={() => submit("")}
        >
          Clear
        </button>
      )}
      <p
        id={ids.message}
        className="filter-message"
        data-testid={FILTER_BAR.error}
        aria-live="polite"
      >
        {error ? error.message : ""}
      </p>
    </form>
  );
}
