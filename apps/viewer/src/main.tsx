import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import "./styles/theme.css";
import "./styles/action-button.css";
import "./styles/form-card.css";

const container = document.getElementById("root");
if (!container) throw new Error("the page has no #root element");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
