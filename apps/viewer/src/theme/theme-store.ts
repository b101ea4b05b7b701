import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import {
  DARK_QUERY,
  loadTheme,
  oppositeTheme,
  resolveTheme,
  saveTheme,
  type Theme,
  type ThemeStorage,
} from "./theme.ts";

export interface ThemeState {
  /** What the user picked, remembered across visits; undefined follows the system. */
  readonly chosen: Theme | undefined;
  readonly systemDark: boolean;
  toggle(): void;
  systemChanged(dark: boolean): void;
}

function pageStorage(): ThemeStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.(DARK_QUERY).matches ?? false;
}

export function createThemeStore(storage: ThemeStorage | undefined = pageStorage()) {
  return createStore<ThemeState>()((set, get) => ({
    chosen: loadTheme(storage),
    systemDark: systemPrefersDark(),
    toggle: () => {
      const next = oppositeTheme(resolveTheme(get().chosen, get().systemDark));
      saveTheme(storage, next);
      set({ chosen: next });
    },
    systemChanged: (dark) => set({ systemDark: dark }),
  }));
}

export const themeStore = createThemeStore();

/** The theme in force: `light` or `dark`. */
export function useTheme(): Theme {
  return useStore(themeStore, (state) => resolveTheme(state.chosen, state.systemDark));
}
