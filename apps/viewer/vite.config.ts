import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Where `pnpm --filter @xray-sandbox/viewer dev` sends API and live traffic. */
const daemon = process.env.XRAY_SANDBOX_URL ?? "http://127.0.0.1:2000";

/**
 * The page's first script loads the app with `import()` (src/main.tsx), so the build would not
 * name the app's files in `index.html`: the browser would find them only once that script has
 * run. This lists them there as `modulepreload` links, loaded alongside the first script.
 */
function preloadApp(): Plugin {
  return {
    name: "xray-sandbox:preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        const app = chunk.dynamicImports.find((file) => /\/StartApp-[^/]*\.js$/.test(file));
        if (!app) return [];
        const files: string[] = [];
        const visit = (file: string): void => {
          const output = bundle[file];
          const known =
            files.includes(file) || file === chunk.fileName || chunk.imports.includes(file);
          if (known || output?.type !== "chunk") return;
          files.push(file);
          for (const imported of output.imports) visit(imported);
        };
        visit(app);
        return files.map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadApp()],
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
