// The whole app in a real terminal, the way a learner uses it every day (issue 10): start on the
// home screen, read and scroll a lesson, answer a quiz question, fail an exercise and pass it
// by saving the solution without leaving its screen, draw a topic in the playground, and quit
// with the terminal given back.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { root } from "./helpers/binary.js";
import { TmuxSession, hasTmux } from "./helpers/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.kill();
});

describe.skipIf(!hasTmux())("one app, every screen reachable from home and back", () => {
  it("home → lesson → quiz → exercise (fail, then pass on save) → playground → quit", async () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-e2e-home-"));
    const ws = mkdtempSync(join(tmpdir(), "mqtutor-e2e-ws-"));
    const t = new TmuxSession([], { MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: ws }, { columns: 80, rows: 24 });
    sessions.push(t);
    await t.waitFor((s) => s.includes("c continue: read lesson 1"), 20_000);

    // A lesson, scrolled, and back.
    t.send("Enter");
    await t.waitFor((s) => s.includes("Lesson 1:") && /lines 1-\d+ of/.test(s));
    t.send("Space");
    await t.waitFor((s) => !/lines 1-/.test(s));
    t.send("q");
    await t.waitFor((s) => s.includes("c continue"));

    // One quiz question of lesson 1, answered right, then stop.
    t.send("t");
    await t.waitFor((s) => s.includes("Question 1 of 2"), 20_000);
    t.send("1");
    t.send("Enter");
    await t.waitFor((s) => s.includes("Right."));
    t.send("q");
    await t.waitFor((s) => s.includes("c continue"), 20_000);

    // The exercise: the starter fails; saving the solution re-checks and passes, same screen.
    t.send("e");
    await t.waitFor((s) => s.includes("First failure:"), 30_000);
    copyFileSync(join(root, "exercises/01-worker-pool/solution.ts"), join(ws, "01-worker-pool.ts"));
    await t.waitFor((s) => s.includes("worker-pool: passed"), 30_000);
    t.send("q");
    const back = await t.waitFor((s) => s.includes("c continue"), 20_000);
    expect(back).toMatch(/> \[~\] \[✓\] [0-9]\/2 +1 Why Async/);
    expect(back).toContain("Exercises 1/10");

    // The playground: a topic, drawn; .exit comes back home.
    t.send("y");
    await t.waitFor((s) => s.includes(".help"), 20_000);
    t.send("-l", 'topic("orders", 3); produce("orders", "customer-7", "created")');
    t.send("Enter");
    t.send("-l", ".draw orders");
    t.send("Enter");
    await t.waitFor((s) => s.includes("orders") && /partition|p0/.test(s), 20_000);
    t.send("-l", ".exit");
    t.send("Enter");
    await t.waitFor((s) => s.includes("c continue"), 20_000);

    // Quit: the terminal is given back (the app's screen is gone), exit 0.
    t.send("q");
    const after = await t.waitFor((s) => s.includes("[exit 0]"), 20_000);
    expect(after).not.toContain("c continue");
  }, 240_000);
});

describe.skipIf(!hasTmux())("Ctrl+C anywhere", () => {
  it("on the exercise screen opened from home, quits the app with 130 and gives the terminal back", async () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-e2e-home-"));
    const ws = mkdtempSync(join(tmpdir(), "mqtutor-e2e-ws-"));
    const t = new TmuxSession([], { MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: ws }, { columns: 60, rows: 20 });
    sessions.push(t);
    await t.waitFor((s) => s.includes("c continue"), 20_000);
    t.send("e");
    // Once the screen is up and has shown its first result (keys are read in raw mode).
    await t.waitFor((s) => s.includes("First failure:"), 30_000);
    t.send("C-c");
    const after = await t.waitFor((s) => s.includes("[exit 130]"), 20_000);
    expect(after).not.toContain("q back");
  }, 120_000);
});

describe.skipIf(!hasTmux())("the watch loop with modules of the learner's own", () => {
  it("re-checks when a helper the learner's file imports is saved, not only the file itself", async () => {
    const home = mkdtempSync(join(tmpdir(), "mqtutor-e2e-home-"));
    const ws = mkdtempSync(join(tmpdir(), "mqtutor-e2e-ws-"));
    // The learner's file only re-exports; the work is in lib/pool.ts, the starter for now.
    mkdirSync(join(ws, "lib"));
    copyFileSync(join(root, "exercises/01-worker-pool/starter.ts"), join(ws, "lib", "pool.ts"));
    writeFileSync(join(ws, "01-worker-pool.ts"), `export * from "./lib/pool.js";\n`);
    const t = new TmuxSession(["exercise", "1"], { MQTUTOR_HOME: home, MQTUTOR_WORKSPACE: ws }, { columns: 80, rows: 24 });
    sessions.push(t);
    await t.waitFor((s) => s.includes("First failure:"), 30_000);
    copyFileSync(join(root, "exercises/01-worker-pool/solution.ts"), join(ws, "lib", "pool.ts"));
    await t.waitFor((s) => s.includes("worker-pool: passed"), 30_000);
    t.send("q");
    await t.waitFor((s) => s.includes("[exit 0]"), 20_000);
  }, 120_000);
});
