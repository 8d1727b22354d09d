// `npm run test:rabbitmq`: only the differential suite, without the main config's global setup
// (which builds dist/ for the end-to-end tests).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: {
    alias: { "mqtutor/broker": fileURLToPath(new URL("../../src/broker/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/rabbitmq/**/*.test.ts"],
    pool: "forks",
    // The scenarios and the model run wait on the server, not the CPU: run the two files together.
    maxWorkers: 2,
    testTimeout: 60_000,
    // Run on purpose: a missing server is a failure, never a skip.
    env: { MQTUTOR_RABBITMQ: "required" },
  },
});
