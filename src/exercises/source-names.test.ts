// A crash message names the learner's files, never their compiled copies in the cache.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cacheDir } from "./node-compile.js";
import { sourceNames } from "./source-names.js";

const ws = "/home/ada/mqtutor-exercises";
const file = join(ws, "10-notification-system.ts");
const js = join(cacheDir(ws), "10-notification-system-subject-0123456789abcdef.mjs");
const tree = join(cacheDir(ws), "lib", "fedcba9876543210");

describe("sourceNames", () => {
  it("names the learner's file and their own modules by their TypeScript paths, as paths and as URLs", () => {
    const message =
      `Cannot find module '${ws}/lib/data' imported from ${tree}${ws}/lib/channels.js\n` +
      `    at ${pathToFileURL(js).href}:3:9\n    at ${pathToFileURL(`${tree}${ws}/lib/deep/rate.mjs`).href}:12:1\n    at ${js}:4:2`;
    expect(sourceNames(message, ws, { js, file })).toBe(
      `Cannot find module '${ws}/lib/data' imported from ${ws}/lib/channels.ts\n` +
        `    at ${pathToFileURL(file).href}:3:9\n    at ${pathToFileURL(`${ws}/lib/deep/rate.mts`).href}:12:1\n    at ${file}:4:2`,
    );
  });

  it("names them in a workspace whose path has spaces, brackets or colons", () => {
    const odd = "/home/ada/my (draft): ws";
    const oddJs = join(cacheDir(odd), "03-retrying-consumer-subject-0123456789abcdef.mjs");
    const oddTree = join(cacheDir(odd), "lib", "fedcba9876543210");
    const message = `Cannot find module '${odd}/lib/data.js' imported from ${oddTree}${odd}/lib/retry (v2).js`;
    expect(sourceNames(message, odd, { js: oddJs, file: join(odd, "03-retrying-consumer.ts") })).toBe(
      `Cannot find module '${odd}/lib/data.js' imported from ${odd}/lib/retry (v2).ts`,
    );
  });

  it("drops the query the learner's module is imported under", () => {
    expect(sourceNames(`at ${pathToFileURL(js).href}?run=12:3:9`, ws, { js, file })).toBe(`at ${pathToFileURL(file).href}:3:9`);
  });

  it("leaves every other path alone", () => {
    const message = `Error: boom at ${ws}/lib/channels.ts:1:1 and /usr/lib/node_modules/mqtutor/dist/broker.js:9:9`;
    expect(sourceNames(message, ws, { js, file })).toBe(message);
  });
});
