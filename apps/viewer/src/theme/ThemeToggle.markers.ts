export const THEME_TOGGLE = {
  /** Carries `data-theme-now="light" | "dark"`. */
  button: "theme-toggle",
} as const;
