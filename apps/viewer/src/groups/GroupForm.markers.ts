export const GROUP_FORM = {
  root: "group-form",
  name: "group-form-name",
  nameError: "group-form-name-error",
  filter: "group-form-filter",
  filterError: "group-form-filter-error",
  /** The offending part of the expression, underlined. */
  filterErrorMark: "group-form-filter-error-mark",
  submit: "group-form-submit",
  cancel: "group-form-cancel",
  serverError: "group-form-server-error",
} as const;
