import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packing and `npm install` from the registry happen once, in the consumer suite's beforeAll.
    hookTimeout: 600_000,
    // Hang guards, not performance checks: tsc over every shipped declaration file is CPU-bound and
    // runs several times slower on a busy two-core machine.
    testTimeout: 300_000,
  },
});
