import { definePackage } from "@connect-sdk/build-preset";
import pkg from "./package.json" with { type: "json" };

export default definePackage(pkg, {
  // `arbitrary` has its own entry point so that only its users need fast-check (an optional peer);
  // `pattern` and `symbols` are light entry points for the generator.
  entry: { index: "src/index.ts", arbitrary: "src/arbitrary.ts", pattern: "src/pattern.ts", symbols: "src/symbols.ts" },
});
