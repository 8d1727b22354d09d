import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { learnersOwn, linkRelative, VERSIONS_KEPT, pruneTrees, pruneVersions } from "./node-compile.js";

const dir = mkdtempSync(join(tmpdir(), "mqtutor-build-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the compiled files' cache", () => {
  it("keeps the newest versions of a file, with their facts, and leaves other files alone", () => {
    const t0 = Date.now() / 1000 - 1000;
    for (let i = 0; i < 12; i++) {
      const js = join(dir, `03-retrying-consumer-subject-${String(i).padStart(16, "0")}.mjs`);
      writeFileSync(js, "");
      writeFileSync(`${js}.json`, "{}");
      utimesSync(js, t0 + i, t0 + i);
    }
    writeFileSync(join(dir, "03-retrying-consumer-check-aaaa.mjs"), "");
    writeFileSync(join(dir, "typescript-5.9.3-node-v20-x64.v8cache"), "");
    pruneVersions(dir, "03-retrying-consumer-subject-");
    const left = readdirSync(dir).sort();
    const subjects = left.filter((f) => f.includes("-subject-") && f.endsWith(".mjs"));
    expect(subjects).toHaveLength(VERSIONS_KEPT);
    // The newest ones (4 to 11), each with its facts.
    expect(subjects[0]).toContain(String(12 - VERSIONS_KEPT).padStart(16, "0"));
    for (const s of subjects) expect(left).toContain(`${s}.json`);
    expect(left).toContain("03-retrying-consumer-check-aaaa.mjs");
    expect(left).toContain("typescript-5.9.3-node-v20-x64.v8cache");
  });

  it("keeps the newest trees of the learner's modules, and clears a tree a killed run left half written", () => {
    const lib = join(dir, "lib");
    const t0 = Date.now() / 1000 - 1000;
    const make = (name: string, at: number) => {
      mkdirSync(join(lib, name, "tmp"), { recursive: true });
      writeFileSync(join(lib, name, "tmp", "a.js"), "");
      utimesSync(join(lib, name), at, at);
    };
    for (let i = 0; i < 20; i++) make(String(i).padStart(16, "0"), t0 + i);
    make("0000000000000099.123-0.tmp", t0); // a killed run's, long ago
    make("0000000000000098.124-0.tmp", Date.now() / 1000); // being written now
    pruneTrees(lib);
    const left = readdirSync(lib).sort();
    expect(left.filter((f) => !f.includes("."))).toEqual(Array.from({ length: VERSIONS_KEPT * 2 }, (_, i) => String(20 - VERSIONS_KEPT * 2 + i).padStart(16, "0")));
    expect(left.filter((f) => f.endsWith(".tmp"))).toEqual(["0000000000000098.124-0.tmp"]);
  });

  it("does nothing, quietly, when the folder is gone", () => {
    expect(() => pruneVersions(join(dir, "missing"), "x-")).not.toThrow();
  });
});

describe("linkRelative: where a compiled module's relative imports point", () => {
  const ws = "/home/ada/ws";
  const from = `${ws}/10-notification-system.ts`;
  const locals = new Set([`${ws}/lib/channels.js`, `${ws}/lib/index.js`, `${ws}/lib/rate.js`]);
  const link = (js: string) => linkRelative(js, from, locals, (f) => `LOCAL:${f}`);

  it("links each form of import and export to the learner's module, or to the workspace file it names", () => {
    const js = [
      `import { send } from "./lib/channels.js";`,
      `import {\n  limit,\n  window as w,\n} from "./lib/rate";`,
      `export * from './lib/channels.js';`,
      `import "./lib";`,
      `import data from "./data.js";`,
      `export { x } from "../shared/x.js";`,
      `const m = await import(/* lazily */ "./lib/rate.js");`,
      "const n = await import(`./lib/channels.js`, { with: {} });",
      `import * as up from "..";`,
    ].join("\n");
    expect(link(js).split("\n")).toEqual([
      `import { send } from "LOCAL:${ws}/lib/channels.js";`,
      `import {`,
      `  limit,`,
      `  window as w,`,
      `} from "LOCAL:${ws}/lib/rate.js";`,
      `export * from 'LOCAL:${ws}/lib/channels.js';`,
      `import "LOCAL:${ws}/lib/index.js";`,
      `import data from "file://${ws}/data.js";`,
      `export { x } from "file:///home/ada/shared/x.js";`,
      `const m = await import(/* lazily */ "LOCAL:${ws}/lib/rate.js");`,
      "const n = await import(`LOCAL:" + ws + "/lib/channels.js`, { with: {} });",
      `import * as up from "file:///home/ada";`,
    ]);
  });

  it("leaves strings that only quote an import alone", () => {
    const js = [
      `const why = "moved from './inbox' to the DLQ";`,
      `log('run: import "../x.js" first');`,
      `const help = \`import { a } from "./lib/rate.js"\`;`,
      `const f = (from) => from + "./lib/rate.js";`,
    ].join("\n");
    expect(link(js)).toBe(js);
  });
});

describe("learnersOwn: which files a compile read are the learner's", () => {
  const own = (file: string, workspace = "/home/ada/ws", packageRoot = "/usr/lib/node_modules/mqtutor") =>
    learnersOwn(file, { workspace, envDts: `${workspace}/mqtutor-env.d.ts`, packageRoot });

  it("counts their files, wherever they are, and no library's or mqtutor's", () => {
    expect(own("/home/ada/ws/03-retrying-consumer.ts")).toBe(true);
    expect(own("/home/ada/ws/lib/retry.ts")).toBe(true);
    expect(own("/home/ada/shared/types.d.ts")).toBe(true);
    expect(own("/home/ada/ws/mqtutor-env.d.ts")).toBe(false);
    expect(own("/home/ada/ws/node_modules/left-pad/index.d.ts")).toBe(false);
    expect(own("/usr/lib/node_modules/mqtutor/dist/types/broker/index.d.ts")).toBe(false);
    expect(own("/opt/tsc/lib/lib.es2023.d.ts", "/home/ada/ws", "/work/mqtutor")).toBe(true); // not in node_modules: the caller's list never has it
  });

  it("counts node_modules from the workspace down, and gives a file to the nearer of workspace and package", () => {
    expect(own("/tmp/x/node_modules/ws/03-retrying-consumer.ts", "/tmp/x/node_modules/ws")).toBe(true);
    expect(own("/tmp/x/node_modules/ws/node_modules/lib/a.d.ts", "/tmp/x/node_modules/ws")).toBe(false);
    // mqtutor checked out inside the workspace, and a workspace inside mqtutor.
    expect(own("/tmp/outer/mq/dist/types/broker/index.d.ts", "/tmp/outer", "/tmp/outer/mq")).toBe(false);
    expect(own("/tmp/outer/03-retrying-consumer.ts", "/tmp/outer", "/tmp/outer/mq")).toBe(true);
    expect(own("/work/mq/ws/03-retrying-consumer.ts", "/work/mq/ws", "/work/mq")).toBe(true);
    expect(own("/work/mq/dist/types/broker/index.d.ts", "/work/mq/ws", "/work/mq")).toBe(false);
  });
});
