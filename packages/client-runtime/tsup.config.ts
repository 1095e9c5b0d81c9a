import { definePackage } from "@connect-sdk/build-preset";
import pkg from "./package.json" with { type: "json" };

export default definePackage(pkg, {
  // `credentials`: the AWS default credential chain, Node only, loaded by the client on first use.
  // `checksums`: `aws.protocols#httpChecksum`, imported only by clients whose model has it.
  entry: { index: "src/index.ts", credentials: "src/credentials.ts", checksums: "src/checksums.ts", symbols: "src/symbols.ts" },
  browser: { entry: { "index.browser": "src/index.ts" }, swaps: { "./platform.js": "src/platform.browser.ts", "./gzip.js": "src/gzip.browser.ts" } },
});
