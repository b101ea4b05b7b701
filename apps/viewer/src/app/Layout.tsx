import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { SessionStatus } from "../auth/SessionStatus.tsx";
import { ConnectionStatus } from "../live/ConnectionStatus.tsx";
import { useLiveConnection } from "../live/use-live-connection.ts";
import { ThemeToggle } from "../theme/ThemeToggle.tsx";
import { LAYOUT } from "./Layout.markers.ts";
import "./layout.css";
import { useIdlePreload } from "./use-idle-preload.ts";

const SECTIONS = [
  { to: "/", label: "Traces", end: true },
  { to: "/map", label: "Service map", end: false },
  { to: "/groups", label: "Groups", end: false },
  { to: "/sampling", label: "Sampling", end: false },
  { to: "/rejected", label: "Rejected", end: false },
] as const;

/** The frame around every view: navigation on top, the view below. */
export function Layout() {
  useLiveConnection();
  useIdlePreload();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // A section picked from the phone menu closes it.
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="layout">
      <header className={`layout-header${menuOpen ? " is-menu-open" : ""}`}>
        <span className="layout-brand">xray-sandbox</span>
        <button
          type="button"
          className="layout-menu-button"
          aria-expanded={menuOpen}
          aria-controls="layout-sections"
          data-testid={LAYOUT.menu}
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="layout-sections" aria-label="Sections">
          {SECTIONS.map((section) => (
            <NavLink key={section.to} to={section.to} end={section.end} className="layout-link">
              {section.label}
            </NavLink>
          ))}
        </nav>
        <div className="layout-status" id="layout-status">
          <ConnectionStatus />
          <SessionStatus />
          <ThemeToggle />
        </div>
      </header>
      <div className="layout-body">
        <Outlet />
      </div>
    </div>
  );
}
