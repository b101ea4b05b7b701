export const LAYOUT = {
  /** The phone-width button that shows and hides the sections. */
  menu: "layout-menu",
} as const;
