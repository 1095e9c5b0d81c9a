import { rmSync } from "node:fs";
import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit.
const shared = {
  target: "es2022",
  sourcemap: true,
  splitting: false,
  platform: "node" as const,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

// dist is emptied once, here, rather than with tsup's `clean`: a config with `clean` also deletes every
// .d.ts in dist from its declaration worker, racing the declarations of the other entries.
rmSync("dist", { recursive: true, force: true });

export default defineConfig([
  { ...shared, format: ["esm", "cjs"], entry: { index: "src/index.ts" }, dts: true },
  // `./arbitraries`: its own entry point, so that only its users need fast-check (an optional peer).
  { ...shared, format: ["esm", "cjs"], entry: { arbitraries: "src/gen/arbitraries-entry.ts" }, dts: true },
  // The command line (package.json `bin`, through the launcher in bin/): CommonJS only.
  { ...shared, format: ["cjs"], entry: { bin: "src/bin.ts" } },
]);
