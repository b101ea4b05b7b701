import { NavLink, Outlet } from "react-router";
import { SessionStatus } from "../auth/SessionStatus.tsx";
import { ConnectionStatus } from "../live/ConnectionStatus.tsx";
import { useLiveConnection } from "../live/use-live-connection.ts";
import { ThemeToggle } from "../theme/ThemeToggle.tsx";
import "./layout.css";

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
  return (
    <div className="layout">
      <header className="layout-header">
        <span className="layout-brand">xray-sandbox</span>
        <nav aria-label="Sections">
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
