export type Theme = "light" | "dark";

export const THEME_KEY = "xray-sandbox.theme";
export const DARK_QUERY = "(prefers-color-scheme: dark)";

export type ThemeStorage = Pick<Storage, "getItem" | "setItem">;

/** The user's choice wins; until they make one, the system's preference. */
export function resolveTheme(chosen: Theme | undefined, systemDark: boolean): Theme {
  return chosen ?? (systemDark ? "dark" : "light");
}

export function oppositeTheme(theme: Theme): Theme {
  return theme === "dark" ? "light" : "dark";
}

export function loadTheme(storage: ThemeStorage | undefined): Theme | undefined {
  try {
    const stored = storage?.getItem(THEME_KEY);
    return stored === "light" || stored === "dark" ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveTheme(storage: ThemeStorage | undefined, theme: Theme): void {
  try {
    storage?.setItem(THEME_KEY, theme);
  } catch {
    // A private window may refuse; the choice still holds for this page.
  }
}

/** `theme.css` switches every colour on this attribute. */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.dataset.theme = theme;
}
