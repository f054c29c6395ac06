import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // e2e files each start a real Bolt app and a stand-in Slack; two cores run them fine in parallel.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
