import { definePackage } from "@connect-sdk/build-preset";
import pkg from "./package.json" with { type: "json" };

// Scaffolded once by sdkgen; yours to edit. The shared preset builds ESM and CommonJS with
// declarations; the runtime (@connect-sdk/*, @smithy/*) stays a dependency, never bundled.
export default definePackage(pkg, {
  entry: { index: "src/index.ts", credentials: "src/gen/credentials.ts" },
  browser: { entry: { "index.browser": "src/index.ts" } },
});
