export const JSON_TREE = {
  root: "json-tree",
  /** Every value in the tree; `data-path` holds its path (`profile.roles.0`). */
  node: "json-node",
  toggle: "json-toggle",
  copy: "json-copy",
  more: "json-more",
} as const;
