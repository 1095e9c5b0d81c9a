import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit.
const shared = {
  format: ["esm", "cjs"] as ("esm" | "cjs")[],
  target: "es2022",
  sourcemap: true,
  splitting: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

export default defineConfig([
  { ...shared, entry: { index: "src/index.ts" }, dts: true, clean: true, platform: "node" },
  {
    ...shared,
    entry: { "index.browser": "src/index.ts" },
    platform: "browser",
    esbuildPlugins: [
      {
        // The browser build takes platform.browser.ts wherever platform.ts is imported.
        name: "browser-platform",
        setup(build) {
          build.onResolve({ filter: /\/platform\.js$/ }, (args) => ({
            path: `${args.resolveDir}/${args.path.replace(/\.js$/, ".browser.ts")}`,
          }));
        },
      },
    ],
  },
]);
