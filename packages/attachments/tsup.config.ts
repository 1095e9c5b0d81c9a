import { defineConfig } from "tsup";
import pkg from "./package.json" with { type: "json" };

const shared = {
  target: "es2022",
  sourcemap: true,
  splitting: false,
  platform: "node" as const,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
};

export default defineConfig([
  { ...shared, format: ["esm", "cjs"], entry: { index: "src/index.ts" }, dts: true, clean: true },
  // The command line (package.json `bin`): CommonJS only.
  { ...shared, format: ["cjs"], entry: { cli: "src/cli.ts" } },
]);
