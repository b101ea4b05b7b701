import { startEarlyReads } from "./api/early-reads.ts";
import { preloadViewOf } from "./app/route-modules.ts";
import "./styles/theme.css";
import "./styles/action-button.css";
import "./styles/form-card.css";

const container = document.getElementById("root");
if (!container) throw new Error("the page has no #root element");
// The page's trace is read, and its view's code loaded, while the app's code loads and starts.
startEarlyReads(window.location);
// The app starts once its view's code is here too: a view whose code is still loading shows a
// fallback, and React then holds the view back for a moment even after the code arrives.
Promise.all([import("./app/StartApp.tsx"), preloadViewOf(window.location.pathname)]).then(
  ([{ startApp }]) => startApp(container),
  (error: unknown) => {
    const message = document.createElement("p");
    message.className = "page-message";
    message.setAttribute("role", "alert");
    message.textContent = `The viewer could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
    container.replaceChildren(message);
  },
);
