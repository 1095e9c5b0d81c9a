import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

const shared = {
  target: "es2022",
  sourcemap: true,
  splitting: false,
  platform: "node" as const,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

// The browser build (package.json `browser` condition): the same upload logic, with the modules
// that need Node swapped for their browser versions: fetch for the PUT, Blobs for the source, and
// (below) Web Crypto for the ClientToken.
const BROWSER_MODULES: Record<string, string> = {
  "./put.js": "src/put.browser.ts",
  "./source.js": "src/source.browser.ts",
};
const browserModules = {
  name: "browser-modules",
  setup(build: { onResolve: Function }) {
    build.onResolve({ filter: /^\.\/(put|source)\.js$/ }, (args: { path: string; importer: string }) =>
      // The browser modules import the Node ones for their types only: never swap those imports.
      args.importer.endsWith(".browser.ts") ? undefined : { path: fileURLToPath(new URL(BROWSER_MODULES[args.path]!, import.meta.url)) },
    );
  },
};

export default defineConfig([
  { ...shared, format: ["esm", "cjs"], entry: { index: "src/index.ts" }, dts: true, clean: true },
  {
    ...shared,
    format: ["esm", "cjs"],
    entry: { "index.browser": "src/index.ts" },
    platform: "browser",
    // Kept, so the alias below sees `node:crypto` (tsup would rewrite it to an external `crypto`).
    removeNodeProtocol: false,
    esbuildPlugins: [browserModules],
    esbuildOptions(options) {
      options.alias = { ...options.alias, "node:crypto": fileURLToPath(new URL("src/crypto.browser.ts", import.meta.url)) };
    },
  },
  // The command line (package.json `bin`): CommonJS only.
  { ...shared, format: ["cjs"], entry: { cli: "src/cli.ts" } },
]);
