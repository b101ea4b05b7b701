import { type FormEvent, useId, useRef, useState } from "react";
import { FilterExpressionField, filterExpressionError } from "./FilterExpressionField.tsx";
import { GROUP_FORM } from "./GroupForm.markers.ts";
import { groupNameProblem, MAX_GROUP_NAME_LENGTH } from "./group-name.ts";
import type { XRayGroup } from "./groups-api.ts";

interface GroupFormProps {
  /** The group to edit; its name cannot change. Undefined to create one. */
  group?: XRayGroup;
  /** Saves the group; a rejection's message is shown in the form. */
  onSave: (name: string, filterExpression: string) => Promise<void>;
  onCancel: () => void;
}

/** Create or edit a group: a name and a filter expression, both checked as they are typed. */
export function GroupForm({ group, onSave, onCancel }: GroupFormProps) {
  const nameId = useId();
  const nameErrorId = useId();
  const editing = group !== undefined;
  const [name, setName] = useState(group?.GroupName ?? "");
  const [filter, setFilter] = useState(group?.FilterExpression ?? "");
  const [nameTouched, setNameTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);

  const nameProblem = editing ? undefined : groupNameProblem(name);
  const showNameProblem = nameProblem !== undefined && (nameTouched || name !== "");
  const filterInvalid = filterExpressionError(filter) !== undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNameTouched(true);
    if (nameProblem !== undefined || filterInvalid) {
      const field = formRef.current?.elements.namedItem(nameProblem ? "name" : "filter");
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setSaving(true);
    setServerError(undefined);
    try {
      await onSave(name, filter);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="form-card group-form"
      data-testid={GROUP_FORM.root}
      aria-label={editing ? `Edit group ${group.GroupName}` : "New group"}
      onSubmit={submit}
      noValidate
    >
      <h2>{editing ? `Edit ${group.GroupName}` : "New group"}</h2>
      <div className="group-field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          name="name"
          value={name}
          maxLength={MAX_GROUP_NAME_LENGTH * 2}
          disabled={editing}
          autoComplete="off"
          spellCheck={false}
          placeholder="checkout-faults"
          aria-invalid={showNameProblem}
          aria-describedby={showNameProblem ? nameErrorId : undefined}
          data-testid={GROUP_FORM.name}
          onChange={(event) => setName(event.target.value)}
          onBlur={() => setNameTouched(true)}
        />
        {showNameProblem ? (
          <p className="group-field-error" id={nameErrorId} data-testid={GROUP_FORM.nameError}>
            {nameProblem}
          </p>
        ) : (
          <p className="group-hint">
            {editing
              ? "A group keeps its name; create a new one to rename it."
              : `Up to ${MAX_GROUP_NAME_LENGTH} letters, digits and dashes.`}
          </p>
        )}
      </div>
      <FilterExpressionField value={filter} onChange={setFilter} />
      {serverError !== undefined && (
        <p className="group-server-error" role="alert" data-testid={GROUP_FORM.serverError}>
          The daemon refused the group: {serverError}
        </p>
      )}
      <div className="group-form-actions">
        <button
          type="submit"
          className="action-button primary"
          disabled={saving}
          data-testid={GROUP_FORM.submit}
        >
          {saving ? "Saving…" : editing ? "Save" : "Create group"}
        </button>
        <button
          type="button"
          className="action-button"
          onClick={onCancel}
          data-testid={GROUP_FORM.cancel}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
