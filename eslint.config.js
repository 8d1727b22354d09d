// Lint, with the import boundaries of STYLE.md enforced per folder.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const uiLibs = ["ink", "ink-*", "react", "react/*", "commander", "marked", "highlight.js", "highlight.js/*"];
const nodeIo = ["node:fs", "node:fs/*", "node:child_process", "node:net", "node:http", "node:os", "fs", "fs/*", "child_process"];

const restrict = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".tmp/**", "test/fixtures/**", "test/exercise-proofs/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/broker/**/*.ts"],
    ignores: ["src/broker/**/*.test.ts"],
    rules: restrict(
      ["../*", "!../clock.js", "!../errors.js", "!../trace.js", "!../random.js", "!../*.js", ...uiLibs, ...nodeIo],
      "The broker imports nothing else of ours and does no I/O (STYLE.md: dependencies point inward).",
    ),
  },
  {
    files: ["src/content/**/*.ts", "src/learning/**/*.ts", "src/exercises/**/*.ts"],
    ignores: ["**/*.test.ts", "src/**/fs-*.ts", "src/**/*-fs.ts", "src/**/node-*.ts"],
    rules: restrict(
      ["**/ui/**", "**/cli/**", ...uiLibs],
      "The core never imports ui, cli, ink, react or commander (STYLE.md).",
    ),
  },
  {
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: restrict(
      ["**/cli/**", "commander", "**/progress-store*", "**/fs-*", ...nodeIo],
      "The UI gets its effects through props or context, never by importing the store, the runner or the CLI (STYLE.md).",
    ),
  },
);
