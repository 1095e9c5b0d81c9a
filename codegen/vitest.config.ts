import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The protocol suite (test/protocol) generates a client for Smithy's RestJson test service into
// test/.generated at test time; its client imports the types package by name, resolved here.
// One folder per run, so that runs side by side do not overwrite each other's client.
const runDir = (process.env.SDKGEN_PROTOCOL_OUT ??= fileURLToPath(new URL(`./test/.generated/run-${process.pid}`, import.meta.url)));

export default defineConfig({
  resolve: {
    alias: [
      { find: "rest-json-protocol-types", replacement: join(runDir, "rest-json-protocol-types/src/index.ts") },
      { find: "weather-types", replacement: join(runDir, "weather-types/src/index.ts") },
      { find: "numbers-types", replacement: join(runDir, "numbers-types/src/index.ts") },
      // The other protocols' suites (test/protocol/suite.ts) name their test services' types packages so.
      { find: /^(sdkgen-pt-[a-z0-9-]+-types)$/, replacement: join(`${runDir}-protocols`, "$1/src/index.ts") },
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
