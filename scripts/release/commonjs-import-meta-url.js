// Injected into the CommonJS build wherever a module reads `import.meta.url`: the file's own
// URL, from `__filename`, as the ES module build has it. (Pure, so other modules leave it out.)
export const __importMetaUrl = /* @__PURE__ */ (() =>
  require("node:url").pathToFileURL(__filename).href)();
