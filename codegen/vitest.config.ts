import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The protocol suite (test/protocol) generates a client for Smithy's RestJson test service into
// test/.generated at test time; its client imports the types package by name, resolved here.
// One folder per run, so that runs side by side do not overwrite each other's client.
const runDir = (process.env.SDKGEN_PROTOCOL_OUT ??= fileURLToPath(new URL(`./test/.generated/run-${process.pid}`, import.meta.url)));

export default defineConfig({
  resolve: {
    alias: {
      "rest-json-protocol-types": join(runDir, "rest-json-protocol-types/src/index.ts"),
      "rest-json-events-types": join(runDir, "rest-json-events-types/src/index.ts"),
      "bedrock-stream-types": join(runDir, "bedrock-stream-types/src/index.ts"),
      "transcribe-stream-types": join(runDir, "transcribe-stream-types/src/index.ts"),
      "weather-types": join(runDir, "weather-types/src/index.ts"),
      "numbers-types": join(runDir, "numbers-types/src/index.ts"),
    },
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
