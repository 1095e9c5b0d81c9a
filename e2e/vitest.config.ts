import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packing and `npm install` from the registry happen once, in the consumer suite's beforeAll.
    hookTimeout: 150_000,
    testTimeout: 60_000,
  },
});
