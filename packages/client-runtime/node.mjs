// Node's ESM entry point: the CommonJS build, re-exported. It loads @smithy/* through their
// CommonJS builds (one file per entry point) rather than their ESM builds (a module per source
// file): measured, a client's cold start is ~35 ms shorter (import of the client 65 → 30 ms, `pnpm
// bench`). ESM and CommonJS users of one process share one copy of the runtime. Bundlers take
// dist/index.mjs (the `module` condition), which tree-shakes.
export * from "./dist/index.js";
