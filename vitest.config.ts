import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "mqtutor/broker": fileURLToPath(new URL("./src/broker/index.ts", import.meta.url)),
      "mqtutor/checks": fileURLToPath(new URL("./src/exercises/check-api.ts", import.meta.url)),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/fixtures/**", "node_modules/**", "dist/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/fast-check-setup.ts"],
  },
});
