import { startEarlyReads } from "./api/early-reads.ts";
import "./styles/theme.css";
import "./styles/action-button.css";

const container = document.getElementById("root");
if (!container) throw new Error("the page has no #root element");
// The page's trace is read while the app's code loads and starts (a file of its own).
startEarlyReads(window.location);
import("./app/start-app.tsx").then(
  ({ startApp }) => startApp(container),
  (error: unknown) => {
    const message = document.createElement("p");
    message.className = "page-message";
    message.setAttribute("role", "alert");
    message.textContent = `The viewer could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
    container.replaceChildren(message);
  },
);
