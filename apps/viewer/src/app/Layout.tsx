import { NavLink, Outlet } from "react-router";
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
        <div className="layout-status" id="layout-status" />
      </header>
      <div className="layout-body">
        <Outlet />
      </div>
    </div>
  );
}
