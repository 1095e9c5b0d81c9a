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
]);
