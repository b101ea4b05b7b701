import { useEffect, useLayoutEffect } from "react";
import { useStore } from "zustand";
import { THEME_TOGGLE } from "./ThemeToggle.markers.ts";
import { applyTheme, DARK_QUERY, oppositeTheme } from "./theme.ts";
import { themeStore, useTheme } from "./theme-store.ts";
import "./theme-toggle.css";

/**
 * Switches between the light and dark themes, and keeps `<html data-theme>` on the theme in
 * force. Until the user picks one, the theme follows the system's setting, live.
 */
export function ThemeToggle() {
  const theme = useTheme();
  const chosen = useStore(themeStore, (state) => state.chosen);
  const toggle = useStore(themeStore, (state) => state.toggle);

  useLayoutEffect(() => applyTheme(document.documentElement, theme), [theme]);

  useEffect(() => {
    const query = globalThis.matchMedia?.(DARK_QUERY);
    if (!query) return;
    const onChange = (event: MediaQueryListEvent) =>
      themeStore.getState().systemChanged(event.matches);
    query.addEventListener("change", onChange);
    // The system's setting may have changed between the page's start and this mount.
    themeStore.getState().systemChanged(query.matches);
    return () => query.removeEventListener("change", onChange);
  }, []);

  const next = oppositeTheme(theme);
  const source = chosen ? "your choice" : "following the system";
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid={THEME_TOGGLE.button}
      data-theme-now={theme}
      aria-label={`Switch to the ${next} theme`}
      title={`Theme: ${theme} (${source}). Click for ${next}.`}
      onClick={toggle}
    >
      {theme === "dark" ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}

function SunIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r="3" fill="currentColor" />
      <g stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
        <path d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6L13 13M3 13l1.4-1.4M11.6 4.4L13 3" />
      </g>
    </svg>
  );
}

function MoonIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M13.5 10.2A6 6 0 0 1 5.8 2.5a6 6 0 1 0 7.7 7.7z" fill="currentColor" />
    </svg>
  );
}
