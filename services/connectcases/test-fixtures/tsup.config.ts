import { definePackage } from "@connect-sdk/build-preset";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit. `./arbitraries` has its own entry point, so that only
// its users need fast-check (an optional peer); the command line (package.json `bin`, through the
// launcher in bin/) is CommonJS only.
export default definePackage(pkg, {
  entry: { index: "src/index.ts", arbitraries: "src/gen/arbitraries-entry.ts" },
  cli: { bin: "src/bin.ts" },
});
