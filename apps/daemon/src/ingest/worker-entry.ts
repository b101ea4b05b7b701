/**
 * Where the UDP receive worker's code is: beside this module, with this module's own
 * extension. Run from TypeScript (tsx, vitest) that is `udp-worker.ts`; from a build that
 * compiles or bundles this module, the built worker must be emitted beside it under the same
 * extension (`udp-worker.js`, `udp-worker.mjs`). The one place to change when the layout does.
 */
export function ingestWorkerUrl(): URL {
  const own = new URL(import.meta.url);
  const extension = own.pathname.slice(own.pathname.lastIndexOf("."));
  return new URL(`./udp-worker${extension}`, own);
}
