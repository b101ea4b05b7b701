import { useId } from "react";
import { fieldErrorTestId } from "./SamplingRuleForm.markers.ts";

interface RuleFieldProps {
  label: string;
  /** The form control's `name`, also the key of its test id. */
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown in place of the hint, and marks the field invalid. */
  problem: string | undefined;
  hint?: string;
  disabled?: boolean;
  placeholder?: string;
  inputMode?: "numeric" | "decimal" | "text";
  /** Text after the field, e.g. a unit. */
  suffix?: string;
  testId: string;
}

/**
 * One labelled text field with its hint, or its problem in place of the hint: the input is
 * `aria-invalid` and described by whichever is shown.
 */
export function RuleField({
  label,
  name,
  value,
  onChange,
  problem,
  hint,
  disabled = false,
  placeholder,
  inputMode = "text",
  suffix,
  testId,
}: RuleFieldProps) {
  const id = useId();
  const noteId = useId();
  const note = problem ?? hint;
  return (
    <div className="rule-field">
      <label htmlFor={id}>{label}</label>
      <span className="rule-field-input">
        <input
          id={id}
          name={name}
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem !== undefined}
          aria-describedby={note === undefined ? undefined : noteId}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
        />
        {suffix !== undefined && <span className="rule-field-suffix">{suffix}</span>}
      </span>
      {note !== undefined && (
        <p
          id={noteId}
          className={problem === undefined ? "rule-field-hint" : "rule-field-error"}
          data-testid={problem === undefined ? undefined : fieldErrorTestId(testId)}
        >
          {note}
        </p>
      )}
    </div>
  );
}
