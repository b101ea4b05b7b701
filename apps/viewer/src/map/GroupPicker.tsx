import { useEffect, useId, useState } from "react";
import { DEFAULT_GROUP_NAME, listGroups } from "../groups/groups-api.ts";

interface GroupPickerProps {
  /** Undefined for `Default`. */
  value: string | undefined;
  onChange: (group: string | undefined) => void;
  testId: string;
}

/** Scopes a view to the traces of one group; `Default` holds every trace. */
export function GroupPicker({ value, onChange, testId }: GroupPickerProps) {
  const id = useId();
  const [names, setNames] = useState<string[]>([DEFAULT_GROUP_NAME]);

  useEffect(() => {
    const controller = new AbortController();
    listGroups(controller.signal).then(
      (groups) => setNames(groups.map((g) => g.GroupName)),
      () => {
        // Without the list, the picker still offers Default and the group in the URL.
      },
    );
    return () => controller.abort();
  }, []);

  const selected = value ?? DEFAULT_GROUP_NAME;
  const options = names.includes(selected) ? names : [...names, selected];
  return (
    <span className="map-field">
      <label htmlFor={id}>Group</label>
      <select
        id={id}
        value={selected}
        data-testid={testId}
        onChange={(event) => {
          const next = event.target.value;
          onChange(next === DEFAULT_GROUP_NAME ? undefined : next);
        }}
      >
        {options.map((name) => (
          <option key={name} value={name}>
            {name === DEFAULT_GROUP_NAME ? "Default (every trace)" : name}
          </option>
        ))}
      </select>
    </span>
  );
}
