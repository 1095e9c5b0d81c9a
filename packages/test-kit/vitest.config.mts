import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Timeouts guard against hangs, they are not performance checks: CI runs every package's
    // tests at once on two cores, where CPU-bound cases run several times slower than alone.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
