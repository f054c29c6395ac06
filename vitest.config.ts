import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // e2e files each start a real Bolt app and a stand-in Slack, and CLI tests spawn the CLI (a few
    // seconds each on two busy cores). These are ceilings against hangs, not speed checks.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
