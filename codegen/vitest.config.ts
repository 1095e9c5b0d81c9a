import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The protocol suite (test/protocol) and the runtime tests (test/runtime) generate clients into
// test/.generated at test time; a client imports its types package (`<sdk-id>-types`) by name,
// resolved here.
// One folder per run, so that runs side by side do not overwrite each other's client.
const runDir = (process.env.SDKGEN_PROTOCOL_OUT ??= fileURLToPath(new URL(`./test/.generated/run-${process.pid}`, import.meta.url)));

export default defineConfig({
  resolve: {
    alias: [
      // The other protocols' suites (test/protocol/suite.ts) name their test services' types packages so.
      { find: /^(sdkgen-pt-[a-z0-9-]+-types)$/, replacement: join(`${runDir}-protocols`, "$1/src/index.ts") },
      // Suites that generate into a folder of their own.
      { find: "checksum-test-types", replacement: join(runDir, "checksums/checksum-test-types/src/index.ts") },
      { find: "lambda-types", replacement: join(runDir, "blob-payloads/lambda-types/src/index.ts") },
      { find: "real-glacier-types", replacement: join(runDir, "customizations/glacier-types/src/index.ts") },
      { find: "real-api-gateway-types", replacement: join(runDir, "customizations/api-gateway-types/src/index.ts") },
      { find: /^([a-z0-9]+(?:-[a-z0-9]+)*-types)$/, replacement: join(runDir, "$1/src/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/.generated/**", "**/node_modules/**"],
    // Timeouts guard against hangs, they are not performance checks: CI runs every package's
    // tests at once on two cores, where CPU-bound cases run several times slower than alone.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
