import { defineConfig } from "vitest/config";

// Scaffolded once by sdkgen; yours to edit. The tests import @connect-sdk/test-fixtures by name, which
// resolves through package.json `exports` to the built dist/ as it does for consumers: build first.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
