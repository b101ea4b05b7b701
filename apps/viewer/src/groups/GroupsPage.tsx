import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { GroupForm } from "./GroupForm.tsx";
import { GROUPS } from "./GroupsPage.markers.ts";
import {
  createGroup,
  DEFAULT_GROUP_NAME,
  deleteGroup,
  listGroups,
  updateGroup,
  type XRayGroup,
} from "./groups-api.ts";
import "./groups.css";

type Editing =
  | { readonly kind: "none" }
  | { readonly kind: "new" }
  | { readonly kind: "edit"; readonly name: string };

/** `/groups`: named filter expressions, as X-Ray keeps them, with links to their traces and map. */
export function GroupsPage() {
  const [groups, setGroups] = useState<XRayGroup[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [confirming, setConfirming] = useState<string | undefined>(undefined);

  const reload = useCallback(async (signal?: AbortSignal) => {
    try {
      const list = await listGroups(signal);
      setGroups(list);
      setError(undefined);
    } catch (caught) {
      if (signal?.aborted) return;
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  const save = async (name: string, filter: string) => {
    if (editing.kind === "edit") await updateGroup(name, filter);
    else await createGroup(name, filter);
    setEditing({ kind: "none" });
    await reload();
  };

  const remove = async (name: string) => {
    try {
      await deleteGroup(name);
      setConfirming(undefined);
      await reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  const editedGroup =
    editing.kind === "edit" ? groups?.find((g) => g.GroupName === editing.name) : undefined;

  return (
    <main className="groups-page" data-testid={GROUPS.root}>
      <header className="groups-header">
        <div>
          <h1>Groups</h1>
          <p className="groups-intro">
            A group is a name for a filter expression. Its traces are the ones the expression
            matches; the trace list and the service map can show one group at a time. Default holds
            every trace.
          </p>
        </div>
        <button
          type="button"
          className="action-button primary"
          data-testid={GROUPS.create}
          disabled={editing.kind === "new"}
          onClick={() => setEditing({ kind: "new" })}
        >
          New group
        </button>
      </header>
      {error !== undefined && (
        <p className="groups-error" role="alert" data-testid={GROUPS.error}>
          {error}
        </p>
      )}
      {editing.kind === "new" && (
        <GroupForm onSave={save} onCancel={() => setEditing({ kind: "none" })} />
      )}
      {editedGroup !== undefined && (
        <GroupForm
          key={editedGroup.GroupName}
          group={editedGroup}
          onSave={save}
          onCancel={() => setEditing({ kind: "none" })}
        />
      )}
      {groups === undefined ? (
        error === undefined && <p className="groups-muted">Loading groups…</p>
      ) : (
        <table className="groups-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Filter expression</th>
              <th scope="col">
                <span className="groups-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <GroupRow
                key={group.GroupARN}
                group={group}
                confirming={confirming === group.GroupName}
                onEdit={() => setEditing({ kind: "edit", name: group.GroupName })}
                onAskDelete={() => setConfirming(group.GroupName)}
                onCancelDelete={() => setConfirming(undefined)}
                onDelete={() => void remove(group.GroupName)}
              />
            ))}
          </tbody>
        </table>
      )}
      {groups !== undefined && groups.length <= 1 && editing.kind === "none" && (
        <p className="groups-muted">
          Only Default so far. Create a group to keep a filter you use often, for instance{" "}
          <code>fault</code> or{" "}
          <code>
            service("checkout") {"{"} responsetime &gt; 1 {"}"}
          </code>
          .
        </p>
      )}
    </main>
  );
}

interface GroupRowProps {
  group: XRayGroup;
  confirming: boolean;
  onEdit: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
}

function GroupRow({
  group,
  confirming,
  onEdit,
  onAskDelete,
  onCancelDelete,
  onDelete,
}: GroupRowProps) {
  const name = group.GroupName;
  const isDefault = name === DEFAULT_GROUP_NAME;
  const query = new URLSearchParams({ group: name }).toString();
  return (
    <tr data-testid={GROUPS.row} data-group-name={name}>
      <th scope="row">{name}</th>
      <td>
        {isDefault ? (
          <span className="groups-muted">every trace</span>
        ) : group.FilterExpression ? (
          <code className="groups-filter">{group.FilterExpression}</code>
        ) : (
          <span className="groups-muted">(empty: every trace)</span>
        )}
      </td>
      <td className="groups-actions">
        <Link to={`/?${query}`} data-testid={GROUPS.showTraces}>
          Show traces
        </Link>
        <Link to={`/map?${query}`} data-testid={GROUPS.showMap}>
          Show map
        </Link>
        {isDefault ? (
          <span
            className="groups-muted"
            title="Default holds every trace: it cannot be edited or deleted"
          >
            built in
          </span>
        ) : confirming ? (
          <span className="groups-confirm">
            Delete {name}?
            <button
              type="button"
              className="action-button danger"
              data-testid={GROUPS.confirmDelete}
              onClick={onDelete}
            >
              Delete
            </button>
            <button type="button" className="action-button" onClick={onCancelDelete}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button
              type="button"
              className="action-button"
              data-testid={GROUPS.edit}
              aria-label={`Edit ${name}`}
              onClick={onEdit}
            >
              Edit
            </button>
            <button
              type="button"
              className="action-button"
              data-testid={GROUPS.delete}
              aria-label={`Delete ${name}`}
              onClick={onAskDelete}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
