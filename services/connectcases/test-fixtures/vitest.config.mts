import { defineConfig } from "vitest/config";

// Scaffolded once by sdkgen; yours to edit. The tests import @connect-sdk/test-fixtures-connectcases by name, which
// resolves through package.json `exports` to the built dist/ as it does for consumers: build first.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not performance checks: on a busy two-core CI machine a case can run
    // several times slower than alone.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
