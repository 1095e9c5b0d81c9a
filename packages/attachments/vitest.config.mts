import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not performance checks: on a busy two-core CI machine a case can run
    // several times slower than alone.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
