import { type FilterError, parseFilter } from "@xray-sandbox/segments";
import { useId } from "react";
import { underlineParts } from "../filter/filter-underline.ts";
import { GROUP_FORM } from "./GroupForm.markers.ts";

interface FilterExpressionFieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** The parser's verdict on `value`; undefined when it reads. */
export function filterExpressionError(value: string): FilterError | undefined {
  const parsed = parseFilter(value);
  return parsed.ok ? undefined : parsed.error;
}

/**
 * A filter expression, checked as it is typed: the part the parser stopped at is underlined
 * below the field, with what it expected there.
 */
export function FilterExpressionField({ value, onChange }: FilterExpressionFieldProps) {
  const id = useId();
  const errorId = useId();
  const hintId = useId();
  const error = filterExpressionError(value);
  const excerpt = error === undefined ? undefined : underlineParts(value, error);
  return (
    <div className="group-field">
      <label htmlFor={id}>Filter expression</label>
      <textarea
        id={id}
        name="filter"
        className="group-filter-input"
        value={value}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={'service("checkout") { fault } AND responsetime > 1'}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? hintId : `${errorId} ${hintId}`}
        data-testid={GROUP_FORM.filter}
        onChange={(event) => onChange(event.target.value)}
      />
      {error !== undefined && excerpt !== undefined && (
        <div className="group-filter-error" id={errorId} data-testid={GROUP_FORM.filterError}>
          <pre className="group-filter-excerpt" aria-hidden="true">
            {excerpt.before}
            <mark
              className={excerpt.insertion ? "group-filter-mark at-end" : "group-filter-mark"}
              data-testid={GROUP_FORM.filterErrorMark}
            >
              {excerpt.insertion ? "  " : excerpt.marked}
            </mark>
            {excerpt.after}
          </pre>
          <p>
            {error.message}
            {error.expected.length > 0 && (
              <>
                {"; expected "}
                {error.expected.map((word, index) => (
                  <span key={word}>
                    {index > 0 && ", "}
                    <code>{word}</code>
                  </span>
                ))}
              </>
            )}
          </p>
        </div>
      )}
      <p className="group-hint" id={hintId}>
        The same language as the trace list's filter. Empty matches every trace.
      </p>
    </div>
  );
}
