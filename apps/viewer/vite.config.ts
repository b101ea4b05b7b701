import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `pnpm --filter @xray-sandbox/viewer dev` sends API and live traffic. */
const daemon = process.env.XRAY_SANDBOX_URL ?? "http://127.0.0.1:2000";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: daemon, ws: true, changeOrigin: true },
      // The X-Ray API operations the map, groups and sampling views call (POST /ServiceGraph, ...).
      "^/[A-Z][A-Za-z]+$": { target: daemon, changeOrigin: true },
    },
  },
});
