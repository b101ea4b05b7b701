import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `pnpm --filter @xray-sandbox/viewer dev` sends API and live traffic. */
const daemon = process.env.XRAY_SANDBOX_URL ?? "http://127.0.0.1:2000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Each view is a file of its own (src/app/route-modules.ts); what they share goes in
        // two files, React and the router in one, the app's common code in the other, rather
        // than in a score of small ones the page would wait on.
        codeSplitting: {
          groups: [
            // What the page's first script runs at once (the early reads, src/api/early-reads.ts)
            // in a small file of its own: the first script waits for nothing else before it
            // asks for the page's trace, not for React and the common code to load and run.
            {
              name: "early-reads",
              test: /([\\/]src[\\/]api[\\/]early-reads\.ts|[\\/]segments[\\/]src[\\/]auth-contract\.ts)$/,
            },
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|zustand|@tanstack)[\\/]/,
            },
            { name: "shared", minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: daemon, ws: true, changeOrigin: true },
      // The X-Ray API operations the map, groups and sampling views call (POST /ServiceGraph, ...).
      "^/[A-Z][A-Za-z]+$": { target: daemon, changeOrigin: true },
    },
  },
});
