import { describe, expect, it } from "vitest";
import { loadTheme, resolveTheme, saveTheme, THEME_KEY, type ThemeStorage } from "./theme.ts";
import { createThemeStore } from "./theme-store.ts";

function memoryStorage(initial: Record<string, string> = {}): ThemeStorage {
  const items = { ...initial };
  return {
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

describe("theme", () => {
  it("follows the system until the user chooses", () => {
    expect(resolveTheme(undefined, true)).toBe("dark");
    expect(resolveTheme(undefined, false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
  });

  it("remembers only a theme it knows", () => {
    const storage = memoryStorage({ [THEME_KEY]: "purple" });
    expect(loadTheme(storage)).toBeUndefined();
    saveTheme(storage, "dark");
    expect(loadTheme(storage)).toBe("dark");
  });

  it("toggles away from the theme in force and remembers the choice", () => {
    const storage = memoryStorage();
    const store = createThemeStore(storage);
    store.getState().systemChanged(true);
    store.getState().toggle();
    expect(store.getState().chosen).toBe("light");
    expect(loadTheme(storage)).toBe("light");
    store.getState().systemChanged(false);
    expect(store.getState().chosen).toBe("light");
    expect(createThemeStore(storage).getState().chosen).toBe("light");
  });
});
