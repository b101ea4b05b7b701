// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GROUP_FORM } from "./GroupForm.markers.ts";
import { GroupForm } from "./GroupForm.tsx";

afterEach(cleanup);

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe("GroupForm", () => {
  it("underlines the part of the filter the parser stopped at, with what it expected", () => {
    render(<GroupForm onSave={vi.fn()} onCancel={vi.fn()} />);
    type(GROUP_FORM.filter, "fault AND htp.status = 500");

    expect(screen.getByTestId(GROUP_FORM.filterErrorMark).textContent).toBe("htp.status");
    const message = screen.getByTestId(GROUP_FORM.filterError).textContent ?? "";
    expect(message).toContain("line 1, column 11");
    expect(screen.getByTestId(GROUP_FORM.filter).getAttribute("aria-invalid")).toBe("true");

    type(GROUP_FORM.filter, "fault AND http.status = 500");
    expect(screen.queryByTestId(GROUP_FORM.filterError)).toBeNull();
    expect(screen.getByTestId(GROUP_FORM.filter).getAttribute("aria-invalid")).toBe("false");
  });

  it("marks the place where the expression stops too early", () => {
    render(<GroupForm onSave={vi.fn()} onCancel={vi.fn()} />);
    type(GROUP_FORM.filter, 'service("api") {\n  http.status =');
    const mark = screen.getByTestId(GROUP_FORM.filterErrorMark);
    expect(mark.className).toContain("at-end");
    expect(screen.getByTestId(GROUP_FORM.filterError).textContent).toContain("line 2");
  });

  it("explains a name X-Ray would refuse as it is typed", () => {
    render(<GroupForm onSave={vi.fn()} onCancel={vi.fn()} />);
    type(GROUP_FORM.name, "slow_calls");
    expect(screen.getByTestId(GROUP_FORM.nameError).textContent).toBe(
      'Only letters, digits and dashes; not "_".',
    );
    type(GROUP_FORM.name, "x".repeat(33));
    expect(screen.getByTestId(GROUP_FORM.nameError).textContent).toContain("At most 32");
    type(GROUP_FORM.name, "slow-calls");
    expect(screen.queryByTestId(GROUP_FORM.nameError)).toBeNull();
  });

  it("does not save an invalid group", () => {
    const onSave = vi.fn(async () => undefined);
    render(<GroupForm onSave={onSave} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByTestId(GROUP_FORM.submit));
    expect(screen.getByTestId(GROUP_FORM.nameError).textContent).toBe("Give the group a name.");
    type(GROUP_FORM.name, "faults");
    type(GROUP_FORM.filter, "fault AND");
    fireEvent.click(screen.getByTestId(GROUP_FORM.submit));
    expect(onSave).not.toHaveBeenCalled();
  });

  it("saves a valid group and shows the daemon's refusal inline", async () => {
    const onSave = vi.fn(async () => {
      throw new Error('a group named "faults" already exists');
    });
    render(<GroupForm onSave={onSave} onCancel={vi.fn()} />);
    type(GROUP_FORM.name, "faults");
    type(GROUP_FORM.filter, "fault");
    fireEvent.click(screen.getByTestId(GROUP_FORM.submit));

    await waitFor(() => expect(screen.getByTestId(GROUP_FORM.serverError)).toBeTruthy());
    expect(onSave).toHaveBeenCalledWith("faults", "fault");
    expect(screen.getByTestId(GROUP_FORM.serverError).textContent).toContain(
      'a group named "faults" already exists',
    );
  });

  it("edits only the filter of an existing group", () => {
    render(
      <GroupForm
        group={{ GroupName: "faults", GroupARN: "arn:x", FilterExpression: "fault" }}
        onSave={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const name = screen.getByTestId(GROUP_FORM.name) as HTMLInputElement;
    expect(name.value).toBe("faults");
    expect(name.disabled).toBe(true);
    expect((screen.getByTestId(GROUP_FORM.filter) as HTMLTextAreaElement).value).toBe("fault");
  });
});
